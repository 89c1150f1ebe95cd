// Use cases of the organisation: regions, instansi, units, positions and civil servants
// (ASN), and the ASN import. Each checks what the caller may see or change, owns its
// transaction and writes its audit entry. Something the caller may not see answers "not
// found", so its existence does not leak.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "org/asn_import.hpp"
#include "org/org.hpp"
#include "org/org_store.hpp"
#include "platform/cases/env.hpp"

namespace harmoni::org {

// ---- regions ----
Result<std::vector<Region>> regions(const Env& env, std::optional<std::string> parent_code);
// Every province, each followed by its regencies and cities.
Result<std::vector<Region>> region_tree(const Env& env);

// ---- instansi ----
Result<Instansi> visible_instansi(const Env& env, const Actor& actor, std::string_view code);
// Visible, and the caller holds the permission (forbidden otherwise).
Result<Instansi> manageable_instansi(const Env& env, const Actor& actor, std::string_view code,
                                     auth::Permission permission);
// The instansi with this id (of a record the caller was shown already).
Result<Instansi> instansi_of(const Env& env, int64_t id);
// The caller's own instansi, if they belong to one.
Result<std::optional<Instansi>> own_instansi(const Env& env, const Actor& actor);
// Every instansi for a system administrator, the caller's own otherwise.
Result<std::vector<Instansi>> visible_instansi_list(const Env& env, const Actor& actor);
// Field errors of an instansi as submitted: its code, its region (known; required for a
// regional government). Normalises the code.
Status check_instansi(const Env& env, Instansi& instansi);
Result<Instansi> create_instansi(const Env& env, const Actor& actor, Instansi instansi);
Status change_instansi(const Env& env, const Actor& actor, Instansi instansi);

// ---- units ----
struct UnitDraft {
  std::string code, name, parent_code;
  bool active = true;
};
Result<std::vector<Unit>> units_of(const Env& env, int64_t instansi_id);
Result<Unit> unit_of(const Env& env, const Instansi& instansi, std::string_view code);
Result<Unit> create_unit(const Env& env, const Actor& actor, const Instansi& instansi,
                         const UnitDraft& draft);
Status change_unit(const Env& env, const Actor& actor, const Unit& current, const UnitDraft& draft);
// Units the caller sees with their instansi, across instansi for a system administrator.
Result<std::vector<std::pair<Instansi, Unit>>> visible_units(const Env& env, const Actor& actor);

// ---- positions ----
Result<std::vector<Position>> positions_of(const Env& env, int64_t instansi_id);
Result<Position> position_of(const Env& env, const Instansi& instansi, std::string_view code);
Result<Position> create_position(const Env& env, const Actor& actor, const Instansi& instansi,
                                 Position position);
Status change_position(const Env& env, const Actor& actor, const Position& position);

// ---- ASN ----
// The ASN with this NIP if the caller's role and scope let them see the person.
Result<Asn> visible_asn(const Env& env, const Actor& actor, std::string_view nip);
// The same, for showing the record: reading one person's record is audited (UU 27/2022).
Result<Asn> read_asn(const Env& env, const Actor& actor, std::string_view nip);
// Where "/asn" leads the caller: their own record, or their instansi's list.
Result<std::string> asn_home(const Env& env, const Actor& actor);
// Checks the draft (its rules, its unit within the caller's scope, its position) and
// stores it with its audit entry; a new one unless `current` is given.
Result<Asn> save_asn(const Env& env, const Actor& actor, const Instansi& instansi, AsnDraft draft,
                     const std::optional<Asn>& current);
struct AsnListing {
  std::string search;
  std::string unit_code;
  std::string cursor;
  bool include_inactive = false;
  int limit = 50;
  bool audited = false;  // an API listing of names: one audit entry per page
};
Result<AsnPage> list_asn_of(const Env& env, const Actor& actor, const Instansi& instansi,
                            const AsnListing& listing);
AsnDraft draft_from(const Asn& asn);

// For capabilities that work on people: a person of `instansi_id` by NIP (spaces allowed);
// "asn.not_found" otherwise, so someone outside the instansi does not show.
Result<Asn> person_by_nip(const Env& env, std::string_view nip_text, int64_t instansi_id);
// The caller's own civil-servant record ("competency.no_asn" when the account has none).
Result<Asn> own_person(const Env& env, const Actor& actor);
// Imports an ASN CSV file into the instansi (audited as one entry).
Result<ImportReport> import_asn(const Env& env, const Actor& actor, const Instansi& instansi,
                                const std::string& csv_path, ImportOptions options);

}  // namespace harmoni::org
