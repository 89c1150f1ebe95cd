// The ASN CSV format: which columns, in Indonesian or English, and how a row
// becomes an AsnDraft. Pure.
//
// Columns (header names are case-insensitive):
//   nip                         required  18 digits
//   nama | name                 required
//   status | employment         required  PNS or PPPK
//   unit | kode_unit            required  unit code in this instansi
//   jabatan | position | kode_jabatan  optional  position code
//   aktif | active              optional  1/0, ya/tidak, yes/no (default 1)
//   email                       optional  work e-mail
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "org/org.hpp"

namespace harmoni::org {

struct CsvColumns {
  int nip = -1, name = -1, employment = -1, unit = -1, position = -1, active = -1, email = -1;
};

// Maps a header row; errors name the missing or unknown column (line 1).
Result<CsvColumns> map_asn_header(const std::vector<std::string>& header);

// One row to a draft. Problems in the row's shape go to `problems` as field errors
// whose field is the CSV column name.
AsnDraft asn_row_to_draft(const CsvColumns& columns, const std::vector<std::string>& row,
                          std::vector<FieldError>& problems);

// The header column name a validate_asn() field refers to.
std::string column_for_field(std::string_view field);

}  // namespace harmoni::org
