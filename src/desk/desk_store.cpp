#include "desk/desk_store.hpp"

#include "platform/db/row_map.hpp"

namespace harmoni::desk {
namespace {

const db::RowMap<Service> kServiceRow{{"id", &Service::id},
                                      {"unit_id", &Service::unit_id},
                                      {"code", &Service::code},
                                      {"name", &Service::name},
                                      {"requirements", &Service::requirements},
                                      {"procedure_text", &Service::procedure},
                                      {"standard_minutes", &Service::standard_minutes},
                                      {"cost", &Service::cost},
                                      {"product", &Service::product},
                                      {"complaints", &Service::complaints},
                                      {"ticket_prefix", &Service::ticket_prefix},
                                      {"active", &Service::active},
                                      {"sort_order", &Service::sort_order}};
const std::string kServiceSelect = "SELECT " + kServiceRow.columns() + " FROM services WHERE ";

const db::RowMap<Counter> kCounterRow{{"id", &Counter::id},
                                      {"unit_id", &Counter::unit_id},
                                      {"code", &Counter::code},
                                      {"name", &Counter::name},
                                      {"active", &Counter::active}};
const std::string kCounterSelect = "SELECT " + kCounterRow.columns() + " FROM counters WHERE ";

// A unique-constraint conflict on a code becomes a field error the form can show.
template <class T>
Result<T> code_taken_as_field(Result<T> result) {
  if (!result.ok() && result.error().key == "db.unique") return Error::field("code", "code.taken");
  return result;
}

}  // namespace

Result<Desk> load_desk(db::Tx& tx, int64_t unit_id) {
  Desk desk{.unit_id = unit_id};
  auto row = TRY(tx.query_one(
      "SELECT pledge, published, kiosk_key_hash IS NOT NULL FROM desks WHERE unit_id = ?",
      {unit_id}));
  if (!row) return desk;
  desk.pledge = row->text(0);
  desk.published = row->boolean(1);
  desk.has_kiosk = row->boolean(2);
  return desk;
}

Status save_desk(db::Tx& tx, const Desk& d, int64_t now) {
  TRY(
      tx.exec("INSERT INTO desks (unit_id, pledge, published, updated_at) VALUES (?, ?, ?, ?) "
              "ON CONFLICT (unit_id) DO UPDATE SET pledge = excluded.pledge, "
              "published = excluded.published, updated_at = excluded.updated_at",
              {d.unit_id, d.pledge, d.published, now}));
  return {};
}

Status set_kiosk_key_hash(db::Tx& tx, int64_t unit_id, const std::string& key_hash, int64_t now) {
  TRY(
      tx.exec("INSERT INTO desks (unit_id, kiosk_key_hash, updated_at) VALUES (?, ?, ?) "
              "ON CONFLICT (unit_id) DO UPDATE SET kiosk_key_hash = excluded.kiosk_key_hash, "
              "updated_at = excluded.updated_at",
              {unit_id, key_hash, now}));
  return {};
}

Result<std::optional<int64_t>> unit_for_kiosk_key(db::Tx& tx, const std::string& key_hash) {
  auto row = TRY(tx.query_one("SELECT unit_id FROM desks WHERE kiosk_key_hash = ?", {key_hash}));
  if (!row) return std::optional<int64_t>{};
  return std::optional<int64_t>{row->i64(0)};
}

Result<std::vector<Service>> list_services(db::Tx& tx, int64_t unit_id, bool include_inactive) {
  return kServiceRow.all(tx,
                         kServiceSelect + "unit_id = ?" +
                             (include_inactive ? "" : " AND active = 1") +
                             " ORDER BY sort_order, code",
                         {unit_id});
}

Result<std::optional<Service>> find_service(db::Tx& tx, int64_t unit_id, const std::string& code) {
  return kServiceRow.one(tx, kServiceSelect + "unit_id = ? AND code = ?", {unit_id, code});
}

Result<std::optional<Service>> find_service_by_id(db::Tx& tx, int64_t id) {
  return kServiceRow.one(tx, kServiceSelect + "id = ?", {id});
}

Result<int64_t> insert_service(db::Tx& tx, const Service& s, int64_t now) {
  return code_taken_as_field(tx.insert_returning_id(
      "INSERT INTO services (unit_id, code, name, requirements, procedure_text, standard_minutes, "
      "cost, product, complaints, ticket_prefix, active, sort_order, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {s.unit_id, s.code, s.name, s.requirements, s.procedure, s.standard_minutes, s.cost,
       s.product, s.complaints, s.ticket_prefix, s.active, s.sort_order, now, now}));
}

Status update_service(db::Tx& tx, const Service& s, int64_t now) {
  TRY(code_taken_as_field(
      tx.exec("UPDATE services SET code = ?, name = ?, requirements = ?, procedure_text = ?, "
              "standard_minutes = ?, cost = ?, product = ?, complaints = ?, ticket_prefix = ?, "
              "active = ?, sort_order = ?, updated_at = ? WHERE id = ?",
              {s.code, s.name, s.requirements, s.procedure, s.standard_minutes, s.cost, s.product,
               s.complaints, s.ticket_prefix, s.active, s.sort_order, now, s.id})));
  return {};
}

Result<std::vector<Counter>> list_counters(db::Tx& tx, int64_t unit_id) {
  return kCounterRow.all(tx, kCounterSelect + "unit_id = ? ORDER BY code", {unit_id});
}

Result<std::optional<Counter>> find_counter(db::Tx& tx, int64_t unit_id, const std::string& code) {
  return kCounterRow.one(tx, kCounterSelect + "unit_id = ? AND code = ?", {unit_id, code});
}

Result<int64_t> insert_counter(db::Tx& tx, const Counter& c, int64_t now) {
  return code_taken_as_field(
      tx.insert_returning_id("INSERT INTO counters (unit_id, code, name, active, created_at) "
                             "VALUES (?, ?, ?, ?, ?) RETURNING id",
                             {c.unit_id, c.code, c.name, c.active, now}));
}

}  // namespace harmoni::desk
