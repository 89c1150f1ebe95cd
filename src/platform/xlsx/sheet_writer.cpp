#include "platform/xlsx/sheet_writer.hpp"

#include <xlsxwriter.h>

namespace harmoni::xlsx {

Result<std::unique_ptr<SheetWriter>> SheetWriter::create(const std::string& path,
                                                         const std::string& tmpdir,
                                                         const std::string& sheet_name,
                                                         const std::vector<std::string>& headings) {
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.tmpdir = const_cast<char*>(tmpdir.c_str());
  std::unique_ptr<SheetWriter> w(new SheetWriter());
  w->workbook_ = workbook_new_opt(path.c_str(), &options);
  if (!w->workbook_)
    return Error::unavailable("export.failed", "workbook_new_opt failed for " + path);
  w->sheet_ = workbook_add_worksheet(w->workbook_, sheet_name.c_str());
  lxw_format* bold = workbook_add_format(w->workbook_);
  format_set_bold(bold);
  for (size_t c = 0; c < headings.size(); ++c) {
    worksheet_write_string(w->sheet_, 0, static_cast<lxw_col_t>(c), headings[c].c_str(), bold);
  }
  worksheet_freeze_panes(w->sheet_, 1, 0);
  return w;
}

SheetWriter::~SheetWriter() {
  if (workbook_) workbook_close(workbook_);
}

Status SheetWriter::add_row(const std::vector<Cell>& cells) {
  if (full()) return {};
  // Constant-memory mode writes rows strictly in order: row 1 onwards.
  const auto row = static_cast<lxw_row_t>(++rows_);
  for (size_t c = 0; c < cells.size(); ++c) {
    lxw_error e = LXW_NO_ERROR;
    const auto col = static_cast<lxw_col_t>(c);
    if (const auto* text = std::get_if<std::string>(&cells[c]); text && !text->empty()) {
      e = worksheet_write_string(sheet_, row, col, text->c_str(), nullptr);
    } else if (const auto* number = std::get_if<double>(&cells[c])) {
      e = worksheet_write_number(sheet_, row, col, *number, nullptr);
    }
    if (e != LXW_NO_ERROR) return Error::unavailable("export.failed", lxw_strerror(e));
  }
  return {};
}

Result<int64_t> SheetWriter::close() {
  lxw_error closed = workbook_close(workbook_);
  workbook_ = nullptr;
  if (closed != LXW_NO_ERROR) return Error::unavailable("export.failed", lxw_strerror(closed));
  return rows_;
}

}  // namespace harmoni::xlsx
