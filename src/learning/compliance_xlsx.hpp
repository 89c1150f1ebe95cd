// Everyone in a scope with their JP of a year as an XLSX workbook, written row by row in
// constant memory (the rows come from learning_store).
#pragma once

#include <string>
#include <vector>

#include "platform/db/database.hpp"

namespace harmoni::learning {

struct JpExport {
  int64_t instansi_id = 0;
  int year = 0;
  std::string unit_path_prefix;       // "" for the whole instansi
  std::vector<std::string> headings;  // in the reader's language
  std::string yes, no;                // how "met" reads
};

// Writes the workbook to `path` (a temporary file the caller removes) from one snapshot.
Status write_jp_xlsx(db::Database& db, const JpExport& e, const std::string& path,
                     const std::string& tmpdir);

}  // namespace harmoni::learning
