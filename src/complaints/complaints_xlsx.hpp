// The reports of an export as an XLSX workbook, written row by row in constant memory:
// handling facts only (dates, kinds, statuses, deadlines, ratings), never a description, a
// reporter or the officer reported.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "complaints/complaint_store.hpp"
#include "platform/auth/principal.hpp"

namespace harmoni::complaints {

struct ComplaintExport {
  ListQuery query;         // from start_complaint_export
  auth::Principal viewer;  // each row is checked against their rights again
  std::vector<std::string> headings;
  std::map<std::string, std::string> labels;  // "complaint.kind.pengaduan" -> its wording
  std::string yes, no;
};

// Writes the workbook to `path` (a temporary file the caller removes) from one snapshot.
Status write_complaints_xlsx(db::Database& db, const ComplaintExport& e, const std::string& path,
                             const std::string& tmpdir);
// The catalog keys of every label a row may use (the route fills ComplaintExport::labels).
std::vector<std::string> export_label_keys();

}  // namespace harmoni::complaints
