#include "survey/followup_store.hpp"

#include "platform/db/row_map.hpp"

namespace harmoni::survey {
namespace {

const db::RowMap<FollowUp> kFollowUpRow{{"id", &FollowUp::id},
                                        {"unit_id", &FollowUp::unit_id},
                                        {"period_from", &FollowUp::period_from},
                                        {"period_to", &FollowUp::period_to},
                                        {"element", &FollowUp::element},
                                        {"issue", &FollowUp::issue},
                                        {"action", &FollowUp::action},
                                        {"responsible", &FollowUp::responsible},
                                        {"due_date", &FollowUp::due_date},
                                        {"status", &FollowUp::status}};
const std::string kFollowUpSelect = "SELECT " + kFollowUpRow.columns() + " FROM skm_followups ";

}  // namespace

Result<int64_t> insert_followup(db::Tx& tx, const FollowUp& f, std::optional<int64_t> user_id,
                                int64_t now) {
  return tx.insert_returning_id(
      "INSERT INTO skm_followups (unit_id, period_from, period_to, element, issue, action, "
      "responsible, due_date, "
      "status, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id",
      {f.unit_id, f.period_from, f.period_to, f.element, f.issue, f.action, f.responsible,
       f.due_date, enum_name(f.status), user_id, now, now});
}

Result<std::vector<FollowUp>> list_followups(db::Tx& tx, int64_t unit_id, const std::string& from,
                                             const std::string& to) {
  return kFollowUpRow.all(
      tx,
      kFollowUpSelect +
          "WHERE unit_id = ? AND period_from = ? AND period_to = ? ORDER BY due_date, id",
      {unit_id, from, to});
}

Result<FollowUp> set_followup_status(db::Tx& tx, int64_t unit_id, int64_t id, FollowUpStatus status,
                                     int64_t now) {
  int64_t changed = TRY(
      tx.exec("UPDATE skm_followups SET status = ?, updated_at = ? WHERE id = ? AND unit_id = ?",
              {enum_name(status), now, id, unit_id}));
  if (changed == 0) return Error::not_found("followup.unknown");
  return *TRY(kFollowUpRow.one(tx, kFollowUpSelect + "WHERE id = ?", {id}));
}

}  // namespace harmoni::survey
