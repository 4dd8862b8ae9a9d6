#pragma once
/// Reading an answer on a terminal with a little line editing and Tab completion: the
/// keys typed are fed one byte at a time to a LineBuffer (pure, unit-tested), and
/// TtyTerminal drives it on a real terminal in non-canonical mode.
#include <deque>
#include <string>
#include <vector>

#include "kamgr/cli/prompt.h"

namespace kamgr {

/// What a key asks of whoever reads the line.
enum class LineKey {
  none,          ///< the text may have changed: show it again
  enter,         ///< Enter (CR or LF): the line is done
  end_of_input,  ///< Ctrl-D on an empty line, or Ctrl-C: give up
  complete,      ///< Tab: complete the text
};

/// The line being typed. Understands printable UTF-8, Backspace (one character, not one
/// byte), Ctrl-U (erase the line), Ctrl-W (erase the last word), Tab, Enter, Ctrl-D and
/// Ctrl-C; ignores other control keys and whole escape sequences (arrow keys and the
/// like, so they leave no stray `[A` behind). The cursor is always at the end.
class LineBuffer {
 public:
  LineKey feed(unsigned char byte);
  const std::string& text() const { return text_; }
  void replace(std::string text) { text_ = std::move(text); }

 private:
  enum class Escape { none, started, csi };
  std::string text_;
  Escape escape_ = Escape::none;
};

/// What Tab does to `typed` given the values that may complete it (`candidates`, as a
/// Completer returns them): one candidate replaces the text; several extend it to their
/// longest common prefix when that is longer, else they are listed (`shown`).
struct Completion {
  std::string text;                ///< the line after Tab
  std::vector<std::string> shown;  ///< the candidates to list; empty when none
};
Completion complete_text(const std::string& typed, const std::vector<std::string>& candidates);

/// A Terminal on the process's terminal: answers read from `in_fd`, prompts and echo
/// written to `out_fd`. While a line is read the terminal is put in non-canonical mode
/// without echo or signals (restored before ask returns), so Tab can complete; when
/// that mode cannot be set it reads a plain line instead.
class TtyTerminal final : public Terminal {
 public:
  TtyTerminal(int in_fd, int out_fd) : in_(in_fd), out_(out_fd) {}
  std::optional<std::string> ask(const std::string& prompt, const Completer& complete) override;
  void tell(const std::string& line) override;

 private:
  void write_all(const std::string& text) const;
  /// Applies Tab to `line` and lists the candidates when there are several.
  void show_completion(LineBuffer& line, const Completer& complete) const;
  int in_;
  int out_;
  std::deque<unsigned char> pending_;  ///< read but not yet taken: typed ahead
};

}  // namespace kamgr
