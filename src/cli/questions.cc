#include "questions.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "kamgr/domain/integrity.h"

namespace kamgr::cli {

namespace {

/// `--customer` -> `customer`.
std::string label_of(const std::string& option) {
  return option.rfind("--", 0) == 0 ? option.substr(2) : option;
}

Question question(const std::string& option, std::string& value, const std::string& fallback) {
  return Question{option, label_of(option), &value, fallback, {}, {}, {}};
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0;
}

/// Case-insensitive (ASCII) "contains", for filtering lists after `?`.
bool contains(const std::string& text, const std::string& part) {
  auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  return lower(text).find(lower(part)) != std::string::npos;
}

}  // namespace

CLI::Option* add_asked_option(CLI::App* cmd, const std::string& name, std::string& value,
                              const std::string& description) {
  return cmd->add_option(name, value, description)->option_text("TEXT REQUIRED");
}

void require_one_of(const std::string& option, const std::string& value,
                    const std::vector<std::string>& allowed) {
  if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return;
  std::string message = fmt::format("invalid value for {}: '{}' (expected {})", option, value,
                                    fmt::join(allowed, ", "));
  if (const std::string near = closest_match(value, allowed); !near.empty())
    message += fmt::format("; did you mean '{}'?", near);
  throw input_error(message);
}

Question customer_question(const CustomerBook& book, std::string& value) {
  Question q = question("--customer", value, "");
  q.check = [&book](const std::string& answer) { return book.resolve(answer).id; };
  q.candidates = [&book](const std::string& part) {
    std::vector<std::string> lines;
    for (const Customer* c : book.matching(part))
      lines.push_back(fmt::format("{}  {}", c->id, c->name));
    return lines;
  };
  q.complete = [&book](const std::string& typed) {
    std::vector<std::string> ids;  // IDs starting with the text, else those matching it
    for (const Customer& c : book.all())
      if (starts_with(c.id, typed)) ids.push_back(c.id);
    if (ids.empty())
      for (const Customer* c : book.matching(typed)) ids.push_back(c->id);
    return ids;
  };
  return q;
}

Question member_question(const std::string& option, const Team& team, std::string& value,
                         const std::optional<std::string>& fallback) {
  Question q = question(option, value, fallback.value_or(""));
  q.check = [&team, option](const std::string& answer) {
    if (!team.find(answer)) throw input_error(unknown_member_message(option, answer, team));
    return answer;
  };
  q.candidates = [&team](const std::string& part) {
    std::vector<std::string> lines;
    for (const Member& m : team.members())
      if (contains(m.id, part) || contains(m.name, part))
        lines.push_back(fmt::format("{}  {} ({})", m.id, m.name, role_name(m.role)));
    return lines;
  };
  q.complete = [&team](const std::string& typed) {
    std::vector<std::string> ids;  // IDs starting with the text, else those matching it
    for (const Member& m : team.members())
      if (starts_with(m.id, typed)) ids.push_back(m.id);
    if (ids.empty())
      for (const Member& m : team.members())
        if (contains(m.name, typed)) ids.push_back(m.id);
    return ids;
  };
  return q;
}

Question choice_question(const std::string& option, std::string& value,
                         std::vector<std::string> allowed, const std::string& fallback) {
  Question q = question(option, value, fallback);
  q.check = [option, allowed](const std::string& answer) {
    require_one_of(option, answer, allowed);
    return answer;
  };
  q.candidates = [allowed](const std::string& part) {
    std::vector<std::string> lines;
    for (const std::string& a : allowed)
      if (contains(a, part)) lines.push_back(a);
    return lines;
  };
  q.complete = [allowed](const std::string& typed) {
    std::vector<std::string> values;
    for (const std::string& a : allowed)
      if (starts_with(a, typed)) values.push_back(a);
    return values;
  };
  return q;
}

Question date_question(const std::string& option, std::string& value, Date fallback) {
  Question q = question(option, value, fallback.str());
  q.check = [option](const std::string& answer) {
    return parse_date_option(answer, option).str();
  };
  return q;
}

Question text_question(const std::string& option, std::string& value) {
  return question(option, value, "");
}

}  // namespace kamgr::cli
