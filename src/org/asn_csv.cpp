#include "org/asn_csv.hpp"

#include <algorithm>

namespace harmoni::org {
namespace {

std::string lower_trim(std::string_view s) {
  size_t a = s.find_first_not_of(" \t");
  size_t b = s.find_last_not_of(" \t");
  std::string out = a == std::string_view::npos ? "" : std::string(s.substr(a, b - a + 1));
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string trim(std::string_view s) {
  size_t a = s.find_first_not_of(" \t");
  size_t b = s.find_last_not_of(" \t");
  return a == std::string_view::npos ? "" : std::string(s.substr(a, b - a + 1));
}

}  // namespace

Result<CsvColumns> map_asn_header(const std::vector<std::string>& header) {
  CsvColumns c;
  std::vector<FieldError> errors;
  for (size_t i = 0; i < header.size(); ++i) {
    std::string h = lower_trim(header[i]);
    int* slot = nullptr;
    if (h == "nip") slot = &c.nip;
    else if (h == "nama" || h == "name") slot = &c.name;
    else if (h == "status" || h == "employment" || h == "status_kepegawaian") slot = &c.employment;
    else if (h == "unit" || h == "kode_unit") slot = &c.unit;
    else if (h == "jabatan" || h == "position" || h == "kode_jabatan") slot = &c.position;
    else if (h == "aktif" || h == "active") slot = &c.active;
    else if (h == "email") slot = &c.email;
    if (!slot) {
      errors.push_back({header[i], "csv.unknown_column", {{"column", header[i]}}});
    } else if (*slot >= 0) {
      errors.push_back({header[i], "csv.duplicate_column", {{"column", header[i]}}});
    } else {
      *slot = static_cast<int>(i);
    }
  }
  auto require = [&](int index, const char* name) {
    if (index < 0) errors.push_back({name, "csv.missing_column", {{"column", name}}});
  };
  require(c.nip, "nip");
  require(c.name, "nama");
  require(c.employment, "status");
  require(c.unit, "unit");
  if (!errors.empty()) return Error::fields_invalid(std::move(errors));
  return c;
}

AsnDraft asn_row_to_draft(const CsvColumns& c, const std::vector<std::string>& row,
                          std::vector<FieldError>& problems) {
  auto cell = [&](int index) -> std::string {
    if (index < 0 || static_cast<size_t>(index) >= row.size()) return {};
    return trim(row[index]);
  };
  AsnDraft d;
  d.nip = cell(c.nip);
  d.name = cell(c.name);
  d.employment = cell(c.employment);
  std::transform(d.employment.begin(), d.employment.end(), d.employment.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
  d.unit_code = cell(c.unit);
  d.position_code = cell(c.position);
  d.email = cell(c.email);
  std::string active = lower_trim(cell(c.active));
  if (active.empty() || active == "1" || active == "ya" || active == "yes" || active == "y" || active == "true") {
    d.active = true;
  } else if (active == "0" || active == "tidak" || active == "no" || active == "n" || active == "false") {
    d.active = false;
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
