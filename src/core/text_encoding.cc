#include "kamgr/core/text_encoding.h"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cctype>

#include "kamgr/core/error.h"

namespace kamgr {

namespace {

/// Length of the well-formed UTF-8 sequence at `s[i]`, or 0 when it is not one.
size_t utf8_sequence_length(std::string_view s, size_t i) {
  const unsigned char c = s[i];
  if (c < 0x80) return 1;
  const size_t len = c >= 0xC2 && c <= 0xDF   ? 2
                     : c >= 0xE0 && c <= 0xEF ? 3
                     : c >= 0xF0 && c <= 0xF4 ? 4
                                              : 0;
  if (len == 0 || i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  const unsigned char c1 = s[i + 1];
  if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) ||
      (c == 0xF4 && c1 > 0x8F))
    return 0;
  return len;
}

int line_at(std::string_view s, size_t offset) {
  return 1 + static_cast<int>(std::count(s.begin(), s.begin() + offset, '\n'));
}

/// The iconv conversion descriptor, closed on every path.
class Converter {
 public:
  Converter(const char* to, const char* from) : cd_(iconv_open(to, from)) {}
  ~Converter() {
    if (ok()) iconv_close(cd_);
  }
  Converter(const Converter&) = delete;
  Converter& operator=(const Converter&) = delete;
  bool ok() const { return cd_ != reinterpret_cast<iconv_t>(-1); }
  iconv_t get() const { return cd_; }

 private:
  iconv_t cd_;
};

/// `bytes` read as GB18030, in UTF-8; std::nullopt with `bad` set to the offset of the
/// first byte that is not GB18030 (or starts a sequence cut off by the end).
std::optional<std::string> from_gb18030(std::string_view bytes, size_t& bad) {
  Converter conv("UTF-8", "GB18030");
  if (!conv.ok()) throw Error(Exit::failure, "the C library cannot convert GB18030 (iconv)");
  std::string out;
  char* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  char buf[16384];
  while (in_left > 0) {
    char* o = buf;
    size_t o_left = sizeof buf;
    const size_t r = iconv(conv.get(), &in, &in_left, &o, &o_left);
    out.append(buf, static_cast<size_t>(o - buf));
    if (r == static_cast<size_t>(-1) && errno != E2BIG) {
      bad = static_cast<size_t>(in - bytes.data());
      return std::nullopt;
    }
  }
  return out;
}

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

}  // namespace

std::optional<TextEncoding> parse_text_encoding(std::string_view name) {
  std::string n(name);
  for (char& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (n == "auto") return TextEncoding::automatic;
  if (n == "utf-8" || n == "utf8") return TextEncoding::utf8;
  if (n == "gb18030" || n == "gbk") return TextEncoding::gb18030;
  return std::nullopt;
}

int first_invalid_utf8_line(std::string_view s) {
  int line = 1;
  for (size_t i = 0; i < s.size();) {
    if (s[i] == '\n') ++line;
    const size_t len = utf8_sequence_length(s, i);
    if (len == 0) return line;
    i += len;
  }
  return 0;
}

DecodedText decode_text(std::string_view bytes, TextEncoding encoding, const std::string& file) {
  if (bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') ||
                            (bytes[0] == '\xFE' && bytes[1] == '\xFF')))
    throw input_error("the file is UTF-16; save it as CSV UTF-8", file, 1);
  const bool bom = bytes.substr(0, 3) == kUtf8Bom;
  if (bom) bytes.remove_prefix(3);
  const int bad_utf8 = encoding == TextEncoding::gb18030 ? 0 : first_invalid_utf8_line(bytes);
  if (encoding == TextEncoding::utf8 || bom) {
    if (bad_utf8) throw input_error("the file is not valid UTF-8", file, bad_utf8);
    return {std::string(bytes), TextEncoding::utf8};
  }
  if (encoding == TextEncoding::automatic && !bad_utf8)
    return {std::string(bytes), TextEncoding::utf8};
  size_t bad = 0;
  std::optional<std::string> text = from_gb18030(bytes, bad);
  if (!text)
    throw input_error(encoding == TextEncoding::automatic
                          ? "the file is neither UTF-8 nor GB18030; save it as CSV UTF-8"
                          : "the file is not valid GB18030",
                      file, line_at(bytes, bad));
  if (std::string_view(*text).substr(0, 3) == kUtf8Bom) text->erase(0, 3);  // GB18030's BOM
  return {std::move(*text), TextEncoding::gb18030};
}

}  // namespace kamgr
