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
#include "platform/csv/import_report.hpp"
#include "platform/db/database.hpp"

namespace harmoni::org {

using ImportOptions = csv::ImportOptions;
using ImportReport = csv::ImportReport;
using RowProblem = csv::RowProblem;
using csv::kMaxProblems;

Result<ImportReport> import_asn_csv(db::Database& db, int64_t instansi_id, const std::string& path,
                                    const ImportOptions& options, YearMonth today, int64_t now,
                                    audit::Entry audit_entry, int64_t now_ms);

}  // namespace harmoni::org
