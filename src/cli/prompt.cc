#include "kamgr/cli/prompt.h"

#include <fmt/format.h>

#include <istream>
#include <ostream>

#include "kamgr/core/error.h"

namespace kamgr {

std::optional<std::string> StreamTerminal::ask(const std::string& prompt, const Completer&) {
  out_ << prompt << std::flush;
  std::string line;
  if (!std::getline(in_, line)) {
    out_ << "\n" << std::flush;  // Ctrl-D leaves the cursor after the prompt
    return std::nullopt;
  }
  return line;
}

void StreamTerminal::tell(const std::string& line) { out_ << line << "\n" << std::flush; }

namespace {

/// How many candidates `?` lists before saying how many more there are.
constexpr size_t kMaxListed = 20;

std::string trim(const std::string& text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const size_t last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

/// Tells one indented line of explanation, in `lang`.
void explain(Terminal& terminal, Lang lang, const std::string& message) {
  terminal.tell("  " + tr_message(lang, message));
}

std::string prompt_for(const Question& q, Lang lang) {
  const std::string label = tr(lang, q.label);
  return q.fallback.empty() ? label + ": " : fmt::format("{} [{}]: ", label, q.fallback);
}

void list_candidates(Terminal& terminal, const Question& q, const std::string& filter, Lang lang) {
  const std::vector<std::string> found = q.candidates ? q.candidates(filter)
                                                      : std::vector<std::string>{};
  if (!q.candidates) explain(terminal, lang, fmt::format("no list for {}: type a value", q.option));
  else if (found.empty()) explain(terminal, lang, fmt::format("nothing matches '{}'", filter));
  for (size_t i = 0; i < found.size() && i < kMaxListed; ++i) terminal.tell("  " + found[i]);
  if (found.size() > kMaxListed)
    explain(terminal, lang,
            fmt::format("... and {} more: type part of a name after '?'", found.size() - kMaxListed));
}

std::string ask_one(Terminal& terminal, const Question& q, Lang lang) {
  for (;;) {
    const std::optional<std::string> line = terminal.ask(prompt_for(q, lang), q.complete);
    if (!line)
      throw input_error(fmt::format("input ended before {} was given; nothing was written",
                                    q.option));
    std::string answer = trim(*line);
    if (!answer.empty() && answer.front() == '?') {
      list_candidates(terminal, q, trim(answer.substr(1)), lang);
      continue;
    }
    if (answer.empty()) answer = q.fallback;
    if (answer.empty()) {
      explain(terminal, lang,
              fmt::format("{} is required ('?' lists the choices, Ctrl-D gives up)", q.option));
      continue;
    }
    if (!q.check) return answer;
    try {
      return q.check(answer);
    } catch (const Error& e) {
      explain(terminal, lang, e.what());
    }
  }
}

}  // namespace

void ask_questions(Terminal& terminal, const std::vector<Question>& questions, Lang lang) {
  for (const Question& q : questions)
    if (q.value->empty()) *q.value = ask_one(terminal, q, lang);
}

bool must_ask(const Terminal* terminal, std::initializer_list<Required> required) {
  std::vector<std::string> missing;
  for (const Required& r : required)
    if (r.value.empty()) missing.push_back(r.option);
  if (missing.empty()) return false;
  if (terminal) return true;
  std::string names = missing.front();
  for (size_t i = 1; i < missing.size(); ++i)
    names += (i + 1 == missing.size() ? " and " : ", ") + missing[i];
  throw input_error(fmt::format("{} {} required", names, missing.size() == 1 ? "is" : "are"));
}

}  // namespace kamgr
