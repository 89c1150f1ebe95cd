// What every CSV import answers: how many rows, which were bad (line, column, why),
// what was written; and opening a file for import (delimiter from its first line, the
// header read). Shared by the imports of the capabilities.
#pragma once

#include <cstdint>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "platform/csv/csv.hpp"
#include "platform/result.hpp"

namespace harmoni::csv {

struct ImportOptions {
  bool import_good_rows = false;  // skip bad rows instead of storing nothing
  bool dry_run = false;           // check only
};

struct RowProblem {
  int64_t line = 0;    // 1-based line in the file
  std::string column;  // CSV column name, "" for the whole row
  std::string key;     // message key
  MessageArgs args;
};

inline constexpr size_t kMaxProblems = 1000;

struct ImportReport {
  int64_t rows = 0;  // data rows read
  int64_t bad_rows = 0;
  int64_t inserted = 0, updated = 0, unchanged = 0;
  bool written = false;  // false when nothing was stored
  std::vector<RowProblem> problems;
  int64_t problems_not_listed = 0;  // beyond kMaxProblems

  // Lists a problem, or counts it once kMaxProblems are listed.
  void add(int64_t line, std::string column, std::string key, MessageArgs args = {});
  // A read error of the CSV reader (its args carry the line): the file cannot be read on.
  void add_read_error(const Error& error);
};

// A CSV file opened for import, its header row read; `reader` yields the data rows.
struct ImportFile {
  std::ifstream in;
  std::unique_ptr<Reader> reader;
  std::vector<std::string> header;
};
// "csv.empty" for a file with no header.
Result<std::unique_ptr<ImportFile>> open_import_file(const std::string& path);

}  // namespace harmoni::csv
