// Small helpers for writing portable SQL in the stores (no values in the text: these
// build placeholder lists and range bounds only).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "platform/db/database.hpp"

namespace harmoni::db {

// "(?, ?), (?, ?)": the VALUES list of a multi-row statement.
std::string row_placeholders(size_t rows, size_t columns);

// The smallest string greater than every string that starts with prefix, so that
// `col >= prefix AND col < prefix_end(prefix)` selects a prefix with an index.
std::string prefix_end(std::string prefix);

// " AND column >= ? AND column < ?" with the prefix's bounds appended to params: the rows
// whose column starts with prefix (a unit's subtree by its path). "" for no prefix.
std::string prefix_condition(const char* column, const std::string& prefix, Params& params);

// A short list of codes kept in one column as "a,b,c" (codes never contain commas);
// empty entries are dropped when read.
std::string join_codes(const std::vector<std::string>& codes);
std::vector<std::string> split_codes(const std::string& text);

}  // namespace harmoni::db
