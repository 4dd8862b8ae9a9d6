#pragma once
/// Asking for missing values on a terminal (`visit add`, `complaint open`, `customer add`
/// run by a person without all their options). The terminal sits behind `Terminal`, so
/// tests drive the questions with string streams.
#include <functional>
#include <initializer_list>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "kamgr/core/i18n.h"

namespace kamgr {

/// Where questions are asked: a prompt, then one answer line.
/// The values that may replace what was typed when Tab is pressed (such as the IDs
/// starting with it); unset: Tab completes nothing.
using Completer = std::function<std::vector<std::string>(const std::string& typed)>;

class Terminal {
 public:
  virtual ~Terminal() = default;
  /// Shows `prompt` (no line break) and reads one line without its line ending, with
  /// Tab completing through `complete` where the terminal can; std::nullopt at end of
  /// input (Ctrl-D).
  virtual std::optional<std::string> ask(const std::string& prompt,
                                         const Completer& complete) = 0;
  /// Shows one line of information (why an answer was refused, candidates).
  virtual void tell(const std::string& line) = 0;
};

/// A Terminal over streams: prompts and information go to `out`, answers come from `in`
/// as whole lines (no completion).
class StreamTerminal final : public Terminal {
 public:
  StreamTerminal(std::istream& in, std::ostream& out) : in_(in), out_(out) {}
  std::optional<std::string> ask(const std::string& prompt, const Completer& complete) override;
  void tell(const std::string& line) override;

 private:
  std::istream& in_;
  std::ostream& out_;
};

/// One value a command needs, asked for when its option was not given.
struct Question {
  std::string option;    ///< "--customer": named when the input ends
  std::string label;     ///< "customer": the prompt, `customer: ` or `rep [zhang-san]: `
  std::string* value;    ///< the option's variable; asked for only when it is empty
  std::string fallback;  ///< the default shown in brackets, taken on an empty answer
  /// Checks an answer and returns the value to keep (such as the customer's ID); throws
  /// Error with the reason to ask again. Unset: any non-blank answer is kept as typed.
  std::function<std::string(const std::string&)> check;
  /// What an answer `?` (all) or `?TEXT` (those matching TEXT) lists, one per line.
  std::function<std::vector<std::string>(const std::string&)> candidates;
  /// What Tab offers for the text typed so far (values the answer may be). Unset: none.
  Completer complete;
};

/// Asks, in order, every question whose value is empty, until each has an accepted
/// answer: a refused answer is explained and asked again, `?` lists candidates. Throws
/// Error (exit 2) when the input ends (Ctrl-D); the values asked so far are then set,
/// the caller writes nothing.
/// Prompts and explanations are in `lang` (labels such as `customer` and messages from
/// the catalog); answers and what they are checked against never change with it.
void ask_questions(Terminal& terminal, const std::vector<Question>& questions,
                   Lang lang = Lang::en);

/// A required option and the value it was given (empty: missing).
struct Required {
  const char* option;
  const std::string& value;
};

/// False when every required value was given. Otherwise true when `terminal` is there
/// to ask for them; without one, throws Error (exit 2) naming all that are missing in
/// one line: `--customer, --date and --purpose are required`.
bool must_ask(const Terminal* terminal, std::initializer_list<Required> required);

}  // namespace kamgr
