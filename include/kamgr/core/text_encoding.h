#pragma once
/// The encodings of the text files people export from spreadsheets (docs/formats.md
/// "Importing CSV"): UTF-8 with or without a byte order mark, or GB18030 (GBK's
/// superset), which Excel and WPS write as "CSV" on Chinese Windows. Pure functions over
/// bytes; GB18030 is decoded with the C library's iconv.
#include <optional>
#include <string>
#include <string_view>

namespace kamgr {

enum class TextEncoding {
  automatic,  ///< valid UTF-8 is UTF-8, anything else is read as GB18030
  utf8,
  gb18030,
};

/// `auto`, `utf-8` (or `utf8`) or `gb18030` (or `gbk`, read as its superset), any case;
/// std::nullopt for anything else.
std::optional<TextEncoding> parse_text_encoding(std::string_view name);

/// The 1-based line of the first byte of `text` that does not start a well-formed UTF-8
/// sequence (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF), or 0
/// when all of it is UTF-8.
int first_invalid_utf8_line(std::string_view text);

/// The result of decoding: UTF-8 text without a byte order mark, and what it was.
struct DecodedText {
  std::string text;
  TextEncoding encoding = TextEncoding::utf8;  ///< utf8 or gb18030, never automatic
};

/// Decodes `bytes` to UTF-8. A UTF-8 byte order mark is dropped (a BOM means UTF-8 even
/// for `automatic`). `automatic`: valid UTF-8 is kept as it is, else the bytes are read
/// as GB18030. Throws Error (exit 2, naming `file` and the line of the first bad byte)
/// when the bytes are not valid in the encoding asked for (for `automatic`: in
/// neither), and for UTF-16 (a byte order mark FF FE or FE FF).
DecodedText decode_text(std::string_view bytes, TextEncoding encoding, const std::string& file);

}  // namespace kamgr
