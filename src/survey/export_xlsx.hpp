// The raw responses of a unit as an XLSX workbook, written row by row in
// libxlsxwriter's constant-memory mode, so a million responses need no more memory
// than a few. The rows come from survey_store; this file only lays out the sheet.
#pragma once

#include <functional>
#include <string>

#include "platform/db/database.hpp"

namespace harmoni::survey {

struct ExportQuery {
  int64_t unit_id = 0;
  std::string from, to;        // 'YYYY-MM-DD', inclusive
  bool with_officers = false;  // the officer NIP column is filled only for the unit head
};

// Column headings in the reader's language, in column order.
using Headings = std::vector<std::string>;

// Writes the workbook to `path` (a temporary file the caller removes), reading the
// responses in one snapshot. Returns the number of responses written.
Result<int64_t> write_responses_xlsx(db::Database& db, const ExportQuery& q,
                                     const Headings& headings, const std::string& path,
                                     const std::string& tmpdir);

// The headings' catalog keys, in column order.
const std::vector<std::string>& export_heading_keys();

}  // namespace harmoni::survey
