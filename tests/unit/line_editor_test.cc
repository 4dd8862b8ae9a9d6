// The line editor behind interactive prompts: keys typed, Backspace over Chinese
// characters, escape sequences ignored, and what Tab does with its candidates.
#include "kamgr/cli/line_editor.h"

#include <doctest/doctest.h>

using namespace kamgr;

namespace {

/// Feeds `keys` to a fresh buffer; returns the buffer and the last key's effect.
std::pair<std::string, LineKey> type(const std::string& keys) {
  LineBuffer line;
  LineKey last = LineKey::none;
  for (const char c : keys) last = line.feed(static_cast<unsigned char>(c));
  return {line.text(), last};
}

}  // namespace

TEST_CASE("printable text is kept, Enter ends the line") {
  CHECK(type("acme") == std::pair<std::string, LineKey>{"acme", LineKey::none});
  CHECK(type("acme\r").second == LineKey::enter);
  CHECK(type("acme\n").second == LineKey::enter);
  CHECK(type("ac\tme").first == "acme");  // Tab is not text
  CHECK(type("ac\t").second == LineKey::complete);
}

TEST_CASE("Backspace erases one character, however many bytes it has") {
  CHECK(type("华润\x7f").first == "华");
  CHECK(type("华润\x08\x08").first == "");
  CHECK(type("a\x7f\x7f\x7f"
             "b")
            .first == "b");                           // nothing left to erase: no harm
  CHECK(type("季度 业务回顾\x17").first == "季度 ");  // Ctrl-W: the last word
  CHECK(type("季度 业务  \x17").first == "季度 ");
  CHECK(type("whatever\x15"
             "ok")
            .first == "ok");  // Ctrl-U: the whole line
}

TEST_CASE("Ctrl-D gives up only on an empty line; Ctrl-C always") {
  CHECK(type("\x04").second == LineKey::end_of_input);
  CHECK(type("ab\x04") == std::pair<std::string, LineKey>{"ab", LineKey::none});
  CHECK(type("ab\x03").second == LineKey::end_of_input);
}

TEST_CASE("arrow keys and other escape sequences leave nothing behind") {
  CHECK(type("ac\x1b[Dme").first == "acme");  // left arrow
  CHECK(type("a\x1b[1;5Cb").first == "ab");   // ctrl+right, with parameters
  CHECK(type("a\x1bOAb").first == "ab");      // application-mode up arrow
  CHECK(type("a\x1b"
             "b")
            .first == "a");                     // ESC then a key: both dropped
  CHECK(type("a\x01\x02\x05z").first == "az");  // other control keys ignored
}

TEST_CASE("Tab completes a unique candidate, extends to the common prefix, else lists") {
  CHECK(complete_text("ac", {"acme"}).text == "acme");
  CHECK(complete_text("萬家", {"acme"}).text == "acme");  // a name part completes to the ID
  const Completion none = complete_text("x", {});
  CHECK(none.text == "x");
  CHECK(none.shown.empty());
  const Completion prefix = complete_text("zh", {"zhang-san", "zhao-liu"});
  CHECK(prefix.text == "zha");
  CHECK(prefix.shown.empty());
  const Completion listed = complete_text("zha", {"zhang-san", "zhao-liu"});
  CHECK(listed.text == "zha");
  CHECK(listed.shown == std::vector<std::string>{"zhang-san", "zhao-liu"});
  // Candidates matched by name need not start with the text: they are listed.
  const Completion by_name = complete_text("华润", {"acme", "beta"});
  CHECK(by_name.text == "华润");
  CHECK(by_name.shown.size() == 2);
  // The common prefix never ends inside a character.
  CHECK(complete_text("", {"华润", "华北"}).text == "华");
  CHECK(complete_text("", {"润", "涧"}).text == "");  // same first two bytes only
}
