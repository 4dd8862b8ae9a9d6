#include "kamgr/store/mutation.h"

#include "kamgr/store/writer.h"

namespace kamgr {

void create_record(const DataDir& dir, const std::string& rel, const Value& record,
                   const Validate& validate) {
  create_records(dir, {{rel, record, validate}});
}

void create_records(const DataDir& dir, const std::vector<NewFile>& files) {
  std::vector<std::string> texts;
  for (const NewFile& f : files) {
    texts.push_back(canonical_record(f.record));
    Diagnostics diag;
    f.validate(texts.back(), f.rel, diag);
    diag.throw_if_errors();
  }
  WriteLock lock(dir.root());
  for (size_t i = 0; i < files.size(); ++i) {
    try {
      atomic_write(dir.path(files[i].rel), texts[i], /*exclusive=*/true);
    } catch (const Error&) {
      // Undo: the files written so far are new (exclusive) and still locked by us.
      for (size_t k = 0; k < i; ++k) {
        std::error_code ec;
        fs::remove(dir.path(files[k].rel), ec);
      }
      throw;
    }
  }
  for (const NewFile& f : files) dir.note_written(f.rel);
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
