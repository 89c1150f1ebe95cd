#include "desk/desk_store.hpp"

namespace harmoni::desk {
namespace {

#define HARMONI_SERVICE_COLUMNS                                                              \
  "id, unit_id, code, name, requirements, procedure_text, standard_minutes, cost, product, " \
  "complaints, "                                                                             \
  "ticket_prefix, active, sort_order"

Service service_from_row(const db::Row& r) {
  return Service{r.i64(0),
                 r.i64(1),
                 r.text(2),
                 r.text(3),
                 r.text(4),
                 r.text(5),
                 static_cast<int>(r.i64(6)),
                 r.text(7),
                 r.text(8),
                 r.text(9),
                 r.text(10),
                 r.boolean(11),
                 static_cast<int>(r.i64(12))};
}

Result<std::optional<Service>> one_service(db::Tx& tx, std::string_view where,
                                           const db::Params& params) {
  auto row = TRY(tx.query_one(
      std::string("SELECT " HARMONI_SERVICE_COLUMNS " FROM services WHERE ") + std::string(where),
      params));
  if (!row) return std::optional<Service>{};
  return std::optional<Service>{service_from_row(*row)};
}

// A unique-constraint conflict on a code becomes a field error the form can show.
template <class T>
Result<T> code_taken_as_field(Result<T> result) {
  if (!result.ok() && result.error().key == "db.unique") return Error::field("code", "code.taken");
  return result;
}

}  // namespace

Result<Desk> load_desk(db::Tx& tx, int64_t unit_id) {
  Desk desk;
  desk.unit_id = unit_id;
  auto row =
      TRY(tx.query_one("SELECT pledge, published, policy, priority_weight_s, max_wait_s, "
                       "ratio_regular, kiosk_key_hash IS NOT NULL, "
                       "survey_order FROM desks WHERE unit_id = ?",
                       {unit_id}));
  if (!row) return desk;
  desk.pledge = row->text(0);
  desk.published = row->boolean(1);
  desk.policy.kind = queue::parse_policy(row->text(2)).value_or(queue::PolicyKind::kWeightedWait);
  desk.policy.priority_weight_s = row->i64(3);
  desk.policy.max_wait_s = row->i64(4);
  desk.policy.ratio_regular = static_cast<int>(row->i64(5));
  desk.has_kiosk = row->boolean(6);
  desk.survey_order = survey::parse_form_order(row->text(7)).value_or(survey::FormOrder::kStandard);
  return desk;
}

Status save_desk(db::Tx& tx, const Desk& d, int64_t now) {
  TRY(
      tx.exec("INSERT INTO desks (unit_id, pledge, published, policy, priority_weight_s, "
              "max_wait_s, ratio_regular, "
              "survey_order, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (unit_id) "
              "DO UPDATE SET "
              "pledge = excluded.pledge, published = excluded.published, policy = excluded.policy, "
              "priority_weight_s = excluded.priority_weight_s, max_wait_s = excluded.max_wait_s, "
              "ratio_regular = excluded.ratio_regular, survey_order = excluded.survey_order, "
              "updated_at = excluded.updated_at",
              {d.unit_id, d.pledge, d.published, queue::policy_name(d.policy.kind),
               d.policy.priority_weight_s, d.policy.max_wait_s, d.policy.ratio_regular,
               survey::form_order_name(d.survey_order), now}));
  return {};
}

Status set_kiosk_key_hash(db::Tx& tx, int64_t unit_id, const std::string& key_hash, int64_t now) {
  TRY(save_desk(tx, TRY(load_desk(tx, unit_id)), now));
  TRY(tx.exec("UPDATE desks SET kiosk_key_hash = ?, updated_at = ? WHERE unit_id = ?",
              {key_hash, now, unit_id}));
  return {};
}

Result<std::optional<int64_t>> unit_for_kiosk_key(db::Tx& tx, const std::string& key_hash) {
  auto row = TRY(tx.query_one("SELECT unit_id FROM desks WHERE kiosk_key_hash = ?", {key_hash}));
  if (!row) return std::optional<int64_t>{};
  return std::optional<int64_t>{row->i64(0)};
}

Result<std::vector<Service>> list_services(db::Tx& tx, int64_t unit_id, bool include_inactive) {
  std::vector<Service> out;
  TRY(tx.each(std::string("SELECT " HARMONI_SERVICE_COLUMNS " FROM services WHERE unit_id = ?") +
                  (include_inactive ? "" : " AND active = 1") + " ORDER BY sort_order, code",
              {unit_id}, [&](const db::Row& r) {
                out.push_back(service_from_row(r));
                return true;
              }));
  return out;
}

Result<std::optional<Service>> find_service(db::Tx& tx, int64_t unit_id, const std::string& code) {
  return one_service(tx, "unit_id = ? AND code = ?", {unit_id, code});
}

Result<std::optional<Service>> find_service_by_id(db::Tx& tx, int64_t id) {
  return one_service(tx, "id = ?", {id});
}

Result<int64_t> insert_service(db::Tx& tx, const Service& s, int64_t now) {
  return code_taken_as_field(tx.insert_returning_id(
      "INSERT INTO services (unit_id, code, name, requirements, procedure_text, standard_minutes, "
      "cost, product, "
      "complaints, ticket_prefix, active, sort_order, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {s.unit_id, s.code, s.name, s.requirements, s.procedure, s.standard_minutes, s.cost,
       s.product, s.complaints, s.ticket_prefix, s.active, s.sort_order, now, now}));
}

Status update_service(db::Tx& tx, const Service& s, int64_t now) {
  TRY(code_taken_as_field(
      tx.exec("UPDATE services SET code = ?, name = ?, requirements = ?, procedure_text = ?, "
              "standard_minutes = ?, "
              "cost = ?, product = ?, complaints = ?, ticket_prefix = ?, active = ?, sort_order = "
              "?, updated_at = ? "
              "WHERE id = ?",
              {s.code, s.name, s.requirements, s.procedure, s.standard_minutes, s.cost, s.product,
               s.complaints, s.ticket_prefix, s.active, s.sort_order, now, s.id})));
  return {};
}

Result<std::vector<Counter>> list_counters(db::Tx& tx, int64_t unit_id) {
  std::vector<Counter> out;
  TRY(tx.each(
      "SELECT id, unit_id, code, name, active FROM counters WHERE unit_id = ? ORDER BY code",
      {unit_id}, [&](const db::Row& r) {
        out.push_back(Counter{r.i64(0), r.i64(1), r.text(2), r.text(3), r.boolean(4)});
        return true;
      }));
  return out;
}

Result<std::optional<Counter>> find_counter(db::Tx& tx, int64_t unit_id, const std::string& code) {
  auto r = TRY(tx.query_one(
      "SELECT id, unit_id, code, name, active FROM counters WHERE unit_id = ? AND code = ?",
      {unit_id, code}));
  if (!r) return std::optional<Counter>{};
  return std::optional<Counter>{
      Counter{r->i64(0), r->i64(1), r->text(2), r->text(3), r->boolean(4)}};
}

Result<int64_t> insert_counter(db::Tx& tx, const Counter& c, int64_t now) {
  return code_taken_as_field(
      tx.insert_returning_id("INSERT INTO counters (unit_id, code, name, active, created_at) "
                             "VALUES (?, ?, ?, ?, ?) RETURNING id",
                             {c.unit_id, c.code, c.name, c.active, now}));
}

}  // namespace harmoni::desk
