#include "kamgr/cli/line_editor.h"

#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace kamgr {

namespace {

constexpr unsigned char kCtrlC = 0x03, kCtrlD = 0x04, kBackspace = 0x08, kTab = 0x09,
                        kLineFeed = 0x0a, kReturn = 0x0d, kCtrlU = 0x15, kCtrlW = 0x17,
                        kEscape = 0x1b, kDelete = 0x7f;

/// How many candidates Tab lists before saying how many more there are.
constexpr size_t kMaxShown = 20;

bool is_continuation(char byte) {
  return (static_cast<unsigned char>(byte) & 0xC0) == 0x80;
}

/// The length of the UTF-8 character whose first byte is `lead`.
size_t character_length(unsigned char lead) {
  return lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
}

/// Cuts a character left incomplete at the end of `text`.
void drop_partial_character(std::string& text) {
  size_t start = text.size();
  while (start > 0 && is_continuation(text[start - 1])) --start;
  if (start == 0) {  // continuation bytes only
    text.clear();
    return;
  }
  --start;
  if (text.size() - start < character_length(static_cast<unsigned char>(text[start])))
    text.erase(start);
}

/// Removes the last UTF-8 character of `text` (all of its bytes).
void erase_character(std::string& text) {
  while (!text.empty() && is_continuation(text.back())) text.pop_back();
  if (!text.empty()) text.pop_back();
}

/// Removes trailing spaces, then the word before them.
void erase_word(std::string& text) {
  while (!text.empty() && text.back() == ' ') text.pop_back();
  while (!text.empty() && text.back() != ' ') text.pop_back();
}

}  // namespace

LineKey LineBuffer::feed(unsigned char byte) {
  switch (escape_) {
    case Escape::started:  // ESC [ ... and ESC O x are sequences; any other key ends it
      escape_ = (byte == '[' || byte == 'O') ? Escape::csi : Escape::none;
      return LineKey::none;
    case Escape::csi:  // parameters until a final byte in @..~
      if (byte >= 0x40 && byte <= 0x7e) escape_ = Escape::none;
      return LineKey::none;
    case Escape::none:
      break;
  }
  switch (byte) {
    case kReturn:
    case kLineFeed:
      return LineKey::enter;
    case kCtrlC:
      return LineKey::end_of_input;
    case kCtrlD:
      return text_.empty() ? LineKey::end_of_input : LineKey::none;
    case kTab:
      return LineKey::complete;
    case kBackspace:
    case kDelete:
      erase_character(text_);
      return LineKey::none;
    case kCtrlU:
      text_.clear();
      return LineKey::none;
    case kCtrlW:
      erase_word(text_);
      return LineKey::none;
    case kEscape:
      escape_ = Escape::started;
      return LineKey::none;
    default:
      if (byte >= 0x20) text_.push_back(static_cast<char>(byte));  // other controls: ignored
      return LineKey::none;
  }
}

Completion complete_text(const std::string& typed, const std::vector<std::string>& candidates) {
  if (candidates.empty()) return {typed, {}};
  if (candidates.size() == 1) return {candidates.front(), {}};
  std::string common = candidates.front();
  for (const std::string& c : candidates) {
    const auto diff = std::mismatch(common.begin(), common.end(), c.begin(), c.end());
    common.erase(diff.first, common.end());
  }
  drop_partial_character(common);
  if (common.size() > typed.size() && common.rfind(typed, 0) == 0) return {common, {}};
  return {typed, candidates};
}

namespace {

/// Puts a terminal in non-canonical mode without echo or signals for as long as it
/// lives; `active()` is false when the terminal's mode could not be read or set.
class RawMode {
 public:
  explicit RawMode(int fd) : fd_(fd) {
    if (::tcgetattr(fd_, &saved_) != 0) return;
    termios raw = saved_;
    raw.c_lflag &= ~static_cast<tcflag_t>(ICANON | ECHO | ISIG | IEXTEN);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    active_ = ::tcsetattr(fd_, TCSANOW, &raw) == 0;  // TCSANOW: keeps keys typed ahead
  }
  ~RawMode() {
    if (active_) ::tcsetattr(fd_, TCSANOW, &saved_);
  }
  RawMode(const RawMode&) = delete;
  RawMode& operator=(const RawMode&) = delete;
  bool active() const { return active_; }

 private:
  int fd_;
  termios saved_{};
  bool active_ = false;
};

/// Reads into `buffer`; the count read, 0 at end of input, -1 on an error (not EINTR).
ssize_t read_some(int fd, unsigned char* buffer, size_t size) {
  for (;;) {
    const ssize_t n = ::read(fd, buffer, size);
    if (n >= 0 || errno != EINTR) return n;
  }
}

}  // namespace

void TtyTerminal::write_all(const std::string& text) const {
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(out_, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // the terminal is gone: nothing more can be shown
    done += static_cast<size_t>(n);
  }
}

void TtyTerminal::tell(const std::string& line) {
  write_all(line + "\n");
}

std::optional<std::string> TtyTerminal::ask(const std::string& prompt, const Completer& complete) {
  const RawMode raw(in_);  // before the prompt, so an answer typed ahead is not echoed twice
  write_all(prompt);
  LineBuffer line;
  const auto redraw = [&] { write_all("\r\x1b[K" + prompt + line.text()); };
  for (;;) {
    if (pending_.empty()) {
      unsigned char buffer[256];
      const ssize_t n = read_some(in_, buffer, sizeof buffer);
      if (n <= 0) {
        write_all("\n");
        return std::nullopt;
      }
      pending_.assign(buffer, buffer + n);
    }
    // One key at a time: keys typed ahead of the next prompt stay pending for it.
    const unsigned char key = pending_.front();
    pending_.pop_front();
    const size_t before = line.text().size();
    switch (line.feed(key)) {
      case LineKey::enter:
        if (raw.active()) write_all("\n");
        return line.text();
      case LineKey::end_of_input:
        write_all("\n");
        return std::nullopt;
      case LineKey::complete:
        show_completion(line, complete);
        redraw();
        break;
      case LineKey::none:
        if (!raw.active()) break;  // the terminal echoes for itself
        if (key >= 0x20 && line.text().size() == before + 1)
          write_all(line.text().substr(before));
        else if (line.text().size() != before)
          redraw();
        break;
    }
  }
}

void TtyTerminal::show_completion(LineBuffer& line, const Completer& complete) const {
  const Completion done =
      complete_text(line.text(), complete ? complete(line.text()) : std::vector<std::string>{});
  line.replace(done.text);
  if (done.shown.empty()) return;
  write_all("\n");
  for (size_t k = 0; k < done.shown.size() && k < kMaxShown; ++k)
    write_all("  " + done.shown[k] + "\n");
  if (done.shown.size() > kMaxShown)
    write_all("  ... (" + std::to_string(done.shown.size() - kMaxShown) + ")\n");
}

}  // namespace kamgr
