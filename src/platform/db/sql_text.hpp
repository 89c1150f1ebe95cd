// Small helpers for writing portable SQL in the stores (no values in the text: these
// build placeholder lists and range bounds only).
#pragma once

#include <cstddef>
#include <string>

namespace harmoni::db {

// "(?, ?), (?, ?)": the VALUES list of a multi-row statement.
std::string row_placeholders(size_t rows, size_t columns);

// The smallest string greater than every string that starts with prefix, so that
// `col >= prefix AND col < prefix_end(prefix)` selects a prefix with an index.
std::string prefix_end(std::string prefix);

}  // namespace harmoni::db
