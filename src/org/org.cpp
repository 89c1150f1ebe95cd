#include "org/org.hpp"

#include <algorithm>

namespace harmoni::org {

bool is_valid_code(std::string_view code) {
  if (code.empty() || code.size() > 32) return false;
  if (!std::isalnum(static_cast<unsigned char>(code[0]))) return false;
  return std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
}

std::string upper_code(std::string_view code) {
  std::string out(code);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

std::string name_key(std::string_view name) {
  std::string out;
  bool space = false;
  for (unsigned char c : name) {
    if (std::isalnum(c) || c >= 0x80) {
      if (space && !out.empty()) out += ' ';
      space = false;
      out += static_cast<char>(std::tolower(c));
    } else {
      space = true;
    }
  }
  return out;
}

bool is_plausible_email(std::string_view email) {
  if (email.size() < 3 || email.size() > 254) return false;
  size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0 || at != email.rfind('@')) return false;
  std::string_view domain = email.substr(at + 1);
  if (domain.find('.') == std::string_view::npos || domain.front() == '.' || domain.back() == '.') {
    return false;
  }
  return std::none_of(email.begin(), email.end(),
                      [](unsigned char c) { return c <= ' ' || c == '<' || c == '>' || c == '"'; });
}

bool is_valid_person_name(std::string_view name) {
  size_t letters = 0;
  size_t chars = 0;
  for (size_t i = 0; i < name.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    if ((c & 0xC0) != 0x80) ++chars;
    if (c >= 0x80 || std::isalpha(c)) {
      ++letters;
    } else if (!(c == ' ' || c == '.' || c == ',' || c == '\'' || c == '-')) {
      return false;
    }
  }
  return letters >= 2 && chars <= 100;
}

const std::vector<std::string>& instansi_kinds() {
  static const std::vector<std::string> kinds = {"pusat", "daerah"};
  return kinds;
}

const std::vector<std::string>& employment_kinds() {
  static const std::vector<std::string> kinds = {"PNS", "PPPK"};
  return kinds;
}

const std::vector<std::string>& position_kinds() {
  static const std::vector<std::string> kinds = {"struktural", "fungsional", "pelaksana"};
  return kinds;
}

const std::vector<std::string>& jenjang_for(std::string_view kind) {
  static const std::vector<std::string> structural = {"jpt_utama", "jpt_madya", "jpt_pratama",
                                                      "administrator", "pengawas"};
  static const std::vector<std::string> functional = {"ahli_utama",   "ahli_madya", "ahli_muda",
                                                      "ahli_pertama", "penyelia",   "mahir",
                                                      "terampil",     "pemula"};
  static const std::vector<std::string> executor = {"pelaksana"};
  static const std::vector<std::string> none;
  if (kind == "struktural") return structural;
  if (kind == "fungsional") return functional;
  if (kind == "pelaksana") return executor;
  return none;
}

int default_required_level(std::string_view kind, std::string_view jenjang) {
  // docs/domain/competency.md: level 1 pelaksana / functional entry; 2 pengawas /
  // functional first; 3 administrator / junior; 4 JPT pratama / middle; 5 JPT madya / main.
  if (kind == "struktural") {
    if (jenjang == "jpt_utama" || jenjang == "jpt_madya") return 5;
    if (jenjang == "jpt_pratama") return 4;
    if (jenjang == "administrator") return 3;
    return 2;
  }
  if (kind == "fungsional") {
    if (jenjang == "ahli_utama") return 5;
    if (jenjang == "ahli_madya") return 4;
    if (jenjang == "ahli_muda") return 3;
    if (jenjang == "ahli_pertama") return 2;
    return 1;
  }
  return 1;
}

std::vector<FieldError> validate_asn(AsnDraft& d, YearMonth today) {
  std::vector<FieldError> errors;
  d.nip = normalize_nip(d.nip);
  if (auto nip = parse_nip(d.nip, today); !nip.ok()) {
    for (auto& f : nip.release_error().fields) errors.push_back(std::move(f));
  }
  if (!is_valid_person_name(d.name)) errors.push_back({"name", "asn.name_invalid", {}});
  if (std::find(employment_kinds().begin(), employment_kinds().end(), d.employment) ==
      employment_kinds().end()) {
    errors.push_back({"employment", "asn.employment_invalid", {}});
  }
  d.unit_code = upper_code(d.unit_code);
  if (!is_valid_code(d.unit_code)) errors.push_back({"unit", "code.invalid", {}});
  d.position_code = upper_code(d.position_code);
  if (!d.position_code.empty() && !is_valid_code(d.position_code)) {
    errors.push_back({"position", "code.invalid", {}});
  }
  if (!d.email.empty() && !is_plausible_email(d.email))
    errors.push_back({"email", "email.invalid", {}});
  return errors;
}

}  // namespace harmoni::org
