// kamgr import team | customers | visits FILE.csv (docs/guide.md "Moving in",
// docs/formats.md "Importing CSV"): every row is checked as its add command checks it,
// then all are written or none.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <string_view>
#include <set>

#include "common.h"
#include "new_records.h"
#include "kamgr/core/csv.h"
#include "kamgr/core/text_encoding.h"
#include "kamgr/domain/integrity.h"
#include "kamgr/domain/record_types.h"
#include "kamgr/store/loaders.h"
#include "kamgr/store/repository.h"
#include "kamgr/store/writer.h"

namespace kamgr::cli {

namespace {

struct ImportOptions {
  std::string file, encoding = "auto", date;
  bool dry_run = false;
};

/// The columns a kind of record takes, and those it requires.
struct Columns {
  std::vector<std::string> all, required;
};

const Columns kTeamColumns{{"id", "name", "role", "manager", "email", "handle"},
                           {"id", "name", "role"}};
const Columns kCustomerColumns{{"id", "name", "tier", "owner", "since", "industry", "scale",
                                "business_scope", "decision_process", "contact_name",
                                "contact_title", "contact_phone", "contact_email"},
                               {"name", "tier", "owner"}};
const Columns kVisitColumns{{"customer", "rep", "date", "start", "end", "purpose", "outcome",
                             "feedback", "next_steps", "opportunity", "recorded_at"},
                            {"customer", "rep", "date", "purpose"}};

/// One data row: its line and its cells by column name (trimmed; absent ones empty).
struct Row {
  int line = 0;
  std::map<std::string, std::string> cells;
  std::string operator[](const std::string& column) const {
    const auto it = cells.find(column);
    return it == cells.end() ? std::string() : it->second;
  }
};

/// The problems of an import: one per bad row (the first found), and those of the
/// header, as `FILE:LINE: field: message`.
class RowProblems {
 public:
  explicit RowProblems(std::string file) : file_(std::move(file)) {}
  /// Notes a problem of the row on `line` unless it has one already.
  void add(int line, const std::string& field, const std::string& message) {
    if (problems_.count(line)) return;
    ++rows_;
    note(line, field, message);
  }
  /// Notes a problem of the header (it may have several).
  void add_header(int line, const std::string& field, const std::string& message) {
    if (!header_bad_) ++rows_;
    header_bad_ = true;
    note(line, field, message);
  }
  bool empty() const { return problems_.empty(); }
  /// The bad rows (the header counting as one).
  size_t rows() const { return rows_; }
  void print(Context& ctx) const {
    for (const auto& [line, p] : problems_)
      ctx.err << printable(fmt::format("{}:{}: {}: {}", file_, line, p.first,
                                       tr_message(ctx.lang(), p.second)),
                           1000)
              << "\n";
  }

 private:
  /// A message naming the field first (`owner: unknown member...`) is not prefixed twice.
  void note(int line, const std::string& field, std::string message) {
    if (message.rfind(field + ": ", 0) == 0) message.erase(0, field.size() + 2);
    problems_.emplace(line, std::make_pair(field, std::move(message)));
  }

  std::string file_;
  std::multimap<int, std::pair<std::string, std::string>> problems_;  // line -> field, message
  size_t rows_ = 0;
  bool header_bad_ = false;
};

/// The rows of the file under its header; header problems (an unknown, repeated or
/// missing column) go to `problems` on line 1.
std::vector<Row> read_rows(const std::vector<CsvRow>& csv, const Columns& columns,
                           RowProblems& problems) {
  if (csv.empty()) throw input_error("the file is empty (the first row names the columns)");
  std::vector<std::string> header;
  const int header_line = csv.front().line;
  for (const std::string& cell : csv.front().cells) {
    std::string name = trim_blanks(cell);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (std::find(columns.all.begin(), columns.all.end(), name) == columns.all.end()) {
      std::string message = fmt::format("unknown column '{}' (expected {})", printable(name),
                                        fmt::join(columns.all, ", "));
      if (const std::string near = closest_match(name, columns.all); !near.empty())
        message += fmt::format("; did you mean '{}'?", near);
      problems.add_header(header_line, name.empty() ? "header" : name, message);
    } else if (std::find(header.begin(), header.end(), name) != header.end()) {
      problems.add_header(header_line, name, fmt::format("column '{}' is given twice", name));
    }
    header.push_back(name);
  }
  for (const std::string& r : columns.required)
    if (std::find(header.begin(), header.end(), r) == header.end())
      problems.add_header(header_line, r, fmt::format("the column '{}' is required", r));
  std::vector<Row> rows;
  if (!problems.empty()) return rows;
  for (size_t i = 1; i < csv.size(); ++i) {
    Row row{csv[i].line, {}};
    if (csv[i].cells.size() > header.size()) {
      problems.add(row.line, "row",
                   fmt::format("the row has {} cells, the header {}", csv[i].cells.size(),
                               header.size()));
      continue;
    }
    for (size_t c = 0; c < csv[i].cells.size(); ++c)
      row.cells[header[c]] = trim_blanks(csv[i].cells[c]);
    rows.push_back(std::move(row));
  }
  if (rows.empty() && problems.empty())
    throw input_error("the file has no rows under its header", "", header_line);
  return rows;
}

/// Runs the validator on the text a record will be written as; its first error about
/// that file is the row's problem.
void validate_row(const NewRecord& r, const Validate& validate, int line, RowProblems& problems) {
  Diagnostics d;
  validate(canonical_record(r.doc), r.rel, d);
  for (const Problem& p : d.problems())
    if (p.severity == Problem::Severity::error && p.file == r.rel) {  // not another record's
      // A loader's `field 'manager': ...` names the column.
      static const std::string kField = "field '";
      const size_t end = p.message.find("': ");
      if (p.message.rfind(kField, 0) == 0 && end != std::string::npos)
        return problems.add(line, p.message.substr(kField.size(), end - kField.size()),
                            p.message.substr(end + 3));
      return problems.add(line, "row", p.message);
    }
}

/// What an import made of the rows: the files to write and their IDs, in row order.
struct Checked {
  std::vector<NewFile> files;
  std::vector<std::string> ids;
};

/// Team members: a manager may be another row of the file (in any order).
Checked check_team_rows(const std::vector<Row>& rows, const Team& existing, RowProblems& problems,
                        std::optional<Team>& combined) {
  // The members a manager may be: those there and those of the file.
  std::vector<Member> lookup = existing.members();
  for (const Row& row : rows)
    if (const auto role = parse_role(row["role"])) {
      Member m;
      m.id = row["id"];
      m.role = *role;
      lookup.push_back(m);
    }
  const Team managers(lookup);
  std::map<std::string, int> seen;  // id -> line
  std::vector<std::pair<int, NewRecord>> built;
  std::vector<Member> members = existing.members();
  for (const Row& row : rows) {
    try {
      const MemberFields f{row["id"], row["name"], row["role"], row["manager"], row["email"],
                           row["handle"]};
      if (const auto it = seen.find(f.id); it != seen.end())
        throw FieldError("id", fmt::format("member '{}' is also on line {}", f.id, it->second));
      seen.emplace(f.id, row.line);
      NewRecord r = new_member(
          f, managers, [&](const std::string& id) { return existing.find(id) != nullptr; },
          Spelling::column);
      Diagnostics d;
      if (auto m = load_member(canonical_record(r.doc), r.rel, d)) members.push_back(*m);
      built.emplace_back(row.line, std::move(r));
    } catch (const FieldError& e) {
      problems.add(row.line, e.field(), e.file().empty() ? e.what() : e.describe());
    }
  }
  combined.emplace(members);
  Checked out;
  for (auto& [line, r] : built) {
    validate_row(r, member_validator(*combined), line, problems);
    out.files.push_back({r.rel, r.doc, member_validator(*combined)});
    out.ids.push_back(r.id);
  }
  return out;
}

/// The one contact of a customer row, if it has contact columns filled in.
std::vector<Contact> row_contacts(const Row& row) {
  const Contact c{row["contact_name"], row["contact_title"], row["contact_phone"],
                  row["contact_email"]};
  if (c.name.empty() && c.title.empty() && c.phone.empty() && c.email.empty()) return {};
  if (c.name.empty())
    throw FieldError("contact_name", "contact_name is empty but other contact columns are not");
  return {c};
}

Checked check_customer_rows(const std::vector<Row>& rows, const Config& config, const Team& team,
                            const CustomerBook& book, Date default_start, RowProblems& problems) {
  std::map<std::string, int> ids, names;  // in the file (names as trimmed_name) -> line
  std::map<std::string_view, std::string> existing_names;  // as CustomerBook::named compares
  for (const Customer& c : book.all()) existing_names.emplace(trimmed_name(c.name), c.id);
  const Taken taken = [&](const std::string& id) { return book.find(id) || ids.count(id); };
  Checked out;
  for (const Row& row : rows) {
    try {
      CustomerFields f{row["id"],       row["name"],     row["tier"],
                       row["owner"],    row["since"],    row["industry"],
                       row["scale"],    row["business_scope"], row["decision_process"],
                       row_contacts(row)};
      if (const auto it = ids.find(f.id); !f.id.empty() && it != ids.end())
        throw FieldError("id", fmt::format("customer '{}' is also on line {}", f.id, it->second));
      const std::string name(trimmed_name(f.name));
      if (const auto it = names.find(name); it != names.end())
        throw FieldError("name", fmt::format("'{}' is also on line {}", f.name, it->second));
      if (const auto it = existing_names.find(name); it != existing_names.end())
        throw FieldError("name", fmt::format("customer '{}' is already named '{}'", it->second,
                                             f.name));
      Date start = default_start;
      if (const auto since = Date::parse(f.since)) start = *since;  // else new_customer refuses it
      const NewRecord r = new_customer(f, config, team, taken, start, Spelling::column);
      ids.emplace(r.id, row.line);
      names.emplace(name, row.line);
      validate_row(r, customer_validator(config, team), row.line, problems);
      out.files.push_back({r.rel, r.doc, customer_validator(config, team)});
      out.ids.push_back(r.id);
    } catch (const FieldError& e) {
      problems.add(row.line, e.field(), e.file().empty() ? e.what() : e.describe());
    }
  }
  return out;
}

/// Steps in one cell, one per line (Alt+Enter in a spreadsheet cell).
std::vector<std::string> split_steps(const std::string& cell) {
  std::vector<std::string> steps;
  size_t start = 0;
  while (start <= cell.size()) {
    size_t end = cell.find('\n', start);
    if (end == std::string::npos) end = cell.size();
    std::string step = trim_blanks(cell.substr(start, end - start));
    if (!step.empty() && step.back() == '\r') step = trim_blanks(step.substr(0, step.size() - 1));
    if (!step.empty()) steps.push_back(step);
    start = end + 1;
  }
  return steps;
}

/// The same visit: customer, rep, date, start and purpose.
std::string visit_key(const Value& doc) {
  auto text = [&](const char* key) {
    const Value* v = doc.find(key);
    return v ? v->to_cell() : std::string();
  };
  return fmt::format("{}|{}|{}|{}|{}", text("customer"), text("rep"), text("date"), text("start"),
                     text("purpose"));
}

std::string visit_key(const Visit& v) {
  return fmt::format("{}|{}|{}|{}|{}", v.customer, v.rep, v.date.str(),
                     v.start ? v.start->str() : "", v.purpose);
}

Checked check_visit_rows(Context& ctx, const std::vector<Row>& rows, const Repository& repo,
                         const Team& team, const CustomerBook& book, const std::string& file,
                         RowProblems& problems) {
  const Instant now = ctx.now();
  std::vector<std::pair<int, NewRecord>> built;
  std::map<std::string, int> keys;  // in the file: -> line
  for (const Row& row : rows) {
    try {
      const VisitFields f{row["customer"], row["date"],     row["purpose"], row["rep"],
                          row["start"],    row["end"],      row["outcome"], row["feedback"],
                          row["opportunity"], split_steps(row["next_steps"]),
                          row["recorded_at"]};
      if (f.rep.empty()) throw FieldError("rep", "rep is empty");
      NewRecord r =
          new_visit(f, book, team, f.rep, ctx.data(), now, ctx.zone(), Spelling::column);
      const std::string key = visit_key(r.doc);
      if (const auto it = keys.find(key); it != keys.end())
        throw FieldError("row", fmt::format("the same visit is also on line {}", it->second));
      keys.emplace(key, row.line);
      if (!r.warning.empty()) ctx.warn(fmt::format("{}:{}: {}", file, row.line, r.warning));
      validate_row(r, visit_validator(ctx.config()), row.line, problems);
      built.emplace_back(row.line, std::move(r));
    } catch (const FieldError& e) {
      problems.add(row.line, e.field(), e.file().empty() ? e.what() : e.describe());
    }
  }
  // A visit recorded already (the same file imported twice).
  if (!built.empty()) {
    Date from = Date::parse(built.front().second.doc.find("date")->to_cell()).value();
    Date to = from;
    for (const auto& [line, r] : built) {
      const Date d = Date::parse(r.doc.find("date")->to_cell()).value();
      from = std::min(from, d);
      to = std::max(to, d);
    }
    std::map<std::string, std::string> recorded;  // key -> file
    for (const Visit& v : repo.load_visits(from, to)) recorded.emplace(visit_key(v), v.source.file);
    for (const auto& [line, r] : built)
      if (const auto it = recorded.find(visit_key(r.doc)); it != recorded.end())
        problems.add(line, "row", fmt::format("the same visit is already recorded ({})", it->second));
  }
  Checked out;
  for (auto& [line, r] : built) {
    out.files.push_back({r.rel, r.doc, visit_validator(ctx.config())});
    out.ids.push_back(r.id);
  }
  return out;
}

enum class Kind { team, customers, visits };

int run_import(Context& ctx, Kind kind, const ImportOptions& o) {
  const auto encoding = parse_text_encoding(o.encoding);
  if (!encoding)
    throw input_error(fmt::format("invalid value for --encoding: '{}' (expected auto, utf-8 or "
                                  "gb18030)",
                                  o.encoding));
  const Date default_start = o.date.empty() ? ctx.today() : parse_date_option(o.date, "--date");
  const std::string name = o.file == "-" ? "<stdin>" : o.file;
  const DecodedText decoded = [&] {
    try {
      return decode_text(read_input(o.file, "CSV file"), *encoding, name);
    } catch (const Error& e) {  // located in the CSV file, not the data directory
      throw Error(e.code(), e.what(), e.file().empty() ? name : e.file(), e.line());
    }
  }();
  if (decoded.encoding == TextEncoding::gb18030 && *encoding == TextEncoding::automatic &&
      !ctx.options.quiet)
    ctx.err << "kamgr: "
            << tr_message(ctx.lang(), fmt::format("{} is not UTF-8: read as GB18030", name))
            << "\n";
  const auto csv = parse_csv(decoded.text, name);
  const Columns& columns = kind == Kind::team        ? kTeamColumns
                           : kind == Kind::customers ? kCustomerColumns
                                                     : kVisitColumns;
  RowProblems problems(name);
  std::vector<Row> rows;
  try {
    rows = read_rows(csv, columns, problems);
  } catch (const Error& e) {
    throw Error(e.code(), e.what(), name, e.line());
  }

  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const Team team = repo.load_team();
  std::optional<Team> combined;
  Checked checked;
  if (problems.empty()) {
    if (kind == Kind::team) {
      checked = check_team_rows(rows, team, problems, combined);
    } else {
      const CustomerBook book = repo.load_customers();
      checked = kind == Kind::customers
                    ? check_customer_rows(rows, ctx.config(), team, book, default_start, problems)
                    : check_visit_rows(ctx, rows, repo, team, book, name, problems);
    }
  }
  if (!problems.empty()) {
    ctx.end_progress();
    problems.print(ctx);
    const std::string summary =
        problems.rows() == 1 ? std::string("nothing imported: fix the bad row listed above and run again")
                             : fmt::format("nothing imported: fix the {} bad rows listed above and "
                                           "run again",
                                           problems.rows());
    ctx.err << "kamgr: error: " << tr_message(ctx.lang(), summary) << "\n";
    return static_cast<int>(Exit::bad_input);
  }
  if (o.dry_run) {
    if (!ctx.options.quiet)
      ctx.err << "kamgr: "
              << tr_message(ctx.lang(), fmt::format("{} records checked in {}, none written "
                                                    "(--dry-run)",
                                                    checked.ids.size(), name))
              << "\n";
    return 0;
  }
  create_records(ctx.data(), checked.files);
  for (const std::string& id : checked.ids) ctx.out << id << "\n";
  if (!ctx.options.quiet)
    ctx.err << "kamgr: "
            << tr_message(ctx.lang(),
                          fmt::format("{} records imported from {}", checked.ids.size(), name))
            << "\n";
  return 0;
}

void add_kind(CLI::App& group, const char* name, Kind kind, const std::string& description,
              const std::string& example, Context& ctx, Outcome& outcome) {
  auto o = std::make_shared<ImportOptions>();
  CLI::App* cmd = add_command(group, name, description, example);
  cmd->add_option("file", o->file, "the CSV file (- reads standard input)")->required();
  cmd->add_flag("--dry-run", o->dry_run, "check every row, write nothing");
  cmd->add_option("--encoding", o->encoding,
                  "auto (default: UTF-8 if valid, else GB18030), utf-8 or gb18030");
  if (kind == Kind::customers)
    cmd->add_option("--date", o->date, "date the histories start for rows without since (default "
                                       "today)");
  on_run(cmd, outcome, [&ctx, kind, o] { return run_import(ctx, kind, *o); });
}

}  // namespace

void add_import_commands(CLI::App& app, Context& ctx, Outcome& outcome) {
  CLI::App* group = app.add_subcommand(
      "import", "Moving in: team, customers or visits from a spreadsheet's CSV (all or nothing)");
  group->require_subcommand(1);
  group->footer("\nExample:\n  kamgr import customers customers.csv --dry-run");
  add_kind(*group, "team", Kind::team,
           "Import members: columns id,name,role,manager,email,handle",
           "kamgr import team team.csv", ctx, outcome);
  add_kind(*group, "customers", Kind::customers,
           "Import customers: columns id,name,tier,owner,since,industry,contact_name...",
           "kamgr import customers customers.csv --date 2026-01-01", ctx, outcome);
  add_kind(*group, "visits", Kind::visits,
           "Import visits: columns customer,rep,date,start,end,purpose,outcome...",
           "kamgr import visits visits-2026.csv --encoding gb18030", ctx, outcome);
}

}  // namespace kamgr::cli
