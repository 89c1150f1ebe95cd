#include "platform/csv/csv.hpp"

#include <algorithm>

#include "platform/util/utf8.hpp"

namespace harmoni::csv {

Reader::Reader(std::istream& in, char delimiter, ReaderLimits limits)
    : in_(in.rdbuf()), delimiter_(delimiter), limits_(limits) {}

int Reader::get() { return in_->sbumpc(); }
int Reader::peek() { return in_->sgetc(); }

char detect_delimiter(std::string_view header_line) {
  auto semicolons = std::count(header_line.begin(), header_line.end(), ';');
  auto commas = std::count(header_line.begin(), header_line.end(), ',');
  return semicolons > commas ? ';' : ',';
}

Result<bool> Reader::next(std::vector<std::string>& fields) {
  constexpr int kEof = std::char_traits<char>::eof();
  if (!started_) {
    started_ = true;
    // Skip a UTF-8 byte-order mark.
    if (peek() == 0xEF) {
      get();
      if (get() != 0xBB || get() != 0xBF) {
        return Error::invalid("csv.bad_utf8", {{"line", "1"}});
      }
    }
  }
  for (;;) {
    fields.clear();
    record_line_ = line_;
    int c = peek();
    if (c == kEof) return false;
    if (c == '\r' || c == '\n') {  // blank line
      get();
      if (c == '\r' && peek() == '\n') get();
      ++line_;
      continue;
    }
    std::string field;
    auto error = [&](std::string key) {
      return Error::invalid(std::move(key), {{"line", std::to_string(line_)}});
    };
    auto push = [&]() -> Status {
      if (!is_valid_utf8(field)) return error("csv.bad_utf8");
      if (fields.size() >= limits_.max_fields) return error("csv.too_many_fields");
      fields.push_back(std::move(field));
      field.clear();
      return {};
    };
    for (;;) {
      c = get();
      if (c == '"' && field.empty()) {
        // Quoted field: runs to the closing quote; "" is a literal quote.
        const int64_t opened_on = line_;
        for (;;) {
          c = get();
          if (c == kEof) {
            return Error::invalid("csv.unterminated_quote", {{"line", std::to_string(opened_on)}});
          }
          if (c == '"') {
            if (peek() == '"') {
              get();
              field += '"';
              continue;
            }
            break;
          }
          if (c == '\n') ++line_;
          field += static_cast<char>(c);
          if (field.size() > limits_.max_field_bytes) return error("csv.field_too_long");
        }
        c = get();
        if (c != delimiter_ && c != '\n' && c != '\r' && c != kEof) return error("csv.stray_quote");
      }
      if (c == delimiter_) {
        TRY(push());
        continue;
      }
      if (c == '\n' || c == '\r' || c == kEof) {
        if (c == '\r' && peek() == '\n') get();
        TRY(push());
        if (c != kEof) ++line_;
        return true;
      }
      if (c == '"') return error("csv.stray_quote");
      field += static_cast<char>(c);
      if (field.size() > limits_.max_field_bytes) return error("csv.field_too_long");
    }
  }
}

}  // namespace harmoni::csv
