// Decoding the CSV files people export (docs/formats.md "Importing CSV"): UTF-8 with or
// without a BOM, GB18030 as Excel writes it on Chinese Windows, and refusals with the line.
#include <doctest/doctest.h>

#include "kamgr/core/csv.h"
#include "kamgr/core/error.h"
#include "kamgr/core/text_encoding.h"

using namespace kamgr;

namespace {

// "id,name\nhua-run,华润万家\n" in GB18030 (iconv -f UTF-8 -t GB18030).
const std::string kGb = "id,name\nhua-run,\xBB\xAA\xC8\xF3\xCD\xF2\xBC\xD2\n";
const std::string kUtf8 = "id,name\nhua-run,华润万家\n";

int error_line(std::string_view bytes, TextEncoding e) {
  try {
    decode_text(bytes, e, "f.csv");
  } catch (const Error& err) {
    CHECK(err.code() == Exit::bad_input);
    CHECK(err.file() == "f.csv");
    return err.line();
  }
  return 0;
}

}  // namespace

TEST_CASE("parse_text_encoding names") {
  CHECK(parse_text_encoding("auto") == TextEncoding::automatic);
  CHECK(parse_text_encoding("UTF-8") == TextEncoding::utf8);
  CHECK(parse_text_encoding("utf8") == TextEncoding::utf8);
  CHECK(parse_text_encoding("GB18030") == TextEncoding::gb18030);
  CHECK(parse_text_encoding("gbk") == TextEncoding::gb18030);
  CHECK_FALSE(parse_text_encoding("latin1"));
  CHECK_FALSE(parse_text_encoding(""));
}

TEST_CASE("first_invalid_utf8_line") {
  CHECK(first_invalid_utf8_line("") == 0);
  CHECK(first_invalid_utf8_line(kUtf8) == 0);
  CHECK(first_invalid_utf8_line(kGb) == 2);
  CHECK(first_invalid_utf8_line("a\nb\n\xC0\xAF") == 3);     // overlong '/'
  CHECK(first_invalid_utf8_line("\xED\xA0\x80") == 1);       // a surrogate
  CHECK(first_invalid_utf8_line("\xF4\x90\x80\x80") == 1);   // above U+10FFFF
  CHECK(first_invalid_utf8_line("ok\n\xE5\x8D") == 2);       // cut off at the end
}

TEST_CASE("automatic: UTF-8 stays, a BOM is dropped, anything else is GB18030") {
  DecodedText d = decode_text(kUtf8, TextEncoding::automatic, "f.csv");
  CHECK(d.text == kUtf8);
  CHECK(d.encoding == TextEncoding::utf8);
  d = decode_text("\xEF\xBB\xBF" + kUtf8, TextEncoding::automatic, "f.csv");
  CHECK(d.text == kUtf8);
  CHECK(d.encoding == TextEncoding::utf8);
  d = decode_text(kGb, TextEncoding::automatic, "f.csv");
  CHECK(d.text == kUtf8);
  CHECK(d.encoding == TextEncoding::gb18030);
  CHECK(decode_text("", TextEncoding::automatic, "f.csv").text.empty());
  CHECK(decode_text("a,b\r\n", TextEncoding::automatic, "f.csv").text == "a,b\r\n");
}

TEST_CASE("GB18030: four-byte sequences and its own BOM") {
  // U+20AC (euro) is 0xA2 0xE3 in GB18030; U+1F600 is the four bytes 94 39 FC 36.
  CHECK(decode_text("\xA2\xE3", TextEncoding::gb18030, "f").text == "\xE2\x82\xAC");
  CHECK(decode_text("\x94\x39\xFC\x36", TextEncoding::gb18030, "f").text == "\xF0\x9F\x98\x80");
  CHECK(decode_text("\x84\x31\x95\x33" "a", TextEncoding::gb18030, "f").text == "a");
  // Plain ASCII is the same in both.
  CHECK(decode_text("id\n", TextEncoding::gb18030, "f").text == "id\n");
}

TEST_CASE("refusals name the line of the first bad byte") {
  // 0xFF is neither UTF-8 nor the lead byte of a GB18030 sequence.
  CHECK(error_line("id\nx\n\xFF\xFF\n", TextEncoding::automatic) == 3);
  CHECK(error_line("id\nx\n\xFF\xFF\n", TextEncoding::gb18030) == 3);
  // A GB18030 file read as UTF-8 on demand.
  CHECK(error_line(kGb, TextEncoding::utf8) == 2);
  // A BOM says UTF-8: the rest must be UTF-8.
  CHECK(error_line("\xEF\xBB\xBF" "a\n" + kGb, TextEncoding::automatic) == 3);
  // A lead byte cut off by the end of the file.
  CHECK(error_line("a\n\xBB", TextEncoding::automatic) == 2);
  // UTF-16 is refused on line 1.
  CHECK(error_line("\xFF\xFEi\0d\0", TextEncoding::automatic) == 1);
}

TEST_CASE("decoded GB18030 parses as CSV") {
  const auto rows = parse_csv(decode_text(kGb, TextEncoding::automatic, "f.csv").text, "f.csv");
  REQUIRE(rows.size() == 2);
  CHECK(rows[1].cells == std::vector<std::string>{"hua-run", "华润万家"});
  CHECK(rows[1].line == 2);
}
