// Storage of the organisation model. Functions take a transaction so callers can
// combine a change with its audit entry atomically. SQL stays in this file's .cpp.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "org/org.hpp"
#include "platform/db/database.hpp"

namespace harmoni::org {

// ---- regions ----
// Fills the regions table from the bundled idn-area-data files when it differs.
Status ensure_regions(db::Tx& tx);
Result<std::vector<Region>> list_regions(db::Tx& tx, std::optional<std::string> parent_code);
Result<std::optional<Region>> find_region(db::Tx& tx, const std::string& code);

// ---- instansi ----
Result<std::vector<Instansi>> list_instansi(db::Tx& tx, std::optional<int64_t> only_id);
Result<std::optional<Instansi>> find_instansi(db::Tx& tx, int64_t id);
Result<std::optional<Instansi>> find_instansi_by_code(db::Tx& tx, const std::string& code);
Result<int64_t> insert_instansi(db::Tx& tx, const Instansi& instansi, int64_t now);
Status update_instansi(db::Tx& tx, const Instansi& instansi, int64_t now);

// ---- units ----
// All units of an instansi in tree order (by path), with parent codes.
Result<std::vector<Unit>> list_units(db::Tx& tx, int64_t instansi_id);
Result<std::optional<Unit>> find_unit(db::Tx& tx, int64_t instansi_id, const std::string& code);
Result<std::optional<Unit>> find_unit_by_id(db::Tx& tx, int64_t id);
// Inserts a unit under parent (nullopt: a root); computes its path.
Result<int64_t> insert_unit(db::Tx& tx, int64_t instansi_id, std::optional<int64_t> parent_id,
                            const std::string& code, const std::string& name, int64_t now);
// Renames and/or moves a unit; moving rewrites the paths of its whole subtree.
// Refuses to move a unit under itself or its own descendant.
Status update_unit(db::Tx& tx, const Unit& unit, std::optional<int64_t> new_parent_id,
                   const std::string& new_name, bool active, int64_t now);

// ---- positions ----
Result<std::vector<Position>> list_positions(db::Tx& tx, int64_t instansi_id);
Result<std::optional<Position>> find_position(db::Tx& tx, int64_t instansi_id,
                                              const std::string& code);
Result<int64_t> insert_position(db::Tx& tx, const Position& position, int64_t now);
Status update_position(db::Tx& tx, const Position& position, int64_t now);

// ---- ASN ----
struct AsnQuery {
  int64_t instansi_id = 0;
  // Scope: only ASN in units whose path starts with this ("" for the whole instansi).
  std::string unit_path_prefix;
  // Scope: only this ASN (officers see themselves).
  std::optional<int64_t> only_asn_id;
  std::string search;  // digits: NIP prefix; otherwise word prefixes of the name
  std::optional<int64_t> unit_id;
  bool include_inactive = false;
  std::string cursor;  // opaque, from AsnPage::next_cursor
  int limit = 50;
};

struct AsnPage {
  std::vector<Asn> items;
  std::string next_cursor;  // "" on the last page
};

Result<AsnPage> list_asn(db::Tx& tx, const AsnQuery& query);
Result<std::optional<Asn>> find_asn_by_nip(db::Tx& tx, const std::string& nip);
Result<std::optional<Asn>> find_asn_by_id(db::Tx& tx, int64_t id);

// An ASN ready to store: the draft with its unit and position resolved to ids.
struct AsnRecord {
  int64_t instansi_id = 0;
  AsnDraft draft;
  int64_t unit_id = 0;
  std::optional<int64_t> position_id;
};

enum class UpsertOutcome { kInserted, kUpdated, kUnchanged, kOtherInstansi };
// Inserts or updates by NIP. An NIP that belongs to another instansi is a field error.
Result<UpsertOutcome> upsert_asn(db::Tx& tx, const AsnRecord& record, int64_t now);
// The same for many records in a few statements (imports, demo data): one outcome
// per record, in order; kOtherInstansi records are left untouched. NIPs must be
// distinct within one call.
Result<std::vector<UpsertOutcome>> upsert_asn_batch(db::Tx& tx,
                                                    const std::vector<AsnRecord>& records,
                                                    int64_t now);

// Code-to-id lookups for a whole instansi (CSV import, forms).
struct CodeIndex {
  std::map<std::string, int64_t> units;
  std::map<std::string, int64_t> positions;
};
Result<CodeIndex> load_code_index(db::Tx& tx, int64_t instansi_id);

}  // namespace harmoni::org
