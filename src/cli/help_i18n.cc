#include "help_i18n.h"

#include <algorithm>
#include <functional>
#include <set>

#include "kamgr/render/render.h"

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

/// A command's help texts rewritten in place by `text` (translated, or collected).
using Rewrite = std::function<std::string(const std::string&)>;

/// `footer` with each line rewritten except the examples: those indented by two spaces
/// stay as typed ("\nExample:\n  kamgr ..."); blank lines stay blank.
std::string rewrite_footer(const std::string& footer, const Rewrite& text) {
  std::string out;
  for (size_t start = 0; start <= footer.size();) {
    const size_t end = std::min(footer.find('\n', start), footer.size());
    const std::string line = footer.substr(start, end - start);
    out += line.empty() || line.rfind("  ", 0) == 0 ? line : text(line);
    if (end == footer.size()) break;
    out += '\n';
    start = end + 1;
  }
  return out;
}

/// Rewrites every text of one command's help that the catalog translates: its
/// description, group and footer, and its options' descriptions, groups and texts.
void rewrite_texts(CLI::App& app, const Rewrite& text) {
  auto rewrite = [&text](const std::string& s) { return s.empty() ? s : text(s); };
  app.description(rewrite(app.get_description()));
  app.group(rewrite(app.get_group()));
  app.footer(rewrite_footer(app.get_footer(), text));
  for (CLI::Option* opt : app.get_options()) {
    opt->description(rewrite(opt->get_description()));
    opt->group(rewrite(opt->get_group()));
    if (!opt->get_option_text().empty()) opt->option_text(rewrite(opt->get_option_text()));
  }
}

/// Calls `visit` on `app` and every subcommand under it.
void for_each_command(CLI::App& app, const std::function<void(CLI::App&)>& visit) {
  visit(app);
  for (CLI::App* sub : app.get_subcommands({})) for_each_command(*sub, visit);
}

}  // namespace

void translate_help(CLI::App& app, Lang lang) {
  if (lang == Lang::en) return;
  auto formatter = std::make_shared<WideFormatter>();
  for (const auto& [label, key] : kLabels) formatter->label(label, tr(lang, key));
  for_each_command(app, [&](CLI::App& command) {
    command.formatter(formatter);
    rewrite_texts(command, [lang](const std::string& english) { return tr(lang, english); });
  });
}

std::vector<std::string> help_texts(CLI::App& app) {
  std::set<std::string> texts;
  for (const auto& [label, key] : kLabels) texts.insert(key);
  for_each_command(app, [&texts](CLI::App& command) {
    rewrite_texts(command, [&texts](const std::string& english) {
      texts.insert(english);
      return english;
    });
  });
  return {texts.begin(), texts.end()};
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
