#include "org/org_store.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <set>
#include <sstream>

#include "platform/csv/csv.hpp"
#include "platform/db/row_map.hpp"
#include "platform/db/sql_text.hpp"
#include "platform/embedded.hpp"

namespace harmoni::org {
namespace {

using db::prefix_end;

Result<std::vector<Region>> read_region_file(std::string_view path, int level) {
  auto data = embedded_file(path);
  if (!data) return Error::internal("missing bundled file " + std::string(path));
  std::istringstream in{std::string(*data)};
  csv::Reader reader(in);
  std::vector<std::string> fields;
  std::vector<Region> out;
  bool header = true;
  while (TRY(reader.next(fields))) {
    if (header) {
      header = false;
      continue;
    }
    Region r;
    r.level = level;
    r.code = fields.at(0);
    if (level == 1) {
      r.name = fields.at(1);
    } else {
      r.parent_code = fields.at(1);
      r.name = fields.at(2);
    }
    out.push_back(std::move(r));
  }
  return out;
}

const db::RowMap<Region> kRegionRow{{"code", &Region::code},
                                    {"COALESCE(parent_code, '')", &Region::parent_code},
                                    {"level", &Region::level},
                                    {"name", &Region::name}};
const std::string kRegionSelect = "SELECT " + kRegionRow.columns() + " FROM regions WHERE ";

const db::RowMap<Instansi> kInstansiRow{{"id", &Instansi::id},
                                        {"code", &Instansi::code},
                                        {"name", &Instansi::name},
                                        {"kind", &Instansi::kind},
                                        {"COALESCE(region_code, '')", &Instansi::region_code},
                                        {"active", &Instansi::active}};
const std::string kInstansiSelect = "SELECT " + kInstansiRow.columns() + " FROM instansi ";

const db::RowMap<Unit> kUnitRow{{"u.id", &Unit::id},
                                {"u.instansi_id", &Unit::instansi_id},
                                {"u.parent_id", &Unit::parent_id},
                                {"u.code", &Unit::code},
                                {"u.name", &Unit::name},
                                {"u.path", &Unit::path},
                                {"u.active", &Unit::active},
                                {"COALESCE(p.code, '')", &Unit::parent_code}};
const std::string kUnitSelect =
    "SELECT " + kUnitRow.columns() + " FROM units u LEFT JOIN units p ON p.id = u.parent_id ";

const db::RowMap<Position> kPositionRow{
    {"id", &Position::id},       {"instansi_id", &Position::instansi_id},
    {"code", &Position::code},   {"name", &Position::name},
    {"kind", &Position::kind},   {"jenjang", &Position::jenjang},
    {"grade", &Position::grade}, {"required_pb_level", &Position::required_pb_level}};
const std::string kPositionSelect = "SELECT " + kPositionRow.columns() + " FROM positions ";

const db::RowMap<Asn> kAsnRow{{"a.id", &Asn::id},
                              {"a.instansi_id", &Asn::instansi_id},
                              {"a.nip", &Asn::nip},
                              {"a.name", &Asn::name},
                              {"a.employment", &Asn::employment},
                              {"a.unit_id", &Asn::unit_id},
                              {"a.position_id", &Asn::position_id},
                              {"a.active", &Asn::active},
                              {"COALESCE(a.email, '')", &Asn::email},
                              {"COALESCE(u.code, '')", &Asn::unit_code},
                              {"COALESCE(u.name, '')", &Asn::unit_name},
                              {"COALESCE(u.path, '')", &Asn::unit_path},
                              {"COALESCE(p.code, '')", &Asn::position_code},
                              {"COALESCE(p.name, '')", &Asn::position_name}};
// The name key after the record's columns orders and pages name searches.
const std::string kAsnSelect = "SELECT " + kAsnRow.columns() +
                               ", a.name_key FROM asn a LEFT JOIN units u ON u.id = a.unit_id "
                               "LEFT JOIN positions p ON p.id = a.position_id ";

std::string encode_cursor(const std::string& name_key, int64_t id) {
  std::string raw = name_key + '\x1f' + std::to_string(id);
  std::string out(sodium_base64_ENCODED_LEN(raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                  '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                    raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

Result<std::pair<std::string, int64_t>> decode_cursor(const std::string& cursor) {
  std::string raw(cursor.size(), '\0');
  size_t length = 0;
  if (cursor.size() > 512 ||
      sodium_base642bin(reinterpret_cast<unsigned char*>(raw.data()), raw.size(), cursor.data(),
                        cursor.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return Error::field("cursor", "paging.cursor_invalid");
  }
  raw.resize(length);
  size_t sep = raw.find('\x1f');
  if (sep == std::string::npos) return Error::field("cursor", "paging.cursor_invalid");
  int64_t id = 0;
  try {
    id = std::stoll(raw.substr(sep + 1));
  } catch (const std::exception&) {
    return Error::field("cursor", "paging.cursor_invalid");
  }
  return std::pair{raw.substr(0, sep), id};
}

std::vector<std::string> name_tokens(const std::string& key) {
  std::set<std::string> unique;
  std::istringstream words(key);
  std::string word;
  while (words >> word && unique.size() < 12) unique.insert(word);
  return {unique.begin(), unique.end()};
}

}  // namespace

// ---- regions ----

Status ensure_regions(db::Tx& tx) {
  auto provinces = TRY(read_region_file("data/regions/provinces.csv", 1));
  auto regencies = TRY(read_region_file("data/regions/regencies.csv", 2));
  int64_t stored = TRY(tx.scalar_i64("SELECT count(*) FROM regions"));
  if (stored == static_cast<int64_t>(provinces.size() + regencies.size())) return {};
  for (const auto* list : {&provinces, &regencies}) {
    for (const auto& r : *list) {
      TRY(
          tx.exec("INSERT INTO regions (code, parent_code, level, name) VALUES (?, ?, ?, ?) "
                  "ON CONFLICT (code) DO UPDATE SET parent_code = excluded.parent_code, "
                  "level = excluded.level, name = excluded.name",
                  {r.code, r.parent_code.empty() ? db::Value() : db::Value(r.parent_code), r.level,
                   r.name}));
    }
  }
  return {};
}

Result<std::vector<Region>> list_regions(db::Tx& tx, std::optional<std::string> parent_code) {
  if (parent_code) {
    return kRegionRow.all(tx, kRegionSelect + "parent_code = ? ORDER BY code", {*parent_code});
  }
  return kRegionRow.all(tx, kRegionSelect + "level = 1 ORDER BY code");
}

Result<std::optional<Region>> find_region(db::Tx& tx, const std::string& code) {
  return kRegionRow.one(tx, kRegionSelect + "code = ?", {code});
}

// ---- instansi ----

Result<std::vector<Instansi>> list_instansi(db::Tx& tx, std::optional<int64_t> only_id) {
  if (only_id) return kInstansiRow.all(tx, kInstansiSelect + "WHERE id = ?", {*only_id});
  return kInstansiRow.all(tx, kInstansiSelect + "ORDER BY code");
}

Result<std::optional<Instansi>> find_instansi(db::Tx& tx, int64_t id) {
  return kInstansiRow.one(tx, kInstansiSelect + "WHERE id = ?", {id});
}

Result<std::optional<Instansi>> find_instansi_by_code(db::Tx& tx, const std::string& code) {
  return kInstansiRow.one(tx, kInstansiSelect + "WHERE code = ?", {code});
}

Result<int64_t> insert_instansi(db::Tx& tx, const Instansi& i, int64_t now) {
  return tx.insert_returning_id(
      "INSERT INTO instansi (code, name, kind, region_code, active, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {i.code, i.name, i.kind, i.region_code.empty() ? db::Value() : db::Value(i.region_code),
       i.active, now, now});
}

Status update_instansi(db::Tx& tx, const Instansi& i, int64_t now) {
  TRY(
      tx.exec("UPDATE instansi SET name = ?, kind = ?, region_code = ?, active = ?, updated_at = ? "
              "WHERE id = ?",
              {i.name, i.kind, i.region_code.empty() ? db::Value() : db::Value(i.region_code),
               i.active, now, i.id}));
  return {};
}

// ---- units ----

Result<std::vector<Unit>> list_units(db::Tx& tx, int64_t instansi_id) {
  return kUnitRow.all(tx, kUnitSelect + "WHERE u.instansi_id = ? ORDER BY u.path", {instansi_id});
}

Result<std::optional<Unit>> find_unit(db::Tx& tx, int64_t instansi_id, const std::string& code) {
  return kUnitRow.one(tx, kUnitSelect + "WHERE u.instansi_id = ? AND u.code = ?",
                      {instansi_id, code});
}

Result<std::optional<Unit>> find_unit_by_id(db::Tx& tx, int64_t id) {
  return kUnitRow.one(tx, kUnitSelect + "WHERE u.id = ?", {id});
}

Result<int64_t> insert_unit(db::Tx& tx, int64_t instansi_id, std::optional<int64_t> parent_id,
                            const std::string& code, const std::string& name, int64_t now) {
  std::string parent_path = "/";
  if (parent_id) {
    auto parent = TRY(find_unit_by_id(tx, *parent_id));
    if (!parent || parent->instansi_id != instansi_id)
      return Error::field("parent", "unit.parent_unknown");
    parent_path = parent->path;
  }
  int64_t id =
      TRY(tx.insert_returning_id("INSERT INTO units (instansi_id, parent_id, code, name, path, "
                                 "active, created_at, updated_at) "
                                 "VALUES (?, ?, ?, ?, '', 1, ?, ?) RETURNING id",
                                 {instansi_id, parent_id, code, name, now, now}));
  TRY(tx.exec("UPDATE units SET path = ? WHERE id = ?",
              {parent_path + std::to_string(id) + "/", id}));
  return id;
}

Status update_unit(db::Tx& tx, const Unit& unit, std::optional<int64_t> new_parent_id,
                   const std::string& new_name, bool active, int64_t now) {
  std::string new_path = fmt::format("/{}/", unit.id);
  if (new_parent_id) {
    auto parent = TRY(find_unit_by_id(tx, *new_parent_id));
    if (!parent || parent->instansi_id != unit.instansi_id) {
      return Error::field("parent", "unit.parent_unknown");
    }
    if (path_within(parent->path, unit.path))
      return Error::field("parent", "unit.move_into_itself");
    new_path = parent->path + std::to_string(unit.id) + "/";
  }
  TRY(tx.exec("UPDATE units SET parent_id = ?, name = ?, active = ?, updated_at = ? WHERE id = ?",
              {new_parent_id, new_name, active, now, unit.id}));
  if (new_path != unit.path) {
    TRY(
        tx.exec("UPDATE units SET path = CAST(? AS TEXT) || substr(path, CAST(? AS INTEGER)) "
                "WHERE instansi_id = ? AND path >= ? AND path < ?",
                {new_path, static_cast<int64_t>(unit.path.size()) + 1, unit.instansi_id, unit.path,
                 prefix_end(unit.path)}));
  }
  return {};
}

// ---- positions ----

Result<std::vector<Position>> list_positions(db::Tx& tx, int64_t instansi_id) {
  return kPositionRow.all(tx, kPositionSelect + "WHERE instansi_id = ? ORDER BY code",
                          {instansi_id});
}

Result<std::optional<Position>> find_position(db::Tx& tx, int64_t instansi_id,
                                              const std::string& code) {
  return kPositionRow.one(tx, kPositionSelect + "WHERE instansi_id = ? AND code = ?",
                          {instansi_id, code});
}

Result<int64_t> insert_position(db::Tx& tx, const Position& p, int64_t now) {
  return tx.insert_returning_id(
      "INSERT INTO positions (instansi_id, code, name, kind, jenjang, grade, required_pb_level, "
      "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {p.instansi_id, p.code, p.name, p.kind, p.jenjang, p.grade, p.required_pb_level, now, now});
}

Status update_position(db::Tx& tx, const Position& p, int64_t now) {
  TRY(
      tx.exec("UPDATE positions SET name = ?, kind = ?, jenjang = ?, grade = ?, "
              "required_pb_level = ?, updated_at = ? WHERE id = ?",
              {p.name, p.kind, p.jenjang, p.grade, p.required_pb_level, now, p.id}));
  return {};
}

// ---- ASN ----

Result<AsnPage> list_asn(db::Tx& tx, const AsnQuery& q) {
  // Conditions are fixed SQL fragments; every value is a bound parameter.
  std::string sql = kAsnSelect + "WHERE a.instansi_id = ?";
  db::Params params{q.instansi_id};
  sql += db::prefix_condition("u.path", q.unit_path_prefix, params);
  if (q.only_asn_id) {
    sql += " AND a.id = ?";
    params.emplace_back(*q.only_asn_id);
  }
  if (q.unit_id) {
    sql += " AND a.unit_id = ?";
    params.emplace_back(*q.unit_id);
  }
  if (!q.include_inactive) sql += " AND a.active = 1";
  std::string search = normalize_nip(q.search);
  // An NIP search walks the unique NIP index in NIP order; everything else is by name.
  const bool by_nip =
      !search.empty() && search.find_first_not_of("0123456789") == std::string::npos;
  const char* sort_key = by_nip ? "a.nip" : "a.name_key";
  if (by_nip) {
    sql += " AND a.nip >= ? AND a.nip < ?";
    params.emplace_back(search);
    params.emplace_back(prefix_end(search));
  } else {
    std::istringstream words(name_key(q.search));
    std::string word;
    int used = 0;
    while (words >> word && used++ < 4) {
      sql +=
          " AND a.id IN (SELECT asn_id FROM asn_name_tokens WHERE instansi_id = ? AND token >= ? "
          "AND token < ?)";
      params.emplace_back(q.instansi_id);
      params.emplace_back(word);
      params.emplace_back(prefix_end(word));
    }
  }
  if (!q.cursor.empty()) {
    auto [key, id] = TRY(decode_cursor(q.cursor));
    sql += fmt::format(" AND ({0} > ? OR ({0} = ? AND a.id > ?))", sort_key);
    params.emplace_back(key);
    params.emplace_back(key);
    params.emplace_back(id);
  }
  sql += fmt::format(" ORDER BY {}, a.id LIMIT ?", sort_key);
  int limit = std::clamp(q.limit, 1, 500);
  params.emplace_back(limit + 1);
  AsnPage page;
  std::string last_key;
  TRY(tx.each(sql, params, [&](const db::Row& r) {
    if (static_cast<int>(page.items.size()) == limit) {
      page.next_cursor = encode_cursor(last_key, page.items.back().id);
      return false;
    }
    page.items.push_back(kAsnRow.read(r));
    last_key = by_nip ? page.items.back().nip : r.text(kAsnRow.size());
    return true;
  }));
  return page;
}

Result<std::optional<Asn>> find_asn_by_nip(db::Tx& tx, const std::string& nip) {
  return kAsnRow.one(tx, kAsnSelect + "WHERE a.nip = ?", {nip});
}

Result<std::optional<Asn>> find_asn_by_id(db::Tx& tx, int64_t id) {
  return kAsnRow.one(tx, kAsnSelect + "WHERE a.id = ?", {id});
}

Result<UpsertOutcome> upsert_asn(db::Tx& tx, const AsnRecord& rec, int64_t now) {
  auto outcomes = TRY(upsert_asn_batch(tx, {rec}, now));
  if (outcomes[0] == UpsertOutcome::kOtherInstansi)
    return Error::field("nip", "asn.nip_other_instansi");
  return outcomes[0];
}

namespace {

using db::row_placeholders;

// Rows per statement: keeps every statement under SQLite's and PostgreSQL's
// parameter limits while cutting round trips by two orders of magnitude.
constexpr size_t kBatchRows = 400;

struct Stored {
  int64_t id, instansi_id;
  std::string name, employment;
  std::optional<int64_t> unit_id, position_id;
  bool active;
  std::string email;
};

}  // namespace

Result<std::vector<UpsertOutcome>> upsert_asn_batch(db::Tx& tx,
                                                    const std::vector<AsnRecord>& records,
                                                    int64_t now) {
  std::vector<UpsertOutcome> outcomes;
  outcomes.reserve(records.size());
  for (size_t begin = 0; begin < records.size(); begin += kBatchRows) {
    const size_t end = std::min(records.size(), begin + kBatchRows);
    const size_t n = end - begin;
    // 1. What is stored already, by NIP.
    std::map<std::string, Stored> stored;
    db::Params nips;
    for (size_t i = begin; i < end; ++i) nips.emplace_back(records[i].draft.nip);
    std::string in_list = row_placeholders(1, n);
    TRY(tx.each(
        "SELECT nip, id, instansi_id, name, employment, unit_id, position_id, active, "
        "COALESCE(email, '') FROM asn WHERE nip IN " +
            in_list,
        nips, [&](const db::Row& r) {
          stored.emplace(r.text(0), Stored{r.i64(1), r.i64(2), r.text(3), r.text(4), r.opt_i64(5),
                                           r.opt_i64(6), r.boolean(7), r.text(8)});
          return true;
        }));
    // 2. New rows in one statement; changed rows one by one (re-imports change few).
    db::Params insert_params;
    std::vector<size_t> inserted;
    std::vector<std::pair<int64_t, const AsnRecord*>> retokenise;
    for (size_t i = begin; i < end; ++i) {
      const AsnRecord& rec = records[i];
      const AsnDraft& d = rec.draft;
      db::Value email = d.email.empty() ? db::Value() : db::Value(d.email);
      auto it = stored.find(d.nip);
      if (it == stored.end()) {
        for (db::Value v : {db::Value(rec.instansi_id), db::Value(d.nip), db::Value(d.name),
                            db::Value(name_key(d.name)), db::Value(d.employment),
                            db::Value(rec.unit_id), db::Value(rec.position_id), db::Value(d.active),
                            email, db::Value(now), db::Value(now)}) {
          insert_params.push_back(std::move(v));
        }
        inserted.push_back(i);
        outcomes.push_back(UpsertOutcome::kInserted);
        continue;
      }
      const Stored& s = it->second;
      if (s.instansi_id != rec.instansi_id) {
        outcomes.push_back(UpsertOutcome::kOtherInstansi);
        continue;
      }
      bool same = s.name == d.name && s.employment == d.employment &&
                  s.unit_id == std::optional<int64_t>(rec.unit_id) &&
                  s.position_id == rec.position_id && s.active == d.active && s.email == d.email;
      if (same) {
        outcomes.push_back(UpsertOutcome::kUnchanged);
        continue;
      }
      TRY(tx.exec(
          "UPDATE asn SET name = ?, name_key = ?, employment = ?, unit_id = ?, position_id = ?, "
          "active = ?, email = ?, updated_at = ? WHERE id = ?",
          {d.name, name_key(d.name), d.employment, rec.unit_id, rec.position_id, d.active, email,
           now, s.id}));
      if (s.name != d.name) retokenise.emplace_back(s.id, &rec);
      outcomes.push_back(UpsertOutcome::kUpdated);
    }
    if (!inserted.empty()) {
      std::map<std::string, int64_t> new_ids;
      TRY(
          tx.each("INSERT INTO asn (instansi_id, nip, name, name_key, employment, unit_id, "
                  "position_id, active, "
                  "email, created_at, updated_at) VALUES " +
                      row_placeholders(inserted.size(), 11) + " RETURNING id, nip",
                  insert_params, [&](const db::Row& r) {
                    new_ids.emplace(r.text(1), r.i64(0));
                    return true;
                  }));
      for (size_t i : inserted)
        retokenise.emplace_back(new_ids.at(records[i].draft.nip), &records[i]);
    }
    // 3. Search tokens of new and renamed people, in one statement.
    if (!retokenise.empty()) {
      db::Params ids;
      for (const auto& [id, rec] : retokenise) ids.emplace_back(id);
      TRY(tx.exec("DELETE FROM asn_name_tokens WHERE asn_id IN " + row_placeholders(1, ids.size()),
                  ids));
      db::Params token_params;
      size_t token_rows = 0;
      for (const auto& [id, rec] : retokenise) {
        for (const auto& token : name_tokens(name_key(rec->draft.name))) {
          token_params.emplace_back(rec->instansi_id);
          token_params.emplace_back(token);
          token_params.emplace_back(id);
          ++token_rows;
        }
      }
      if (token_rows > 0) {
        TRY(tx.exec("INSERT INTO asn_name_tokens (instansi_id, token, asn_id) VALUES " +
                        row_placeholders(token_rows, 3),
                    token_params));
      }
    }
  }
  return outcomes;
}

Result<CodeIndex> load_code_index(db::Tx& tx, int64_t instansi_id) {
  CodeIndex index;
  TRY(tx.each("SELECT code, id FROM units WHERE instansi_id = ? AND active = 1", {instansi_id},
              [&](const db::Row& r) {
                index.units.emplace(r.text(0), r.i64(1));
                return true;
              }));
  TRY(tx.each("SELECT code, id FROM positions WHERE instansi_id = ?", {instansi_id},
              [&](const db::Row& r) {
                index.positions.emplace(r.text(0), r.i64(1));
                return true;
              }));
  return index;
}

}  // namespace harmoni::org
