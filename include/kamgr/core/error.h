#pragma once
/// The one error type, the exit codes of docs/guide.md "Exit codes", and the diagnostics
/// sink that loaders report problems to (so `check` can list them all).
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace kamgr {

/// Process exit codes (docs/guide.md "Exit codes").
enum class Exit : int {
  ok = 0,         ///< success
  found = 1,      ///< the command worked and found something (check errors, breaches...)
  bad_input = 2,  ///< bad usage or bad input; nothing was written
  failure = 3,    ///< I/O or internal failure
};

/// A failure that stops the command. `file`/`line` locate the input at fault (line is
/// 1-based; 0 when unknown). The message is lowercase, without a full stop.
class Error : public std::runtime_error {
 public:
  Error(Exit code, std::string message, std::string file = {}, int line = 0)
      : std::runtime_error(message), code_(code), file_(std::move(file)), line_(line) {}
  Exit code() const { return code_; }
  const std::string& file() const { return file_; }
  int line() const { return line_; }
  /// `<what> (<file>:<line>)`, as printed after `kamgr: error: `: always one line
  /// (control characters are escaped).
  std::string describe() const { return located(what()); }
  /// `<message> (<file>:<line>)`: another wording of what() (a translation), located
  /// and made one line the same way.
  std::string located(const std::string& message) const;

 private:
  Exit code_;
  std::string file_;
  int line_;
};

/// Shorthand for the common bad-input error.
inline Error input_error(std::string message, std::string file = {}, int line = 0) {
  return Error(Exit::bad_input, std::move(message), std::move(file), line);
}

/// One problem found in the data.
struct Problem {
  enum class Severity { error, warning };
  Severity severity = Severity::error;
  std::string file;  ///< path relative to the data directory
  int line = 0;      ///< 1-based; 0 when the problem is about the whole file
  std::string message;
};

/// Collects problems while records are loaded or checked.
class Diagnostics {
 public:
  void error(std::string file, int line, std::string message) {
    problems_.push_back({Problem::Severity::error, std::move(file), line, std::move(message)});
  }
  void warning(std::string file, int line, std::string message) {
    problems_.push_back({Problem::Severity::warning, std::move(file), line, std::move(message)});
  }
  void merge(const Diagnostics& other) {
    problems_.insert(problems_.end(), other.problems_.begin(), other.problems_.end());
  }
  const std::vector<Problem>& problems() const { return problems_; }
  bool has_errors() const;
  size_t error_count() const;
  /// Throws the first error as an `Error` (exit 2) when there is one.
  void throw_if_errors() const;
  /// Sorts by file, then line, keeping the order of problems on one line.
  void sort();

 private:
  std::vector<Problem> problems_;
};

/// Text from a user's file made safe to quote in a one-line message: control
/// characters (line breaks, escape sequences) written as `\n`, `\x1b`..., and cut after
/// `max` bytes (at a UTF-8 character boundary) with "..." appended.
std::string printable(std::string_view text, size_t max = 60);

/// "did you mean" helper: the candidate closest to `word` by edit distance, or empty
/// when none is close enough.
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace kamgr
