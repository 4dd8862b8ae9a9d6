// Translations cannot drift (docs/guide.md "In Chinese"): every help text of the
// command table is in the help catalog, and every table header, note under a table and
// interactive question in src/ is in the catalog, in zh-CN and zh-TW; a catalog entry
// nothing uses any more fails too. Headers, notes and questions are found by reading
// the sources (the C++ tokens of every file under src/), so a new one cannot be missed.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "kamgr/cli/app.h"
#include "kamgr/core/i18n.h"

using namespace kamgr;
namespace fs = std::filesystem;

namespace {

/// One C++ token: a string literal (escapes decoded, adjacent literals joined), a word
/// (identifier or number) or one punctuation character.
struct Token {
  enum Kind { literal, word, punct } kind;
  std::string text;
  int line;
};

/// The source text of a token stream: where a text was found, for the failure message.
struct Source {
  std::string file;
  std::vector<Token> tokens;
};

/// Decodes the string literal starting at `text[i]` (its opening quote); `i` ends after
/// the closing quote.
std::string read_literal(const std::string& text, size_t& i) {
  std::string out;
  for (++i; i < text.size() && text[i] != '"'; ++i) {
    if (text[i] != '\\' || i + 1 >= text.size()) {
      out += text[i];
      continue;
    }
    const char c = text[++i];
    out += c == 'n' ? '\n' : c == 't' ? '\t' : c;
  }
  ++i;
  return out;
}

/// Decodes the raw string literal `R"delim(...)delim"` whose quote is at `text[i]`.
std::string read_raw_literal(const std::string& text, size_t& i) {
  const size_t open = text.find('(', i);
  const std::string close = ")" + text.substr(i + 1, open - i - 1) + "\"";
  const size_t end = text.find(close, open);
  const std::string out = text.substr(open + 1, end - open - 1);
  i = end + close.size();
  return out;
}

/// Skips a comment, preprocessor line or character literal at `text[i]`; false when
/// there is none there.
bool skip_non_token(const std::string& text, size_t& i, bool line_start) {
  if (text.compare(i, 2, "//") == 0 || (line_start && text[i] == '#')) {
    i = std::min(text.find('\n', i), text.size());
  } else if (text.compare(i, 2, "/*") == 0) {
    i = std::min(text.find("*/", i + 2), text.size() - 2) + 2;
  } else if (text[i] == '\'') {
    for (++i; i < text.size() && text[i] != '\''; ++i)
      if (text[i] == '\\') ++i;
    ++i;
  } else {
    return false;
  }
  return true;
}

/// Appends the token at `text[i]` to `tokens` (joining adjacent literals).
void read_token(const std::string& text, size_t& i, int line, std::vector<Token>& tokens) {
  auto push_literal = [&](std::string s) {
    if (!tokens.empty() && tokens.back().kind == Token::literal) tokens.back().text += s;
    else tokens.push_back({Token::literal, std::move(s), line});
  };
  const auto is_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  if (text[i] == '"') return push_literal(read_literal(text, i));
  if (!is_word(text[i])) {
    tokens.push_back({Token::punct, std::string(1, text[i++]), line});
    return;
  }
  const size_t start = i;
  while (i < text.size() && is_word(text[i])) ++i;
  const std::string word = text.substr(start, i - start);
  if (word == "R" && i < text.size() && text[i] == '"') return push_literal(read_raw_literal(text, i));
  tokens.push_back({Token::word, word, line});
}

std::vector<Token> tokenize(const std::string& text) {
  std::vector<Token> tokens;
  int line = 1;
  bool line_start = true;
  for (size_t i = 0; i < text.size();) {
    const size_t before = i;
    if (std::isspace(static_cast<unsigned char>(text[i]))) {
      if (text[i] == '\n') line_start = true;
      ++i;
    } else if (!skip_non_token(text, i, line_start)) {
      line_start = false;
      read_token(text, i, line, tokens);
    }
    line += static_cast<int>(std::count(text.begin() + before, text.begin() + i, '\n'));
  }
  return tokens;
}

/// The repository, found from this file's path (CMake compiles it by its full path).
fs::path repository() { return fs::path(__FILE__).parent_path().parent_path().parent_path(); }

/// Every .cc and .h under src/ but the catalogs themselves, tokenized.
const std::vector<Source>& sources() {
  static const std::vector<Source> all = [] {
    std::vector<Source> out;
    for (const auto& entry : fs::recursive_directory_iterator(repository() / "src")) {
      const fs::path& p = entry.path();
      const std::string name = p.filename().string();
      if (!entry.is_regular_file() || (p.extension() != ".cc" && p.extension() != ".h") ||
          name == "i18n_catalog.cc" || name == "i18n_help.cc")
        continue;
      std::ifstream in(p, std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      out.push_back({fs::relative(p, repository()).string(), tokenize(text.str())});
    }
    return out;
  }();
  return all;
}

bool is(const Token& t, const char* text) { return t.kind == Token::punct && t.text == text; }

/// The index of the token closing the bracket opened at `open`, or the end.
size_t closing(const std::vector<Token>& t, size_t open) {
  int depth = 0;
  for (size_t i = open; i < t.size(); ++i) {
    if (is(t[i], "(") || is(t[i], "{") || is(t[i], "[")) ++depth;
    if ((is(t[i], ")") || is(t[i], "}") || is(t[i], "]")) && --depth == 0) return i;
  }
  return t.size();
}

/// `text` with each fmt replacement field (`{}`, `{0}`, `{:.1f}`) written `{}`.
std::string normalized(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    const size_t close = text[i] == '{' ? text.find('}', i) : std::string::npos;
    const std::string inside = close == std::string::npos ? "" : text.substr(i + 1, close - i - 1);
    const bool field = close != std::string::npos &&
                       inside.find_first_not_of("0123456789") >= inside.find(':');
    if (field) {
      out += "{}";
      i = close;
    } else {
      out += text[i];
    }
  }
  return out;
}

/// Literal `i` as it reads at run time: `{}` for fmt fields and for what `+` adds.
std::string with_holes(const std::vector<Token>& t, size_t i) {
  std::string text = normalized(t[i].text);
  if (i > 0 && is(t[i - 1], "+")) text = "{}" + text;
  if (i + 1 < t.size() && is(t[i + 1], "+")) text += "{}";
  return text;
}

/// Where a text was found, for failure messages.
struct Found {
  std::string text;
  std::string where;
};

std::string where(const Source& s, size_t i) { return s.file + ":" + std::to_string(s.tokens[i].line); }

/// `[begin, end)` of each top-level comma-separated element of the group opened at `open`.
std::vector<std::pair<size_t, size_t>> elements(const std::vector<Token>& t, size_t open) {
  std::vector<std::pair<size_t, size_t>> out;
  const size_t close = closing(t, open);
  size_t begin = open + 1;
  for (size_t i = open + 1; i < close; ++i) {
    if (is(t[i], "(") || is(t[i], "{") || is(t[i], "[")) i = closing(t, i);
    else if (is(t[i], ",")) out.emplace_back(begin, i), begin = i + 1;
  }
  if (begin < close) out.emplace_back(begin, close);
  return out;
}

/// The literals of `[begin, end)` outside any bracket in it.
std::vector<size_t> top_literals(const std::vector<Token>& t, size_t begin, size_t end) {
  std::vector<size_t> out;
  for (size_t i = begin; i < end; ++i) {
    if (is(t[i], "(") || is(t[i], "{") || is(t[i], "[")) i = closing(t, i);
    else if (t[i].kind == Token::literal) out.push_back(i);
  }
  return out;
}

bool is_key(const std::string& text) {
  return !text.empty() && std::islower(static_cast<unsigned char>(text[0])) &&
         text.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_.") == std::string::npos;
}

/// Whether `text` reads as a table header: a letter, and no lowercase one (`RATE%`).
bool is_header(const std::string& text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)); }) &&
         std::none_of(text.begin(), text.end(), [](char c) { return std::islower(static_cast<unsigned char>(c)); });
}

/// Whether `[begin, end)` is a Column's `{key, HEADER}` or `{key, HEADER, numeric}`:
/// lowercase key literals (`customer`, `scores.`) and upper-case header literals, or
/// choices between them (`by_rep ? "REP" : "TEAM"`), then `true` or `false`.
bool is_column(const std::vector<Token>& t, const std::vector<std::pair<size_t, size_t>>& parts) {
  if (parts.size() < 2 || parts.size() > 3) return false;
  if (parts.size() == 3 && !(parts[2].second == parts[2].first + 1 &&
                             (t[parts[2].first].text == "true" || t[parts[2].first].text == "false")))
    return false;
  const auto keys = top_literals(t, parts[0].first, parts[0].second);
  const auto headers = top_literals(t, parts[1].first, parts[1].second);
  return !keys.empty() && !headers.empty() &&
         std::all_of(keys.begin(), keys.end(), [&](size_t k) { return is_key(t[k].text); }) &&
         std::all_of(headers.begin(), headers.end(), [&](size_t h) { return is_header(t[h].text); });
}

/// The headers of every table column in src/ (each Column written as is_column reads it).
std::vector<Found> table_headers() {
  std::vector<Found> out;
  for (const Source& s : sources())
    for (size_t i = 0; i < s.tokens.size(); ++i) {
      if (!is(s.tokens[i], "{")) continue;
      const auto parts = elements(s.tokens, i);
      if (!is_column(s.tokens, parts)) continue;
      for (size_t h : top_literals(s.tokens, parts[1].first, parts[1].second))
        out.push_back({s.tokens[h].text, where(s, h)});
    }
  return out;
}

/// The texts of a statement that makes notes or explanations: `texts`, and `fillers`, the
/// literals passed to fmt::format after its format string (`"s"`, `" received in {}"`).
struct Statement {
  std::vector<Found> texts;
  std::vector<std::string> fillers;
};

/// The literals of `[begin, end)` sorted into a Statement.
Statement statement(const Source& s, size_t begin, size_t end) {
  struct Open {
    bool format;      // the bracket of a fmt::format call
    bool past_first;  // after its first argument
  };
  Statement out;
  std::vector<Open> open;
  for (size_t i = begin; i < end; ++i) {
    const Token& t = s.tokens[i];
    if (is(t, "(") || is(t, "{") || is(t, "["))
      open.push_back({is(t, "(") && i > 0 && s.tokens[i - 1].text == "format", false});
    else if ((is(t, ")") || is(t, "}") || is(t, "]")) && !open.empty()) open.pop_back();
    else if (is(t, ",") && !open.empty()) open.back().past_first = true;
    if (t.kind != Token::literal) continue;
    const bool filler =
        std::any_of(open.begin(), open.end(), [](const Open& o) { return o.format && o.past_first; });
    if (filler) out.fillers.push_back(with_holes(s.tokens, i));
    else out.texts.push_back({with_holes(s.tokens, i), where(s, i)});
  }
  return out;
}

/// Every statement in src/ whose texts are shown translated through tr_message: a note
/// under a table (`notes.push_back(...)`, `.emplace_back`, `.insert`, `notes = ...;`) or
/// an explanation under a question (`explain(...)`, prompt.cc).
std::vector<Statement> message_statements() {
  std::vector<Statement> out;
  for (const Source& s : sources()) {
    const std::vector<Token>& t = s.tokens;
    for (size_t i = 0; i + 3 < t.size(); ++i) {
      const bool note_call = t[i].text == "notes" && is(t[i + 1], ".") && is(t[i + 3], "(") &&
                             (t[i + 2].text == "push_back" || t[i + 2].text == "emplace_back" ||
                              t[i + 2].text == "insert");
      if (note_call) out.push_back(statement(s, i + 3, closing(t, i + 3)));
      if (t[i].kind == Token::word && t[i].text == "explain" && is(t[i + 1], "("))
        out.push_back(statement(s, i + 1, closing(t, i + 1)));
      if (t[i].text == "notes" && is(t[i + 1], "=") && !is(t[i + 2], "=")) {
        size_t end = i + 2;
        while (end < t.size() && !is(t[end], ";"))
          end = is(t[end], "(") || is(t[end], "{") ? closing(t, end) + 1 : end + 1;
        out.push_back(statement(s, i + 2, end));
      }
    }
  }
  return out;
}

/// Whether the `{}` at `at` is glued to what comes before it (`member{}`, `{}{}`): an
/// ending that a filler completes.
bool glued(const std::string& text, size_t at) {
  return at > 0 && (std::isalnum(static_cast<unsigned char>(text[at - 1])) || text[at - 1] == '}');
}

/// The texts `text` can read as, `{}` for what varies: each `{}` glued to what precedes
/// it replaced, in turn, by each filler (so `member{}` gives `member` and `members`).
std::vector<std::string> forms(const std::string& text, const std::vector<std::string>& fillers) {
  std::vector<size_t> holes;
  for (size_t at = text.find("{}"); at != std::string::npos; at = text.find("{}", at + 2))
    if (glued(text, at)) holes.push_back(at);
  if (holes.empty() || fillers.empty()) return {text};
  std::vector<std::string> out;
  for (const std::string& filler : std::set<std::string>(fillers.begin(), fillers.end())) {
    std::string form = text;
    for (auto at = holes.rbegin(); at != holes.rend(); ++at) form.replace(*at, 2, filler);
    out.push_back(form);
  }
  return out;
}

/// `form` with its `{}` filled by sample values (X1, X2...), as a message reads.
std::string sample(const std::string& form) {
  std::string out = form;
  int n = 0;
  for (size_t at = out.find("{}"); at != std::string::npos; at = out.find("{}", at))
    out.replace(at, 2, "X" + std::to_string(++n));
  return out;
}

/// Whether `form` has English to translate: a letter outside its `{}`.
bool has_words(const std::string& form) {
  std::string fixed = form;
  for (size_t at = fixed.find("{}"); at != std::string::npos; at = fixed.find("{}"))
    fixed.erase(at, 2);
  return std::any_of(fixed.begin(), fixed.end(),
                     [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
}

/// The labels of the questions asked on a terminal: `..._question("--customer", ...)`
/// asks `customer: ` (questions.cc).
std::vector<Found> question_labels() {
  std::vector<Found> out;
  for (const Source& s : sources())
    for (size_t i = 0; i + 2 < s.tokens.size(); ++i) {
      const std::string& name = s.tokens[i].text;
      const Token& arg = s.tokens[i + 2];
      if (s.tokens[i].kind == Token::word && name.ends_with("question") &&
          is(s.tokens[i + 1], "(") && arg.kind == Token::literal && arg.text.starts_with("--"))
        out.push_back({arg.text.substr(2), where(s, i + 2)});
    }
  return out;
}

std::set<std::string> keys_of(const std::vector<Translation>& catalog) {
  std::set<std::string> keys;
  for (const Translation& t : catalog) keys.insert(t.en);
  return keys;
}

/// The `; `-separated clauses of `text` (tr_message looks each up alone).
std::vector<std::string> clauses(const std::string& text) {
  std::vector<std::string> out;
  for (size_t start = 0;;) {
    const size_t split = text.find("; ", start);
    out.push_back(text.substr(start, split - start));
    if (split == std::string::npos) return out;
    start = split + 2;
  }
}

/// Whether tr_message translates every clause of `message`.
bool translated(const std::string& message) {
  const std::vector<std::string> all = clauses(message);
  return std::all_of(all.begin(), all.end(), [](const std::string& c) { return catalog_entry(c); });
}

/// Messages kamgr shows that no literal in src/ spells out: CLI11's own errors, and
/// must_ask's (prompt.cc) "{} {} required" with "is" or "are".
constexpr const char* kAssembledMessages[] = {
    "{} is required",
    "{} and {} are required",
    "the following argument was not expected: {}",
    "the following arguments were not expected: {}",
};

/// Every text src/ can show, `{}` for what varies: each literal's clauses, also with
/// its glued `{}` left empty (`{} complaints{}`), the note forms, headers and labels.
std::set<std::string> texts_in_sources() {
  std::set<std::string> out(std::begin(kAssembledMessages), std::end(kAssembledMessages));
  for (const Source& s : sources())
    for (size_t i = 0; i < s.tokens.size(); ++i)
      if (s.tokens[i].kind == Token::literal)
        for (const std::string& form : forms(with_holes(s.tokens, i), {"", "{}"}))
          for (const std::string& clause : clauses(form)) out.insert(clause);
  for (const Statement& s : message_statements())
    for (const Found& text : s.texts)
      for (const std::string& form : forms(text.text, s.fillers))
        for (const std::string& clause : clauses(form)) out.insert(clause);
  for (const Found& h : table_headers()) out.insert(h.text);
  for (const Found& label : question_labels()) out.insert(label.text);
  return out;
}

}  // namespace

TEST_CASE("the sources are found and read") {
  REQUIRE(fs::exists(repository() / "src" / "cli" / "app.cc"));
  CHECK(sources().size() > 50);
  CHECK(table_headers().size() > 100);
  CHECK(message_statements().size() > 20);
  CHECK(question_labels().size() > 8);
}

TEST_CASE("every help text of the command table is in the help catalog, which holds no other") {
  const std::vector<std::string> texts = help_texts();
  const std::set<std::string> shown(texts.begin(), texts.end());
  const std::set<std::string> catalog = keys_of(help_catalog());
  for (const std::string& text : shown)
    CHECK_MESSAGE(catalog.count(text), "help text not in help_catalog(): \"", text, "\"");
  for (const std::string& key : catalog)
    CHECK_MESSAGE(shown.count(key), "help_catalog() entry no help shows: \"", key, "\"");
}

TEST_CASE("every table header in src/ is in the catalog") {
  const std::set<std::string> catalog = keys_of(translation_catalog());
  for (const Found& h : table_headers())
    CHECK_MESSAGE(catalog.count(h.text), h.where, ": table header not in translation_catalog(): \"",
                  h.text, "\"");
}

TEST_CASE("every question's label in src/ is in the catalog") {
  const std::set<std::string> catalog = keys_of(translation_catalog());
  for (const Found& label : question_labels())
    CHECK_MESSAGE(catalog.count(label.text), label.where,
                  ": question label not in translation_catalog(): \"", label.text, "\"");
}

TEST_CASE("every note under a table and every explanation under a question is translated") {
  for (const Statement& s : message_statements())
    for (const Found& text : s.texts)
      for (const std::string& form : forms(text.text, s.fillers))
        if (has_words(form))
          CHECK_MESSAGE(translated(sample(form)), text.where,
                        ": message not in translation_catalog(): \"", form, "\"");
}

TEST_CASE("every entry of the message catalog translates a text in src/") {
  std::set<std::string> used;
  for (const std::string& text : texts_in_sources())
    if (const Translation* t = catalog_entry(sample(text))) used.insert(t->en);
  for (const std::string& key : keys_of(translation_catalog())) {
    CHECK_MESSAGE(used.count(key), "translation_catalog() entry nothing in src/ shows: \"", key,
                  "\"");
    // tr_message looks up each "; " clause alone, so an entry holding "; " never matches.
    CHECK_MESSAGE(key.find("; ") == std::string::npos,
                  "translation_catalog() entry with \"; \" (split it): \"", key, "\"");
  }
}
