#include "kamgr/core/i18n.h"

#include <unordered_map>

namespace kamgr {

namespace {

const char* text_in(const Translation& t, Lang lang) {
  switch (lang) {
    case Lang::zh_CN: return t.zh_cn;
    case Lang::zh_TW: return t.zh_tw;
    case Lang::en: break;
  }
  return t.en;
}

bool is_template(std::string_view english) { return english.find("{}") != std::string_view::npos; }

/// The catalog split once: plain entries by their English text, and the templates.
struct Index {
  std::unordered_map<std::string_view, const Translation*> exact;
  std::vector<const Translation*> templates;
};

const Index& index() {
  static const Index built = [] {
    Index i;
    for (const auto* catalog : {&translation_catalog(), &help_catalog()})
      for (const Translation& t : *catalog) {
        if (is_template(t.en)) i.templates.push_back(&t);
        else i.exact.emplace(t.en, &t);
      }
    return i;
  }();
  return built;
}

/// Matches `text` against `pattern` (literal pieces around `{}`), each `{}` standing for
/// a non-empty part; the parts go to `parts`. Middle pieces match at their first place.
bool match(std::string_view pattern, std::string_view text, std::vector<std::string>& parts) {
  std::vector<std::string_view> pieces;
  for (size_t start = 0;;) {
    const size_t hole = pattern.find("{}", start);
    pieces.push_back(pattern.substr(start, hole - start));
    if (hole == std::string_view::npos) break;
    start = hole + 2;
  }
  const std::string_view first = pieces.front(), last = pieces.back();
  if (text.size() < first.size() + last.size() || !text.starts_with(first) ||
      !text.ends_with(last))
    return false;
  size_t at = first.size();
  const size_t end = text.size() - last.size();
  parts.clear();
  for (size_t i = 1; i + 1 < pieces.size(); ++i) {
    const size_t found = text.find(pieces[i], at + 1);  // each part has a character at least
    if (found == std::string_view::npos || found + pieces[i].size() > end) return false;
    parts.emplace_back(text.substr(at, found - at));
    at = found + pieces[i].size();
  }
  if (at >= end) return false;
  parts.emplace_back(text.substr(at, end - at));
  return true;
}

/// `translation` with `{}` (the next part) and `{N}` (part N) filled in.
std::string fill(std::string_view translation, const std::vector<std::string>& parts) {
  std::string out;
  size_t next = 0;
  for (size_t i = 0; i < translation.size(); ++i) {
    if (translation[i] == '{') {
      const size_t close = translation.find('}', i);
      const std::string_view inside =
          close == std::string_view::npos ? "x" : translation.substr(i + 1, close - i - 1);
      size_t n = next;
      bool numbered = !inside.empty();
      for (char c : inside) numbered = numbered && c >= '0' && c <= '9';
      if (numbered) n = std::stoul(std::string(inside));
      if ((inside.empty() || numbered) && n < parts.size()) {
        out += parts[n];
        if (!numbered) ++next;
        i = close;
        continue;
      }
    }
    out += translation[i];
  }
  return out;
}

/// How much fixed text a template has: the more, the more specific a match.
size_t literal_size(std::string_view english) {
  size_t holes = 0;
  for (size_t at = english.find("{}"); at != std::string_view::npos; at = english.find("{}", at + 2))
    ++holes;
  return english.size() - 2 * holes;
}

/// The entry for `clause`: the exact one, else the most specific matching template
/// (its `{}` parts go to `parts`); nullptr when neither is in the catalog.
const Translation* find_clause(const std::string& clause, std::vector<std::string>& parts) {
  const Index& i = index();
  parts.clear();
  if (auto it = i.exact.find(clause); it != i.exact.end()) return it->second;
  const Translation* best = nullptr;
  std::vector<std::string> candidate;
  for (const Translation* t : i.templates)
    if (match(t->en, clause, candidate) && (!best || literal_size(t->en) > literal_size(best->en))) {
      best = t;
      parts = candidate;
    }
  return best;
}

/// Calls `each` on every `; `-separated clause of `message`, in order.
template <typename Each>
void for_each_clause(const std::string& message, Each each) {
  for (size_t start = 0;;) {
    const size_t split = message.find("; ", start);
    each(message.substr(start, split - start), split == std::string::npos);
    if (split == std::string::npos) break;
    start = split + 2;
  }
}

}  // namespace

std::optional<Lang> parse_lang(std::string_view name) {
  if (name == "en") return Lang::en;
  if (name == "zh-CN") return Lang::zh_CN;
  if (name == "zh-TW") return Lang::zh_TW;
  return std::nullopt;
}

Lang lang_of_locale(std::string_view locale) {
  auto starts = [&](std::string_view prefix) { return locale.substr(0, prefix.size()) == prefix; };
  if (starts("zh_CN") || starts("zh_SG")) return Lang::zh_CN;
  if (starts("zh_TW") || starts("zh_HK") || starts("zh_MO")) return Lang::zh_TW;
  return Lang::en;
}

std::string tr(Lang lang, const std::string& english) {
  if (lang == Lang::en) return english;
  const Index& i = index();
  const auto it = i.exact.find(english);
  return it == i.exact.end() ? english : text_in(*it->second, lang);
}

std::string tr_message(Lang lang, const std::string& message) {
  if (lang == Lang::en) return message;
  std::string out;
  std::vector<std::string> parts;
  for_each_clause(message, [&](const std::string& clause, bool last) {
    const Translation* t = find_clause(clause, parts);
    out += t ? fill(text_in(*t, lang), parts) : clause;
    if (!last) out += "; ";
  });
  return out;
}

const Translation* catalog_entry(const std::string& clause) {
  std::vector<std::string> parts;
  return find_clause(clause, parts);
}

}  // namespace kamgr
