#include "platform/csv/columns.hpp"

#include <algorithm>

namespace harmoni::csv {

std::string trim(std::string_view s) {
  size_t a = s.find_first_not_of(" \t");
  size_t b = s.find_last_not_of(" \t");
  return a == std::string_view::npos ? "" : std::string(s.substr(a, b - a + 1));
}

std::string lower_trim(std::string_view s) {
  std::string out = trim(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string cell(const std::vector<std::string>& row, int index) {
  if (index < 0 || static_cast<size_t>(index) >= row.size()) return {};
  return trim(row[static_cast<size_t>(index)]);
}

std::optional<bool> parse_flag(std::string_view text, bool empty) {
  const std::string v = lower_trim(text);
  if (v.empty()) return empty;
  if (v == "1" || v == "ya" || v == "yes" || v == "y" || v == "true") return true;
  if (v == "0" || v == "tidak" || v == "no" || v == "n" || v == "false") return false;
  return std::nullopt;
}

Result<std::vector<int>> map_columns(const std::vector<std::string>& header,
                                     std::span<const ColumnSpec> spec) {
  std::vector<int> index(spec.size(), -1);
  std::vector<FieldError> errors;
  for (size_t i = 0; i < header.size(); ++i) {
    const std::string h = lower_trim(header[i]);
    auto found = std::find_if(spec.begin(), spec.end(), [&](const ColumnSpec& c) {
      return std::find(c.aliases.begin(), c.aliases.end(), h) != c.aliases.end();
    });
    if (found == spec.end()) {
      errors.push_back({header[i], "csv.unknown_column", {{"column", header[i]}}});
      continue;
    }
    int& slot = index[static_cast<size_t>(found - spec.begin())];
    if (slot >= 0) {
      errors.push_back({header[i], "csv.duplicate_column", {{"column", header[i]}}});
    } else {
      slot = static_cast<int>(i);
    }
  }
  for (size_t s = 0; s < spec.size(); ++s) {
    if (spec[s].required && index[s] < 0) {
      errors.push_back({std::string(spec[s].name),
                        "csv.missing_column",
                        {{"column", std::string(spec[s].name)}}});
    }
  }
  if (!errors.empty()) return Error::fields_invalid(std::move(errors));
  return index;
}

}  // namespace harmoni::csv
