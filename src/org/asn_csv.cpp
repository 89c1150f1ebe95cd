#include "org/asn_csv.hpp"

#include <algorithm>

#include "platform/csv/columns.hpp"

namespace harmoni::org {
namespace {

using csv::cell;

const csv::ColumnSpec kColumns[] = {
    {"nip", {"nip"}, true},
    {"nama", {"nama", "name"}, true},
    {"status", {"status", "employment", "status_kepegawaian"}, true},
    {"unit", {"unit", "kode_unit"}, true},
    {"jabatan", {"jabatan", "position", "kode_jabatan"}, false},
    {"aktif", {"aktif", "active"}, false},
    {"email", {"email"}, false},
};

}  // namespace

Result<CsvColumns> map_asn_header(const std::vector<std::string>& header) {
  std::vector<int> i = TRY(csv::map_columns(header, kColumns));
  return CsvColumns{i[0], i[1], i[2], i[3], i[4], i[5], i[6]};
}

AsnDraft asn_row_to_draft(const CsvColumns& c, const std::vector<std::string>& row,
                          std::vector<FieldError>& problems) {
  AsnDraft d;
  d.nip = cell(row, c.nip);
  d.name = cell(row, c.name);
  d.employment = cell(row, c.employment);
  std::transform(d.employment.begin(), d.employment.end(), d.employment.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
  d.unit_code = cell(row, c.unit);
  d.position_code = cell(row, c.position);
  d.email = cell(row, c.email);
  auto active = csv::parse_flag(cell(row, c.active), true);
  if (active) {
    d.active = *active;
  } else {
    problems.push_back({"aktif", "csv.bad_flag", {}});
  }
  int last_required = std::max({c.nip, c.name, c.employment, c.unit});
  if (static_cast<int>(row.size()) <= last_required) {
    problems.push_back({"", "csv.short_row", {{"count", std::to_string(row.size())}}});
  }
  return d;
}

std::string column_for_field(std::string_view field) {
  if (field == "nip") return "nip";
  if (field == "name") return "nama";
  if (field == "employment") return "status";
  if (field == "unit") return "unit";
  if (field == "position") return "jabatan";
  if (field == "email") return "email";
  return std::string(field);
}

}  // namespace harmoni::org
