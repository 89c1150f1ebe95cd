// One worksheet written row by row in libxlsxwriter's constant-memory mode: a million
// rows need no more memory than a few. For exports that must stream.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "platform/result.hpp"

struct lxw_workbook;
struct lxw_worksheet;

namespace harmoni::xlsx {

// An empty cell, a text or a number.
using Cell = std::variant<std::monostate, std::string, double>;

inline constexpr int64_t kMaxRows = 1'048'575;  // a sheet's rows below the heading

class SheetWriter {
 public:
  // A workbook at `path` with one sheet and a bold, frozen heading row; libxlsxwriter's
  // own temporary files go to `tmpdir`.
  static Result<std::unique_ptr<SheetWriter>> create(const std::string& path,
                                                     const std::string& tmpdir,
                                                     const std::string& sheet_name,
                                                     const std::vector<std::string>& headings);
  ~SheetWriter();
  SheetWriter(const SheetWriter&) = delete;
  SheetWriter& operator=(const SheetWriter&) = delete;

  // Appends a row; "export.failed" on a write error. Rows beyond kMaxRows are dropped
  // (full() tells).
  Status add_row(const std::vector<Cell>& cells);
  bool full() const { return rows_ >= kMaxRows; }
  int64_t rows() const { return rows_; }
  // Finishes the file; the rows written.
  Result<int64_t> close();

 private:
  SheetWriter() = default;
  lxw_workbook* workbook_ = nullptr;
  lxw_worksheet* sheet_ = nullptr;
  int64_t rows_ = 0;
};

}  // namespace harmoni::xlsx
