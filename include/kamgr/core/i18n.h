#pragma once
/// The language people read: table headers, messages and help in English, Simplified
/// Chinese (zh-CN) or Traditional Chinese (zh-TW). A catalog keyed by the English text;
/// whatever it lacks stays English. Machine formats (JSON, CSV, YAML keys and values),
/// record files, IDs and file:line locations never change with the language.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kamgr {

enum class Lang { en, zh_CN, zh_TW };

/// `zh-CN`, `zh-TW` or `en` -> the language; std::nullopt for anything else.
std::optional<Lang> parse_lang(std::string_view name);

/// The language of a POSIX locale name (the value of LC_ALL, LC_MESSAGES or LANG):
/// zh_CN* and zh_SG* -> zh-CN; zh_TW*, zh_HK* and zh_MO* -> zh-TW; anything else -> en.
Lang lang_of_locale(std::string_view locale);

/// One catalog entry: the English text and its Simplified and Traditional forms. `{}`
/// marks a variable part in templates; `{0}`, `{1}`... may reorder them in translations.
struct Translation {
  const char* en;
  const char* zh_cn;
  const char* zh_tw;
};

/// The catalog: messages, table headers, notes and question labels (i18n_catalog.cc),
/// and help: CLI11's labels, command and option descriptions, footer lines
/// (i18n_help.cc). No English text is in both. tests/unit/i18n_coverage_test.cc fails
/// when a text src/ shows lacks its entry or an entry is no longer used.
const std::vector<Translation>& translation_catalog();
const std::vector<Translation>& help_catalog();

/// `english` in `lang`: the catalog's exact entry, else `english` itself.
std::string tr(Lang lang, const std::string& english);

/// A message (error, warning, table note) in `lang`: each `; `-separated clause that is
/// in the catalog, exactly or as a template with `{}` parts (`unknown customer '{}'`),
/// is translated keeping what filled the `{}` parts; other clauses stay as they are.
std::string tr_message(Lang lang, const std::string& message);

/// The entry tr_message translates one clause (no `; `) with: the exact one, else the
/// most specific matching template; nullptr when the clause stays English.
const Translation* catalog_entry(const std::string& clause);

}  // namespace kamgr
