#include "kamgr/store/mutation.h"

#include "kamgr/store/writer.h"

namespace kamgr {

namespace {

/// A new file's text about to be written.
struct NewText {
  const std::string& rel;
  std::string text;
  const Validate& validate;
};

/// Validates every text, then writes them all as new files under one lock; when a write
/// fails, the files already written are removed again and the Error is thrown.
void create_texts(const DataDir& dir, const std::vector<NewText>& files) {
  for (const NewText& f : files) {
    Diagnostics diag;
    f.validate(f.text, f.rel, diag);
    diag.throw_if_errors();
  }
  WriteLock lock(dir.root());
  for (size_t i = 0; i < files.size(); ++i) {
    try {
      atomic_write(dir.path(files[i].rel), files[i].text, /*exclusive=*/true);
    } catch (const Error&) {
      // Undo: the files written so far are new (exclusive) and still locked by us.
      for (size_t k = 0; k < i; ++k) {
        std::error_code ec;
        fs::remove(dir.path(files[k].rel), ec);
      }
      throw;
    }
  }
  for (const NewText& f : files) dir.note_written(f.rel);
}

}  // namespace

void create_record(const DataDir& dir, const std::string& rel, const Value& record,
                   const Validate& validate) {
  create_texts(dir, {{rel, canonical_record(record), validate}});
}

void create_file(const DataDir& dir, const std::string& rel, const std::string& text,
                 const Validate& validate) {
  create_texts(dir, {{rel, text, validate}});
}

void create_records(const DataDir& dir, const std::vector<NewFile>& files) {
  std::vector<NewText> texts;
  texts.reserve(files.size());
  for (const NewFile& f : files) texts.push_back({f.rel, canonical_record(f.record), f.validate});
  create_texts(dir, texts);
}

void replace_record(const DataDir& dir, const std::string& rel, const std::string& expected,
                    const std::string& text, const Validate& validate) {
  WriteLock lock(dir.root());
  if (dir.read(rel) != expected)
    throw input_error("the file changed while it was being edited; edit it again", rel);
  Diagnostics diag;
  validate(text, rel, diag);
  diag.throw_if_errors();
  atomic_write(dir.path(rel), text, /*exclusive=*/false);
  dir.note_written(rel);
}

namespace {

/// Under the lock: refuses when `rel` no longer holds `expected` (changed since read).
void require_unchanged(const DataDir& dir, const std::string& rel, const std::string& expected) {
  if (!dir.inside(rel)) throw input_error("the file is a link to outside the data directory", rel);
  const std::optional<std::string> now = read_file(dir.path(rel));
  if (!now || *now != expected)
    throw input_error("the file changed while it was being edited; edit it again", rel);
}

}  // namespace

void move_record(const DataDir& dir, const std::string& from, const std::string& to,
                 const std::string& expected, const std::string& text, const Validate& validate) {
  WriteLock lock(dir.root());
  require_unchanged(dir, from, expected);
  if (!dir.inside(to)) throw input_error("the file is a link to outside the data directory", to);
  Diagnostics diag;
  validate(text, to, diag);
  diag.throw_if_errors();
  atomic_move(dir.path(from), dir.path(to));
  dir.note_written(from);
  dir.note_written(to);
  try {
    atomic_write(dir.path(to), text, /*exclusive=*/false);
  } catch (const Error&) {
    std::error_code ec;
    fs::rename(dir.path(to), dir.path(from), ec);  // back where it was, old text
    throw;
  }
}

void remove_record(const DataDir& dir, const std::string& rel, const std::string& expected) {
  WriteLock lock(dir.root());
  require_unchanged(dir, rel, expected);
  remove_file(dir.path(rel));
  dir.note_written(rel);
}

void replace_derived_file(const DataDir& dir, const std::string& rel, const std::string& text) {
  WriteLock lock(dir.root());
  if (!dir.inside(rel)) throw input_error("the file is a link to outside the data directory", rel);
  atomic_write(dir.path(rel), text, /*exclusive=*/false);
  dir.note_written(rel);
}

void append_to_record(const DataDir& dir, const std::string& rel, const std::string& log_key,
                      const Value& item, const Validate& check_current, const Validate& validate) {
  append_items_to_record(dir, rel, log_key, {item}, check_current, validate);
}

void append_items_to_record(const DataDir& dir, const std::string& rel, const std::string& log_key,
                            const std::vector<Value>& items, const Validate& check_current,
                            const Validate& validate) {
  WriteLock lock(dir.root());
  const std::string before = dir.read(rel);
  Diagnostics current;
  if (check_current) check_current(before, rel, current);
  current.throw_if_errors();
  std::string after = before;
  for (const Value& item : items) after = append_log_item(after, log_key, item, rel);
  Diagnostics diag;
  validate(after, rel, diag);
  diag.throw_if_errors();
  atomic_write(dir.path(rel), after, /*exclusive=*/false);
  dir.note_written(rel);
}

}  // namespace kamgr
