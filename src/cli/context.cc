#include "kamgr/cli/context.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <ostream>

#include "kamgr/system/git.h"
#include "kamgr/store/repository.h"

namespace kamgr {

Context::Context(std::ostream& o, std::ostream& e, Getenv getenv, bool stdout_is_tty)
    : out(o), err(e), getenv_(std::move(getenv)), tty_(stdout_is_tty) {}

const DataDir& Context::data(bool strict) {
  if (!data_) {
    std::error_code ec;
    const fs::path cwd = fs::current_path(ec);
    data_ = DataDir::discover(options.data, getenv_("KAMGR_DATA"), cwd, diag_, strict);
    if (show_progress_ && !options.quiet) {
      progress_ = std::make_unique<Progress>(&err);
      data_->set_progress(progress_.get());
    }
    if (strict) print_warnings(diag_);
  }
  return *data_;
}

TzOffset Context::zone() {
  if (data_) return data_->config().timezone;
  try {
    return data().config().timezone;
  } catch (const Error&) {
    return TzOffset{8 * 60};
  }
}

Date parse_date_option(const std::string& text, const std::string& option) {
  const auto d = Date::parse(text);
  if (!d) throw input_error(fmt::format("invalid value for {}: '{}' is not a date (YYYY-MM-DD)",
                                        option, text));
  return *d;
}

Instant parse_instant_option(const std::string& text, const std::string& option, TzOffset zone) {
  const auto t = Instant::parse(text, zone);
  if (!t)
    throw input_error(fmt::format(
        "invalid value for {}: '{}' is not a timestamp (YYYY-MM-DDTHH:MM[:SS][+08:00])", option,
        text));
  return *t;
}

void Context::check_time_options() const {
  const TzOffset any{};  // the zone is not needed to tell whether the text is valid
  if (options.now) parse_instant_option(*options.now, "--now", any);
  if (options.today) parse_date_option(*options.today, "--today");
  if (const char* env = getenv_("KAMGR_NOW"); env && *env)
    parse_instant_option(env, "$KAMGR_NOW", any);
}

Instant Context::now() {
  if (!now_) {
    if (options.now) now_ = parse_instant_option(*options.now, "--now", zone());
    else if (options.today) now_ = Instant::at(parse_date_option(*options.today, "--today"), {}, zone());
    else if (const char* env = getenv_("KAMGR_NOW"); env && *env)
      now_ = parse_instant_option(env, "$KAMGR_NOW", zone());
    else
      now_ = Instant{std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count()};
  }
  return *now_;
}

Format Context::format() {
  const std::string& f = options.format;
  if (f.empty() || f == "table") return Format::table;
  if (f == "json") return Format::json;
  if (f == "csv") return Format::csv;
  if (f == "yaml") return Format::yaml;
  if (f == "html") return Format::html;
  throw input_error(
      fmt::format("invalid value for --format: '{}' (expected table, json, csv, yaml or html)", f));
}

Lang Context::lang() const {
  if (!options.lang.empty()) {
    if (const auto chosen = parse_lang(options.lang)) return *chosen;
    throw input_error(fmt::format("invalid value for --lang: '{}' (expected zh-CN, zh-TW or en)",
                                  options.lang));
  }
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"})
    if (const char* locale = getenv_(name); locale && *locale) return lang_of_locale(locale);
  return Lang::en;
}

bool Context::color() const {
  const char* no_color = getenv_("NO_COLOR");
  return tty_ && !options.no_color && !(no_color && *no_color);
}

std::optional<std::string> Context::acting_member_hint() const {
  if (options.as) return *options.as;
  if (const char* u = getenv_("KAMGR_USER"); u && *u) return std::string(u);
  return std::nullopt;
}

std::optional<std::string> Context::acting_member_if_any(const Team& team) {
  const std::optional<std::string> who = acting_member_hint();
  if (!who) {
    const std::string email = git_config_value(data().root(), "user.email");
    const Member* m = email.empty() ? nullptr : team.find_by_email(email);
    if (!m) return std::nullopt;
    return m->id;
  }
  if (!team.find(*who)) {
    const char* source = options.as ? "--as" : "$KAMGR_USER";
    if (const Problem* p = team.broken(*who))
      throw input_error(fmt::format("member '{}' given by {} cannot be used: {}", *who, source,
                                    p->message),
                        p->file, p->line);
    std::string message = fmt::format("unknown member '{}' given by {}", *who, source);
    if (const std::string near = closest_match(*who, team.ids()); !near.empty())
      message += fmt::format("; did you mean '{}'?", near);
    throw input_error(message);
  }
  return who;
}

std::string Context::acting_member(const Team& team) {
  if (auto who = acting_member_if_any(team)) return *who;
  throw input_error(
      "who is acting? pass --as MEMBER, set $KAMGR_USER, or set git's user.email to a member's "
      "email");
}

void Context::commit_written(const std::string& message) {
  if (!options.commit || !data_ || data_->written().empty()) return;
  const fs::path& root = data_->root();
  std::string full = message;
  for (const std::string& detail : commit_details_) full += "\n\n" + detail;
  std::vector<std::string> add = {"git", "add", "--"};
  std::vector<std::string> commit = {"git", "commit", "-q", "-m", full, "--"};
  int status = 0;
  for (const std::string& file : data_->written()) {
    if (std::find(add.begin() + 3, add.end(), file) != add.end()) continue;
    // A file removed that git never knew (added and removed since the last commit)
    // has nothing to commit; git would refuse its path.
    if (!data_->exists(file) &&
        (run_program({"git", "ls-files", "--error-unmatch", "--", file}, root, status), status != 0))
      continue;
    add.push_back(file);
    commit.push_back(file);
  }
  if (add.size() == 3) return;
  run_program(add, root, status);
  if (status == 0) run_program(commit, root, status);
  if (status != 0)
    throw Error(Exit::failure,
                "the records were written but 'git commit' failed; commit them by hand");
}

void Context::end_progress() {
  if (progress_) progress_->clear();
}

namespace {

/// The report as shown in `lang`: table headers and notes translated. JSON, CSV and
/// YAML use the keys, never headers or notes, so they stay the same in every language.
Report localized(const Report& report, Lang lang) {
  Report shown = report;
  if (lang == Lang::en) return shown;
  for (Column& c : shown.columns) c.header = tr(lang, c.header);
  for (std::string& note : shown.notes) note = tr_message(lang, note);
  if (report.table_view) shown.set_table_view(localized(*report.table_view, lang));
  return shown;
}

}  // namespace

void Context::emit(const Report& report) {
  end_progress();
  Report shown = localized(report, lang());
  // Every JSON and YAML document says for which instant it was computed (docs/guide.md
  // "Scripting"): --now, else the clock, to the second.
  const bool structured = format() == Format::json || format() == Format::yaml;
  if (structured && shown.doc.type() == Value::Type::object && !shown.doc.find("as_of"))
    shown.doc.set("as_of", Value::plain(Instant{now().seconds, 0}.str(zone())));
  out << render(shown, format(), color());
  if (report.plain_summary && format() == Format::table) err << *report.plain_summary;
}

void Context::emit(const Report& report, const HtmlPage& page) {
  if (format() != Format::html) return emit(report);
  end_progress();
  out << render_html(localized(report, lang()), page);
}

void Context::warn(const std::string& message) {
  if (!options.quiet)
    err << "kamgr: warning: " << tr_message(lang(), message) << "\n";  // prefix as in English
}

void Context::print_warnings(const Diagnostics& diag) {
  for (const Problem& p : diag.problems()) {
    if (p.severity != Problem::Severity::warning) continue;
    warn(p.line > 0 ? fmt::format("{} ({}:{})", p.message, p.file, p.line)
                    : p.file.empty() ? p.message : fmt::format("{} ({})", p.message, p.file));
  }
}

}  // namespace kamgr
