// The organisation model: regions, instansi, their unit trees, positions and ASN.
// Pure domain: types and rules, no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "org/nip.hpp"
#include "platform/result.hpp"

namespace harmoni::org {

struct Region {
  std::string code;  // "61" province, "61.01" regency / city
  std::string parent_code;
  int level = 1;
  std::string name;
};

struct Instansi {
  int64_t id = 0;
  std::string code;
  std::string name;
  std::string kind;  // "pusat" | "daerah"
  std::string region_code;
  bool active = true;
};

struct Unit {
  int64_t id = 0;
  int64_t instansi_id = 0;
  std::optional<int64_t> parent_id;
  std::string code;
  std::string name;
  std::string path;  // "/3/17/"
  bool active = true;
  std::string parent_code;  // filled by queries that join the parent
};

struct Position {
  int64_t id = 0;
  int64_t instansi_id = 0;
  std::string code;
  std::string name;
  std::string kind;     // struktural | fungsional | pelaksana
  std::string jenjang;  // see jenjang_for()
  int grade = 1;        // kelas jabatan 1..17
  int required_pb_level = 1;
};

struct Asn {
  int64_t id = 0;
  int64_t instansi_id = 0;
  std::string nip;
  std::string name;
  std::string employment;  // PNS | PPPK
  std::optional<int64_t> unit_id;
  std::optional<int64_t> position_id;
  bool active = true;
  std::string email;
  // Joined for display:
  std::string unit_code, unit_name, unit_path, position_code, position_name;
};

// An ASN as submitted (form, API or CSV row), with units and positions by code.
struct AsnDraft {
  std::string nip;
  std::string name;
  std::string employment;
  std::string unit_code;
  std::string position_code;
  bool active = true;
  std::string email;
};

// Codes: 1-32 of A-Z 0-9 . _ -, starting with a letter or digit (upper-cased on input).
bool is_valid_code(std::string_view code);
std::string upper_code(std::string_view code);
// The search and sort key of a name: lower case, punctuation dropped, spaces folded.
std::string name_key(std::string_view name);
bool is_plausible_email(std::string_view email);

const std::vector<std::string>& instansi_kinds();
const std::vector<std::string>& employment_kinds();
const std::vector<std::string>& position_kinds();
const std::vector<std::string>& jenjang_for(std::string_view kind);
// The typical required Perekat Bangsa level for a position (a default; editable).
int default_required_level(std::string_view kind, std::string_view jenjang);

// Checks a draft; fills normalised values (NIP without spaces, codes upper-cased).
// field_prefix names fields in errors ("" for forms and API, "" too for CSV, where
// the caller adds the line).
std::vector<FieldError> validate_asn(AsnDraft& draft, YearMonth today);
// A person's name: 2-100 characters of letters, spaces and . , ' -
bool is_valid_person_name(std::string_view name);

// True when `unit_path` lies inside the subtree rooted at `ancestor_path`.
inline bool path_within(std::string_view unit_path, std::string_view ancestor_path) {
  return unit_path.starts_with(ancestor_path);
}

}  // namespace harmoni::org
