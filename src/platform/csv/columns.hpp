// Naming the columns of a CSV file by its header row: each column has a name and the
// other names people use for it (Indonesian and English), case-insensitive. Pure.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.hpp"

namespace harmoni::csv {

struct ColumnSpec {
  std::string_view name;                  // as errors name it
  std::vector<std::string_view> aliases;  // lower case, the name included
  bool required = false;
};

// The index of each spec's column in the header (-1 when absent), in spec order.
// Errors name the header cell: csv.unknown_column, csv.duplicate_column, and
// csv.missing_column for a required one.
Result<std::vector<int>> map_columns(const std::vector<std::string>& header,
                                     std::span<const ColumnSpec> spec);

// A cell of a row by column index, without surrounding spaces ("" when absent).
std::string cell(const std::vector<std::string>& row, int index);
std::string trim(std::string_view s);
std::string lower_trim(std::string_view s);
// "1", "ya", "yes", "y", "true" / "0", "tidak", "no", "n", "false" (any case); "" is
// `empty`; anything else nullopt.
std::optional<bool> parse_flag(std::string_view text, bool empty);

}  // namespace harmoni::csv
