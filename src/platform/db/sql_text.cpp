#include "platform/db/sql_text.hpp"

namespace harmoni::db {

std::string row_placeholders(size_t rows, size_t columns) {
  std::string one = "(";
  for (size_t c = 0; c < columns; ++c) one += c ? ", ?" : "?";
  one += ")";
  std::string out;
  out.reserve(rows * (one.size() + 2));
  for (size_t r = 0; r < rows; ++r) out += (r ? ", " : "") + one;
  return out;
}

std::string prefix_end(std::string prefix) {
  while (!prefix.empty()) {
    unsigned char last = static_cast<unsigned char>(prefix.back());
    if (last < 0xFF) {
      prefix.back() = static_cast<char>(last + 1);
      return prefix;
    }
    prefix.pop_back();
  }
  return std::string(1, '\xFF');
}

std::string prefix_condition(const char* column, const std::string& prefix, Params& params) {
  if (prefix.empty()) return "";
  params.emplace_back(prefix);
  params.emplace_back(prefix_end(prefix));
  return std::string(" AND ") + column + " >= ? AND " + column + " < ?";
}

std::string join_codes(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : ",") + c;
  return out;
}

std::vector<std::string> split_codes(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace harmoni::db
