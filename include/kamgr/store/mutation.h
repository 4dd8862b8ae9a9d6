#pragma once
/// The ways kamgr changes a data directory (docs/formats.md "How kamgr writes"): create
/// a new record file, or append one item to an existing file's log; besides these,
/// `customer edit` and `visit edit` replace a record the user edited by hand (its log
/// only ever grows: the caller checks that), and `visit remove` deletes one.
/// All run under the directory's write lock, validate the exact text about to be
/// written, and write atomically.
#include <functional>
#include <string>
#include <vector>

#include "kamgr/core/error.h"
#include "kamgr/core/value.h"
#include "kamgr/store/datadir.h"

namespace kamgr {

/// Checks the full text of a file about to be written, reporting problems to `diag`.
using Validate = std::function<void(const std::string& text, const std::string& file,
                                    Diagnostics& diag)>;

/// Writes `record` in canonical form to the new file `rel`. Refuses (Error exit 2,
/// nothing written) when the file exists or `validate` reports an error.
void create_record(const DataDir& dir, const std::string& rel, const Value& record,
                   const Validate& validate);

/// Writes `text` as the new file `rel` (a record whose layout kamgr fixes itself, with
/// comments: `calendar import`). Refuses like create_record.
void create_file(const DataDir& dir, const std::string& rel, const std::string& text,
                 const Validate& validate);
/// One new record file for create_records.
struct NewFile {
  std::string rel;
  Value record;
  Validate validate;
};

/// Writes every record of `files` as create_record does, all or nothing: each is
/// validated before the first is written, all under one lock; when a write fails (the
/// disk is full, a file exists), the files already written are removed again and the
/// Error is thrown (docs/formats.md "How kamgr writes").
void create_records(const DataDir& dir, const std::vector<NewFile>& files);

/// Replaces the record `rel` with `text` (a user's edit), provided the file still holds
/// `expected` (else Error exit 2: it changed while being edited); `validate` runs on
/// the new text under the lock.
void replace_record(const DataDir& dir, const std::string& rel, const std::string& expected,
                    const std::string& text, const Validate& validate);

/// Replaces the record `from` with `text` and files it as `to` (a visit whose date an
/// edit moved to another month folder), provided `from` still holds `expected`;
/// `validate` runs on `text` as the file `to` under the lock. Refuses (Error exit 2,
/// nothing changed) when `to` exists. Two steps, each atomic: the file is moved (one
/// rename that refuses to replace), then its text replaced (temporary file + rename);
/// at every moment exactly one file holds the record. A crash between them leaves the
/// old text in the new folder, which `check` reports as misfiled.
void move_record(const DataDir& dir, const std::string& from, const std::string& to,
                 const std::string& expected, const std::string& text, const Validate& validate);

/// Deletes the record `rel`, provided it still holds `expected` (else Error exit 2).
/// The path is noted as written, so `--commit` stages the removal.
void remove_record(const DataDir& dir, const std::string& rel, const std::string& expected);

/// Writes a derived file that is not a record (CODEOWNERS, schemas/*.json) whole,
/// replacing any previous version, atomically and under the lock. kamgr regenerates
/// these from the records; nothing else replaces a file.
void replace_derived_file(const DataDir& dir, const std::string& rel, const std::string& text);

/// Appends `item` to the log `log_key` of the existing file `rel`, keeping every byte
/// before it. `check_current(text)` runs under the lock on the file as it is now (to
/// refuse impossible steps against the latest state); then the result is validated.
void append_to_record(const DataDir& dir, const std::string& rel, const std::string& log_key,
                      const Value& item, const Validate& check_current, const Validate& validate);

/// Like `append_to_record`, appending several items in order in one atomic write.
void append_items_to_record(const DataDir& dir, const std::string& rel, const std::string& log_key,
                            const std::vector<Value>& items, const Validate& check_current,
                            const Validate& validate);

}  // namespace kamgr
