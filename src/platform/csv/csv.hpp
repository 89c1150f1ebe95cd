// Streaming CSV reader (RFC 4180): quoted fields with "" escapes and line breaks,
// CRLF or LF, a UTF-8 byte-order mark, and ',' or ';' as delimiter (spreadsheets in
// Indonesian locales export ';'). Memory is bounded by the longest record.
#pragma once

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

#include "platform/result.hpp"

namespace harmoni::csv {

struct ReaderLimits {
  size_t max_field_bytes = 64 * 1024;
  size_t max_fields = 256;
};

class Reader {
 public:
  explicit Reader(std::istream& in, char delimiter = ',', ReaderLimits limits = {});

  // Reads the next record into fields. Returns false at the end of input. Blank
  // lines are skipped. Errors (keys csv.*) carry the line number in args["line"].
  Result<bool> next(std::vector<std::string>& fields);
  // The line on which the last record returned began (1-based).
  int64_t record_line() const { return record_line_; }

 private:
  int get();
  int peek();

  std::streambuf* in_;
  char delimiter_;
  ReaderLimits limits_;
  int64_t line_ = 1;
  int64_t record_line_ = 0;
  bool started_ = false;
};

// ';' when the header line has more semicolons than commas, else ','.
char detect_delimiter(std::string_view header_line);

}  // namespace harmoni::csv
