// Importing learning records exported by an external LMS (CSV; learning/lms_csv.hpp).
//
// Pass 1 streams the file and checks every row (shape, dates, minutes or JP), that each
// NIP belongs to a person of the instansi (looked up a few thousand at a time), and that
// no course and person repeat in the file. Pass 2 streams it again and writes the good
// rows into the ledger in one transaction, so by default every row is stored or none is
// (with import_good_rows the bad ones are skipped). A record's reference makes imports
// idempotent: the same file again changes nothing; a changed row replaces its record.
// Memory: one chunk of rows, the NIPs seen (for lookups), 16 bytes a row for repeats.
#pragma once

#include <string>

#include "platform/audit/audit.hpp"
#include "platform/csv/import_report.hpp"
#include "platform/db/database.hpp"

namespace harmoni::learning {

Result<csv::ImportReport> import_lms_csv(db::Database& db, int64_t instansi_id,
                                         const std::string& path, const std::string& provider,
                                         const csv::ImportOptions& options, int64_t now,
                                         audit::Entry audit_entry, int64_t now_ms);

}  // namespace harmoni::learning
