#include "help_i18n.h"

#include "kamgr/report/render.h"

namespace kamgr::cli {

namespace {

/// CLI11's help labels that kamgr's help shows, with their catalog keys ("REQUIRED" is
/// also a table header meaning something else).
constexpr std::pair<const char*, const char*> kLabels[] = {
    {"Usage", "Usage"},             {"OPTIONS", "OPTIONS"},         {"SUBCOMMAND", "SUBCOMMAND"},
    {"SUBCOMMANDS", "SUBCOMMANDS"}, {"Positionals", "Positionals"}, {"REQUIRED", "required"}};

/// CLI11's formatter, with the option column padded by display width (CLI11 pads by
/// bytes, which leaves Chinese labels such as 必填 out of line).
class WideFormatter : public CLI::Formatter {
 public:
  std::string make_option(const CLI::Option* opt, bool is_positional) const override {
    const std::string left = "  " + make_option_name(opt, is_positional) + make_option_opts(opt);
    const std::string description = make_option_desc(opt);
    const size_t width = display_width(left);
    std::string out = left;
    if (!description.empty()) {
      const std::string indent(column_width_, ' ');
      out += width >= column_width_ ? "\n" + indent : std::string(column_width_ - width, ' ');
      for (const char c : description) out += c == '\n' ? "\n" + indent : std::string(1, c);
    }
    return out + "\n";
  }
};

const std::string kExample = "\nExample:\n";

std::string translate_footer(const std::string& footer, Lang lang) {
  std::string out = footer;
  if (out.rfind(kExample, 0) == 0)
    out = "\n" + tr(lang, "Example:") + "\n" + out.substr(kExample.size());
  // A closing sentence of its own (the top-level help's hint) is translated whole.
  if (const size_t last = out.rfind("\n\n"); last != std::string::npos && last > 0) {
    const std::string sentence = out.substr(last + 2);
    out = out.substr(0, last + 2) + tr(lang, sentence);
  }
  return out;
}

void translate_tree(CLI::App& app, Lang lang, const std::shared_ptr<WideFormatter>& formatter) {
  app.formatter(formatter);
  app.description(tr(lang, app.get_description()));
  app.footer(translate_footer(app.get_footer(), lang));
  for (CLI::Option* opt : app.get_options()) {
    opt->description(tr(lang, opt->get_description()));
    if (!opt->get_group().empty()) opt->group(tr(lang, opt->get_group()));
    if (!opt->get_option_text().empty()) opt->option_text(tr(lang, opt->get_option_text()));
  }
  for (CLI::App* sub : app.get_subcommands({})) {
    if (!sub->get_group().empty()) sub->group(tr(lang, sub->get_group()));
    translate_tree(*sub, lang, formatter);
  }
}

}  // namespace

void translate_help(CLI::App& app, Lang lang) {
  if (lang == Lang::en) return;
  auto formatter = std::make_shared<WideFormatter>();
  for (const auto& [label, key] : kLabels) formatter->label(label, tr(lang, key));
  translate_tree(app, lang, formatter);
}

std::string lang_argument(int argc, const char* const* argv) {
  std::string lang;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--") break;
    if (arg == "--lang" && i + 1 < argc) lang = argv[++i];
    else if (arg.rfind("--lang=", 0) == 0) lang = arg.substr(7);
  }
  return lang;
}

}  // namespace kamgr::cli
