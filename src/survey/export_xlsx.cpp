#include "survey/export_xlsx.hpp"

#include <xlsxwriter.h>

#include <memory>

#include "survey/survey_store.hpp"

namespace harmoni::survey {
namespace {

struct WorkbookCloser {
  void operator()(lxw_workbook* wb) const {
    if (wb) workbook_close(wb);
  }
};

}  // namespace

const std::vector<std::string>& export_heading_keys() {
  static const std::vector<std::string> keys = {
      "export.id",        "export.date",      "export.service",    "export.channel",    "export.officer_nip",
      "U1",               "U2",               "U3",                "U4",                "U5",
      "U6",               "U7",               "U8",                "U9",                "skm.profile.age_band",
      "skm.profile.sex",  "skm.profile.education", "skm.profile.occupation", "export.suggestion"};
  return keys;
}

Result<int64_t> write_responses_xlsx(db::Database& db, const ExportQuery& q, const Headings& headings,
                                     const std::string& path, const std::string& tmpdir) {
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.tmpdir = const_cast<char*>(tmpdir.c_str());
  lxw_workbook* raw = workbook_new_opt(path.c_str(), &options);
  if (!raw) return Error::unavailable("export.failed", "workbook_new_opt failed for " + path);
  std::unique_ptr<lxw_workbook, WorkbookCloser> workbook(raw);
  lxw_worksheet* sheet = workbook_add_worksheet(raw, "SKM");
  lxw_format* bold = workbook_add_format(raw);
  format_set_bold(bold);
  for (size_t c = 0; c < headings.size(); ++c) {
    worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), headings[c].c_str(), bold);
  }
  worksheet_freeze_panes(sheet, 1, 0);
  int64_t rows = 0;
  lxw_error failure = LXW_NO_ERROR;
  TRY(db.read([&](db::Tx& tx) -> Status {
    return each_export_row(tx, q.unit_id, q.from, q.to, [&](const db::Row& r) {
          // Constant-memory mode writes rows strictly in order: row 1 onwards.
          const auto row = static_cast<lxw_row_t>(++rows);
          for (lxw_col_t c = 0; c < 19; ++c) {
            lxw_error e = LXW_NO_ERROR;
            const bool number = c == 0 || (c >= 5 && c <= 13);
            if (r.is_null(c) || (c == 4 && !q.with_officers)) continue;
            if (number) {
              e = worksheet_write_number(sheet, row, c, static_cast<double>(r.i64(c)), nullptr);
            } else {
              std::string text = r.text(c);
              if (!text.empty()) e = worksheet_write_string(sheet, row, c, text.c_str(), nullptr);
            }
            if (e != LXW_NO_ERROR) {
              failure = e;
              return false;
            }
          }
          return rows < 1'048'575;  // the sheet's row limit
        });
  }));
  if (failure != LXW_NO_ERROR) return Error::unavailable("export.failed", lxw_strerror(failure));
  lxw_error closed = workbook_close(workbook.release());
  if (closed != LXW_NO_ERROR) return Error::unavailable("export.failed", lxw_strerror(closed));
  return rows;
}

}  // namespace harmoni::survey
