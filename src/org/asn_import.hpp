// Importing the ASN of an instansi from a CSV file.
//
// Pass 1 streams the file and checks every row (shape, NIP structure, names, codes
// that must exist in the instansi, NIPs repeated in the file) without writing.
// Pass 2 streams it again and upserts by NIP in one transaction, so by default
// either every row is stored or none is; with `import_good_rows` the bad rows are
// skipped. Re-importing the same file changes nothing. Memory: one record at a time
// plus 16 bytes per row for the duplicate check, and at most kMaxProblems problems.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "org/nip.hpp"
#include "platform/audit/audit.hpp"
#include "platform/db/database.hpp"

namespace harmoni::org {

struct ImportOptions {
  bool import_good_rows = false;
  bool dry_run = false;
};

struct RowProblem {
  int64_t line = 0;    // 1-based line in the file
  std::string column;  // CSV column name, "" for the whole row
  std::string key;     // message key
  MessageArgs args;
};

struct ImportReport {
  int64_t rows = 0;  // data rows read
  int64_t bad_rows = 0;
  int64_t inserted = 0, updated = 0, unchanged = 0;
  bool written = false;  // false when nothing was stored
  std::vector<RowProblem> problems;
  int64_t problems_not_listed = 0;  // beyond kMaxProblems
};

inline constexpr size_t kMaxProblems = 1000;

Result<ImportReport> import_asn_csv(db::Database& db, int64_t instansi_id, const std::string& path,
                                    const ImportOptions& options, YearMonth today, int64_t now,
                                    audit::Entry audit_entry, int64_t now_ms);

}  // namespace harmoni::org
