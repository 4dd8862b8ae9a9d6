// The message catalog: language names and locales, exact entries, templates with their
// variable parts (reordered too), fallback to English, and tables aligned with CJK text.
#include <doctest/doctest.h>

#include <set>

#include "kamgr/core/i18n.h"
#include "kamgr/render/render.h"

using namespace kamgr;

TEST_CASE("--lang values and locales") {
  CHECK(parse_lang("zh-CN") == Lang::zh_CN);
  CHECK(parse_lang("zh-TW") == Lang::zh_TW);
  CHECK(parse_lang("en") == Lang::en);
  CHECK_FALSE(parse_lang("zh"));
  CHECK_FALSE(parse_lang("zh_CN"));
  CHECK_FALSE(parse_lang(""));
  CHECK(lang_of_locale("zh_CN.UTF-8") == Lang::zh_CN);
  CHECK(lang_of_locale("zh_SG") == Lang::zh_CN);
  CHECK(lang_of_locale("zh_TW.UTF-8") == Lang::zh_TW);
  CHECK(lang_of_locale("zh_HK.Big5") == Lang::zh_TW);
  CHECK(lang_of_locale("zh_MO") == Lang::zh_TW);
  CHECK(lang_of_locale("en_US.UTF-8") == Lang::en);
  CHECK(lang_of_locale("C") == Lang::en);
  CHECK(lang_of_locale("") == Lang::en);
}

TEST_CASE("exact entries, Simplified and Traditional, English fallback") {
  CHECK(tr(Lang::zh_CN, "CUSTOMER") == "客户");
  CHECK(tr(Lang::zh_TW, "CUSTOMER") == "客戶");
  CHECK(tr(Lang::en, "CUSTOMER") == "CUSTOMER");
  CHECK(tr(Lang::zh_CN, "Example:") == "示例：");
  CHECK(tr(Lang::zh_TW, "Example:") == "範例：");
  CHECK(tr(Lang::zh_CN, "no such text in the catalog") == "no such text in the catalog");
  // Templates are not exact entries.
  CHECK(tr(Lang::zh_CN, "unknown customer '{}'") == "unknown customer '{}'");
}

TEST_CASE("templates keep their variable parts, clause by clause") {
  CHECK(tr_message(Lang::zh_CN, "unknown customer 'acmee'; did you mean 'acme'?") ==
        "未知客户 'acmee'; 您是否要找 'acme'？");
  CHECK(tr_message(Lang::zh_TW, "unknown customer '華潤'") == "未知客戶 '華潤'");
  // Reordered parts.
  CHECK(tr_message(Lang::zh_CN, "12 visits in 2026-10") == "2026-10 共 12 次拜访");
  CHECK(tr_message(Lang::zh_TW, "unknown member 'x' given by --as") ==
        "--as 指定的成員 'x' 不存在");
  // The most specific template wins: "{}: unknown member '{}'" over nothing else.
  CHECK(tr_message(Lang::zh_CN, "--rep: unknown member 'zhang'; did you mean 'zhang-san'?") ==
        "--rep：未知成员 'zhang'; 您是否要找 'zhang-san'？");
  CHECK(tr_message(Lang::zh_CN, "--customer, --date and --purpose are required") ==
        "缺少必填项 --customer, --date 和 --purpose");
  CHECK(tr_message(Lang::zh_CN, "--customer is required") == "缺少必填项 --customer");
  // A variable part is never empty, and unknown clauses stay English.
  CHECK(tr_message(Lang::zh_CN, " customers") == " customers");
  CHECK(tr_message(Lang::zh_CN, "something new; did you mean 'x'?") ==
        "something new; 您是否要找 'x'？");
  CHECK(tr_message(Lang::en, "unknown customer 'x'") == "unknown customer 'x'");
}

namespace {
/// Common characters written differently in the two scripts (each list holds one form).
const char* const kSimplifiedOnly = "户访诉绩计录据项编称态员级标责设为们时间开发务单额总经说显执进误档览详无谁输错";
const char* const kTraditionalOnly = "戶訪訴績計錄據項編稱態員級標責設為們時間開發務單額總經說顯執進誤檔覽詳無誰輸錯";

/// True when `text` holds one of the (UTF-8) characters of `chars`.
bool has_any(const std::string& text, const std::string& chars) {
  for (size_t i = 0; i < chars.size(); i += 3)
    if (text.find(chars.substr(i, 3)) != std::string::npos) return true;
  return false;
}
}  // namespace

TEST_CASE("the catalog has no duplicate keys and every entry is translated both ways") {
  std::set<std::string> seen;
  for (const auto* catalog : {&translation_catalog(), &help_catalog()})
    for (const Translation& t : *catalog) {
      INFO(t.en);
      CHECK(seen.insert(t.en).second);
      CHECK(std::string(t.zh_cn) != "");
      CHECK(std::string(t.zh_tw) != "");
      CHECK_FALSE(has_any(t.zh_tw, kSimplifiedOnly));
      CHECK_FALSE(has_any(t.zh_cn, kTraditionalOnly));
    }
}

TEST_CASE("tables stay aligned with mixed Chinese and ASCII cells") {
  Report r;
  r.rows_key = "rows";
  Value rows = Value::array();
  auto add = [&](const std::string& id, const std::string& name, const std::string& n) {
    Value v = Value::object();
    v.set("id", id);
    v.set("name", name);
    v.set("n", n);
    v.set("x", "|");
    rows.push(v);
  };
  add("acme", "華潤萬家 Vanguard", "1");
  add("b", "ab", "22");
  add("gamma-long-id", "广州华润包装", "333");
  r.doc.set("rows", rows);
  r.columns = {{"id", "编号"}, {"name", "名称"}, {"n", "N", true}, {"x", "尾"}};
  const std::string table = render(r, Format::table, false);
  // Every line's last column ("|" or 尾) starts at the same display column.
  size_t expected = std::string::npos;
  size_t start = 0;
  int lines = 0;
  while (start < table.size()) {
    const size_t end = table.find('\n', start);
    const std::string line = table.substr(start, end - start);
    const size_t last = line.rfind("  ");
    REQUIRE(last != std::string::npos);
    const size_t column = display_width(line.substr(0, last + 2));
    if (expected == std::string::npos) expected = column;
    CHECK(column == expected);
    ++lines;
    start = end + 1;
  }
  CHECK(lines == 4);
  CHECK(expected == 13 + 2 + 17 + 2 + 3 + 2);
  CHECK(table.find("编号           名称") == 0);
}
