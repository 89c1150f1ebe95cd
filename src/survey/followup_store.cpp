#include "survey/followup_store.hpp"

namespace harmoni::survey {
namespace {

#define HARMONI_FOLLOWUP_COLUMNS \
  "id, unit_id, period_from, period_to, element, issue, action, responsible, due_date, status"

FollowUp followup_from_row(const db::Row& r) {
  return FollowUp{r.i64(0),  r.i64(1),
                  r.text(2), r.text(3),
                  r.text(4), r.text(5),
                  r.text(6), r.text(7),
                  r.text(8), parse_followup_status(r.text(9)).value_or(FollowUpStatus::kPlanned)};
}

}  // namespace

Result<int64_t> insert_followup(db::Tx& tx, const FollowUp& f, std::optional<int64_t> user_id,
                                int64_t now) {
  return tx.insert_returning_id(
      "INSERT INTO skm_followups (unit_id, period_from, period_to, element, issue, action, "
      "responsible, due_date, "
      "status, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id",
      {f.unit_id, f.period_from, f.period_to, f.element, f.issue, f.action, f.responsible,
       f.due_date, followup_status_name(f.status), user_id, now, now});
}

Result<std::vector<FollowUp>> list_followups(db::Tx& tx, int64_t unit_id, const std::string& from,
                                             const std::string& to) {
  std::vector<FollowUp> out;
  TRY(tx.each("SELECT " HARMONI_FOLLOWUP_COLUMNS
              " FROM skm_followups WHERE unit_id = ? AND period_from = ? AND "
              "period_to = ? ORDER BY due_date, id",
              {unit_id, from, to}, [&](const db::Row& r) {
                out.push_back(followup_from_row(r));
                return true;
              }));
  return out;
}

Result<FollowUp> set_followup_status(db::Tx& tx, int64_t unit_id, int64_t id, FollowUpStatus status,
                                     int64_t now) {
  int64_t changed = TRY(
      tx.exec("UPDATE skm_followups SET status = ?, updated_at = ? WHERE id = ? AND unit_id = ?",
              {followup_status_name(status), now, id, unit_id}));
  if (changed == 0) return Error::not_found("followup.unknown");
  auto row = TRY(
      tx.query_one("SELECT " HARMONI_FOLLOWUP_COLUMNS " FROM skm_followups WHERE id = ?", {id}));
  return followup_from_row(*row);
}

}  // namespace harmoni::survey
