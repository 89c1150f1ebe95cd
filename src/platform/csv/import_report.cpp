#include "platform/csv/import_report.hpp"

#include <charconv>

namespace harmoni::csv {

void ImportReport::add(int64_t line, std::string column, std::string key, MessageArgs args) {
  if (problems.size() < kMaxProblems) {
    problems.push_back({line, std::move(column), std::move(key), std::move(args)});
  } else {
    ++problems_not_listed;
  }
}

void ImportReport::add_read_error(const Error& e) {
  int64_t line = 0;
  auto it = e.args.find("line");
  if (it != e.args.end())
    std::from_chars(it->second.data(), it->second.data() + it->second.size(), line);
  add(line, "", e.key);
  ++bad_rows;
  written = false;
}

Result<std::unique_ptr<ImportFile>> open_import_file(const std::string& path) {
  auto file = std::make_unique<ImportFile>();
  file->in.open(path, std::ios::binary);
  if (!file->in) return Error::internal("cannot open import file");
  std::string first_line;
  std::getline(file->in, first_line);
  file->in.clear();
  file->in.seekg(0);
  file->reader = std::make_unique<Reader>(file->in, detect_delimiter(first_line));
  auto got = file->reader->next(file->header);
  if (!got.ok()) return got.release_error();
  if (!got.value()) return Error::invalid("csv.empty");
  return file;
}

}  // namespace harmoni::csv
