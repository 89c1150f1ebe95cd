#include "complaints/complaint_store.hpp"

#include <map>

#include "platform/db/row_map.hpp"

namespace harmoni::complaints {
namespace {

using db::date_value;
using db::name_value;

const db::RowMap<Complaint> kComplaintRow{{"c.id", &Complaint::id},
                                          {"c.instansi_id", &Complaint::instansi_id},
                                          {"c.unit_id", &Complaint::unit_id},
                                          {"c.service_id", &Complaint::service_id},
                                          {"c.ticket_id", &Complaint::ticket_id},
                                          {"c.officer_asn_id", &Complaint::officer_asn_id},
                                          {"c.kind", &Complaint::kind},
                                          {"c.category", &Complaint::category},
                                          {"c.grade", &Complaint::grade},
                                          {"c.status", &Complaint::status},
                                          {"c.outcome", &Complaint::outcome},
                                          {"c.identity", &Complaint::identity},
                                          {"c.description", &Complaint::description},
                                          {"c.happened_on", &Complaint::happened_on},
                                          {"c.service_too_old", &Complaint::service_too_old},
                                          {"c.received_at", &Complaint::received_at},
                                          {"c.received_on", &Complaint::received_on},
                                          {"c.verify_due", &Complaint::verify_due},
                                          {"c.status_since", &Complaint::status_since},
                                          {"c.disposed_on", &Complaint::disposed_on},
                                          {"c.resolve_due", &Complaint::resolve_due},
                                          {"c.staff_due", &Complaint::staff_due},
                                          {"c.reporter_due", &Complaint::reporter_due},
                                          {"c.first_response_on", &Complaint::first_response_on},
                                          {"c.answered_on", &Complaint::answered_on},
                                          {"c.closed_on", &Complaint::closed_on},
                                          {"c.handler_user_id", &Complaint::handler_user_id},
                                          {"c.assignee_user_id", &Complaint::assignee_user_id},
                                          {"c.reopen_count", &Complaint::reopen_count},
                                          {"c.rating", &Complaint::rating},
                                          {"c.merged_into", &Complaint::merged_into},
                                          {"c.forwarded_from", &Complaint::forwarded_from},
                                          {"c.outside_body", &Complaint::outside_body},
                                          {"c.outside_ref", &Complaint::outside_ref},
                                          {"c.draft", &Complaint::draft},
                                          {"c.answer", &Complaint::answer},
                                          {"c.escalated_due", &Complaint::escalated_due},
                                          {"COALESCE(u.name, '')", &Complaint::unit_name},
                                          {"COALESCE(u.path, '')", &Complaint::unit_path},
                                          {"COALESCE(s.name, '')", &Complaint::service_name}};

const std::string kComplaintFrom =
    " FROM complaints c LEFT JOIN units u ON u.id = c.unit_id "
    "LEFT JOIN services s ON s.id = c.service_id ";
const std::string kComplaintSelect = "SELECT " + kComplaintRow.columns() + kComplaintFrom;

// The columns a step may change, in the order of mutable_values().
constexpr std::string_view kMutableColumns[] = {
    "instansi_id", "unit_id",     "service_id",      "officer_asn_id",   "category",
    "grade",       "status",      "outcome",         "verify_due",       "status_since",
    "disposed_on", "resolve_due", "staff_due",       "reporter_due",     "first_response_on",
    "answered_on", "closed_on",   "handler_user_id", "assignee_user_id", "reopen_count",
    "rating",      "merged_into", "forwarded_from",  "outside_body",     "outside_ref",
    "draft",       "answer",      "escalated_due"};

db::Params mutable_values(const Complaint& c) {
  return {c.instansi_id,
          c.unit_id,
          c.service_id,
          c.officer_asn_id,
          name_value(c.category),
          name_value(c.grade),
          std::string(enum_name(c.status)),
          name_value(c.outcome),
          format_date(c.verify_due),
          format_date(c.status_since),
          date_value(c.disposed_on),
          date_value(c.resolve_due),
          date_value(c.staff_due),
          date_value(c.reporter_due),
          date_value(c.first_response_on),
          date_value(c.answered_on),
          date_value(c.closed_on),
          c.handler_user_id,
          c.assignee_user_id,
          c.reopen_count,
          c.rating,
          c.merged_into,
          c.forwarded_from,
          c.outside_body,
          c.outside_ref,
          c.draft,
          c.answer,
          date_value(c.escalated_due)};
}

Status add_counts(db::Tx& tx, int64_t instansi_id, const std::vector<CountKey>& keys, int delta) {
  for (const CountKey& k : keys) {
    TRY(tx.exec(
        "INSERT INTO complaint_counts (instansi_id, unit_id, month, dimension, value, n) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (instansi_id, month, dimension, value, unit_id) "
        "DO UPDATE SET n = complaint_counts.n + excluded.n",
        {instansi_id, k.unit_id, k.month, k.dimension, k.value, delta}));
  }
  return {};
}

const db::RowMap<Settings> kSettingsRow{
    {"time_zone", &Settings::time_zone},
    {"verify_days", &Settings::rules, &Rules::verify_days},
    {"followup_days", &Settings::rules, &Rules::followup_days},
    {"simple_days", &Settings::rules, &Rules::simple_days},
    {"normative_days", &Settings::rules, &Rules::normative_days},
    {"complex_days", &Settings::rules, &Rules::complex_days},
    {"supervisory_days", &Settings::rules, &Rules::supervisory_days},
    {"reply_days", &Settings::rules, &Rules::reply_days},
    {"confirm_days", &Settings::rules, &Rules::confirm_days},
    {"reopen_limit", &Settings::rules, &Rules::reopen_limit},
    {"service_age_days", &Settings::rules, &Rules::service_age_days},
    {"min_cell", &Settings::rules, &Rules::min_cell},
    {"coordinator_user_id", &Settings::coordinator_user_id},
    {"mail_staff", &Settings::mail_staff}};

const db::RowMap<StepRecord> kStepRow{{"st.id", &StepRecord::id},
                                      {"st.at_ms", &StepRecord::at_ms},
                                      {"st.step", &StepRecord::step},
                                      {"st.public", &StepRecord::is_public},
                                      {"st.by_reporter", &StepRecord::by_reporter},
                                      {"st.actor_user_id", &StepRecord::actor_user_id},
                                      {"st.note", &StepRecord::note},
                                      {"COALESCE(us.display_name, '')", &StepRecord::actor_name}};

const db::RowMap<StoredFile> kFileRow{{"id", &StoredFile::id},
                                      {"step_id", &StoredFile::step_id},
                                      {"content_type", &StoredFile::content_type},
                                      {"size", &StoredFile::size},
                                      {"at_ms", &StoredFile::at_ms}};

const db::RowMap<Neutrality> kNeutralityRow{
    {"reported_nip", &Neutrality::reported_nip},
    {"reported_asn_id", &Neutrality::reported_asn_id},
    {"links", &Neutrality::links},
    {"violation_class", &Neutrality::violation_class},
    {"violation_type", &Neutrality::violation_type},
    {"recommended_sanction", &Neutrality::recommended_sanction},
    {"decision", &Neutrality::decision},
    {"decision_ref", &Neutrality::decision_ref},
    {"decided_on", &Neutrality::decided_on},
    {"enforcement", &Neutrality::enforcement},
    {"enforcement_note", &Neutrality::enforcement_note}};

}  // namespace

Result<Settings> load_settings(db::Tx& tx, int64_t instansi_id) {
  auto found = TRY(kSettingsRow.one(
      tx, "SELECT " + kSettingsRow.columns() + " FROM complaint_settings WHERE instansi_id = ?",
      {instansi_id}));
  return found.value_or(Settings{});
}

Status save_settings(db::Tx& tx, int64_t instansi_id, const Settings& s, int64_t now) {
  const Rules& r = s.rules;
  TRY(tx.exec(
      "INSERT INTO complaint_settings (instansi_id, time_zone, verify_days, followup_days, "
      "simple_days, normative_days, complex_days, supervisory_days, reply_days, confirm_days, "
      "reopen_limit, service_age_days, min_cell, coordinator_user_id, mail_staff, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (instansi_id) DO UPDATE "
      "SET "
      "time_zone = excluded.time_zone, verify_days = excluded.verify_days, "
      "followup_days = excluded.followup_days, simple_days = excluded.simple_days, "
      "normative_days = excluded.normative_days, complex_days = excluded.complex_days, "
      "supervisory_days = excluded.supervisory_days, reply_days = excluded.reply_days, "
      "confirm_days = excluded.confirm_days, reopen_limit = excluded.reopen_limit, "
      "service_age_days = excluded.service_age_days, min_cell = excluded.min_cell, "
      "coordinator_user_id = excluded.coordinator_user_id, mail_staff = excluded.mail_staff, "
      "updated_at = excluded.updated_at",
      {instansi_id, std::string(enum_name(s.time_zone)), r.verify_days, r.followup_days,
       r.simple_days, r.normative_days, r.complex_days, r.supervisory_days, r.reply_days,
       r.confirm_days, r.reopen_limit, r.service_age_days, r.min_cell, s.coordinator_user_id,
       s.mail_staff, now}));
  return {};
}

Result<int64_t> insert_complaint(db::Tx& tx, const Complaint& c, std::string_view tracking_hash,
                                 const std::optional<std::string>& identity_sealed, int64_t now) {
  std::string columns =
      "ticket_id, tracking_hash, kind, identity, identity_sealed, description, "
      "happened_on, service_too_old, received_at, received_on, updated_at";
  db::Params values = {c.ticket_id,
                       std::string(tracking_hash),
                       std::string(enum_name(c.kind)),
                       std::string(enum_name(c.identity)),
                       identity_sealed,
                       c.description,
                       date_value(c.happened_on),
                       c.service_too_old,
                       c.received_at,
                       format_date(c.received_on),
                       now};
  for (std::string_view column : kMutableColumns) columns += ", " + std::string(column);
  for (db::Value& v : mutable_values(c)) values.push_back(std::move(v));
  std::string marks = "?";
  for (size_t i = 1; i < values.size(); ++i) marks += ", ?";
  const int64_t id = TRY(tx.insert_returning_id(
      "INSERT INTO complaints (" + columns + ") VALUES (" + marks + ") RETURNING id", values));
  TRY(add_counts(tx, c.instansi_id, count_keys(c), 1));
  return id;
}

Status update_complaint(db::Tx& tx, const Complaint& before, const Complaint& after, int64_t now) {
  std::string sets;
  for (std::string_view column : kMutableColumns) {
    if (!sets.empty()) sets += ", ";
    sets += std::string(column) + " = ?";
  }
  db::Params values = mutable_values(after);
  values.push_back(now);
  values.push_back(after.id);
  TRY(tx.exec("UPDATE complaints SET " + sets + ", updated_at = ? WHERE id = ?", values));
  auto old_keys = count_keys(before);
  auto new_keys = count_keys(after);
  if (old_keys != new_keys || before.instansi_id != after.instansi_id) {
    TRY(add_counts(tx, before.instansi_id, old_keys, -1));
    TRY(add_counts(tx, after.instansi_id, new_keys, 1));
  }
  return {};
}

Result<std::optional<Complaint>> find_complaint(db::Tx& tx, int64_t id) {
  return kComplaintRow.one(tx, kComplaintSelect + "WHERE c.id = ?", {id});
}

Result<std::optional<Complaint>> find_by_tracking_hash(db::Tx& tx, std::string_view hash) {
  return kComplaintRow.one(tx, kComplaintSelect + "WHERE c.tracking_hash = ?", {std::string(hash)});
}

Result<std::optional<std::string>> identity_sealed_of(db::Tx& tx, int64_t id) {
  auto row = TRY(tx.query_one("SELECT identity_sealed FROM complaints WHERE id = ?", {id}));
  if (!row) return std::optional<std::string>();
  return row->opt_text(0);
}

Result<int64_t> add_step(db::Tx& tx, int64_t complaint_id, const StepRecord& s) {
  return tx.insert_returning_id(
      "INSERT INTO complaint_steps (complaint_id, at_ms, step, public, by_reporter, "
      "actor_user_id, note) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {complaint_id, s.at_ms, std::string(enum_name(s.step)), s.is_public, s.by_reporter,
       s.actor_user_id, s.note});
}

Result<std::vector<StepRecord>> steps_of(db::Tx& tx, int64_t complaint_id) {
  return kStepRow.all(tx,
                      "SELECT " + kStepRow.columns() +
                          " FROM complaint_steps st LEFT JOIN users us ON us.id = "
                          "st.actor_user_id WHERE st.complaint_id = ? ORDER BY st.id",
                      {complaint_id});
}

Result<int64_t> add_file(db::Tx& tx, int64_t complaint_id, std::optional<int64_t> step_id,
                         std::string_view content_type, int64_t size, std::string_view sealed,
                         int64_t now_ms) {
  return tx.insert_returning_id(
      "INSERT INTO complaint_files (complaint_id, step_id, content_type, size, data_sealed, "
      "at_ms) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      {complaint_id, step_id, std::string(content_type), size, std::string(sealed), now_ms});
}

Result<std::vector<StoredFile>> files_of(db::Tx& tx, int64_t complaint_id) {
  return kFileRow.all(
      tx,
      "SELECT " + kFileRow.columns() + " FROM complaint_files WHERE complaint_id = ? ORDER BY id",
      {complaint_id});
}

Result<std::optional<std::pair<std::string, std::string>>> file_data(db::Tx& tx,
                                                                     int64_t complaint_id,
                                                                     int64_t file_id) {
  auto row = TRY(tx.query_one(
      "SELECT content_type, data_sealed FROM complaint_files WHERE id = ? AND complaint_id = ?",
      {file_id, complaint_id}));
  if (!row) return std::optional<std::pair<std::string, std::string>>();
  return std::optional(std::pair(row->text(0), row->text(1)));
}

namespace {

// The WHERE clause of a list and its parameters: which reports the query (and the viewer
// narrowing it) selects.
std::pair<std::string, db::Params> list_where(const ListQuery& q) {
  std::string where = "WHERE c.instansi_id = ?";
  db::Params params = {q.instansi_id};
  const std::string today = format_date(q.today);
  constexpr std::string_view kWithStaff = "('received', 'disposed', 'drafted')";
  switch (q.kind) {
    case ListKind::kAll:
      break;
    case ListKind::kVerify:
      where += " AND c.status IN ('received', 'waiting_reporter')";
      break;
    case ListKind::kDueSoon:
      where += " AND c.status IN " + std::string(kWithStaff) +
               " AND c.staff_due >= ? AND c.staff_due <= ?";
      params.push_back(today);
      params.push_back(format_date(q.soon));
      break;
    case ListKind::kOverdue:
      where += " AND c.status IN " + std::string(kWithStaff) + " AND c.staff_due < ?";
      params.push_back(today);
      break;
    case ListKind::kMine:
      where += " AND (c.handler_user_id = ? OR c.assignee_user_id = ?)";
      params.push_back(q.mine_user_id.value_or(-1));
      params.push_back(q.mine_user_id.value_or(-1));
      break;
  }
  if (q.status) {
    where += " AND c.status = ?";
    params.push_back(std::string(enum_name(*q.status)));
  }
  if (!q.unit_path.empty()) {
    where += " AND u.path LIKE ?";
    params.push_back(q.unit_path + "%");
  }
  if (q.assignee_user_id) {
    where += " AND c.assignee_user_id = ?";
    params.push_back(*q.assignee_user_id);
  }
  if (q.neutrality) {
    where += *q.neutrality ? " AND c.category = 'neutrality'"
                           : " AND (c.category IS NULL OR c.category <> 'neutrality')";
  }
  if (q.not_about_asn) {
    where += " AND (c.officer_asn_id IS NULL OR c.officer_asn_id <> ?)";
    params.push_back(*q.not_about_asn);
  }
  if (q.after_id) {
    where += " AND c.id < ?";
    params.push_back(*q.after_id);
  }
  if (q.received_from) {
    where += " AND c.received_on >= ?";
    params.push_back(format_date(*q.received_from));
  }
  if (q.received_to) {
    where += " AND c.received_on <= ?";
    params.push_back(format_date(*q.received_to));
  }
  return {where, params};
}

}  // namespace

Result<std::vector<Complaint>> list_complaints(db::Tx& tx, const ListQuery& q) {
  auto [where, params] = list_where(q);
  // Newest first; the due lists are narrow enough to read whole and sort by deadline.
  params.push_back(q.limit);
  return kComplaintRow.all(tx, kComplaintSelect + where + " ORDER BY c.id DESC LIMIT ?", params);
}

Status each_complaint(db::Tx& tx, const ListQuery& q,
                      const std::function<bool(const Complaint&)>& each) {
  auto [where, params] = list_where(q);
  return tx.each(kComplaintSelect + where + " ORDER BY c.id", params,
                 [&](const db::Row& r) { return each(kComplaintRow.read(r)); });
}

Result<std::vector<Complaint>> reporter_time_passed(db::Tx& tx, const Date& today, int limit) {
  return kComplaintRow.all(tx,
                           kComplaintSelect +
                               "WHERE c.reporter_due < ? AND c.status IN ('waiting_reporter', "
                               "'answered') ORDER BY c.reporter_due, c.id LIMIT ?",
                           {format_date(today), limit});
}

Result<std::vector<Complaint>> overdue_unescalated(db::Tx& tx, const Date& today, int limit) {
  return kComplaintRow.all(
      tx,
      kComplaintSelect +
          "WHERE c.staff_due < ? AND c.status IN ('received', 'disposed', 'drafted') AND "
          "(c.escalated_due IS NULL OR c.escalated_due <> c.staff_due) ORDER BY c.staff_due, c.id "
          "LIMIT ?",
      {format_date(today), limit});
}

Result<std::vector<CountRow>> sum_counts(db::Tx& tx, int64_t instansi_id,
                                         std::optional<int64_t> unit_id,
                                         const std::string& from_month,
                                         const std::string& to_month) {
  std::string sql =
      "SELECT dimension, value, SUM(n) FROM complaint_counts WHERE instansi_id = ? AND "
      "month >= ? AND month <= ?";
  db::Params params = {instansi_id, from_month, to_month};
  if (unit_id) {
    sql += " AND unit_id = ?";
    params.push_back(*unit_id);
  }
  sql += " GROUP BY dimension, value ORDER BY dimension, value";
  std::vector<CountRow> out;
  TRY(tx.each(sql, params, [&](const db::Row& r) {
    if (r.i64(2) != 0) out.push_back({r.text(0), r.text(1), r.i64(2)});
    return true;
  }));
  return out;
}

Status save_neutrality(db::Tx& tx, int64_t complaint_id, const Neutrality& n) {
  TRY(tx.exec(
      "INSERT INTO neutrality_reports (complaint_id, reported_nip, reported_asn_id, links, "
      "violation_class, violation_type, recommended_sanction, decision, decision_ref, "
      "decided_on, enforcement, enforcement_note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (complaint_id) DO UPDATE SET reported_nip = excluded.reported_nip, "
      "reported_asn_id = excluded.reported_asn_id, links = excluded.links, "
      "violation_class = excluded.violation_class, violation_type = excluded.violation_type, "
      "recommended_sanction = excluded.recommended_sanction, decision = excluded.decision, "
      "decision_ref = excluded.decision_ref, decided_on = excluded.decided_on, "
      "enforcement = excluded.enforcement, enforcement_note = excluded.enforcement_note",
      {complaint_id, n.reported_nip, n.reported_asn_id, n.links, n.violation_class,
       n.violation_type, n.recommended_sanction, n.decision, n.decision_ref,
       date_value(n.decided_on), n.enforcement, n.enforcement_note}));
  return {};
}

Result<std::optional<Neutrality>> find_neutrality(db::Tx& tx, int64_t complaint_id) {
  return kNeutralityRow.one(
      tx, "SELECT " + kNeutralityRow.columns() + " FROM neutrality_reports WHERE complaint_id = ?",
      {complaint_id});
}

Result<std::vector<int64_t>> users_with_role(db::Tx& tx, int64_t instansi_id,
                                             std::string_view role) {
  std::vector<int64_t> out;
  TRY(tx.each("SELECT id FROM users WHERE instansi_id = ? AND role = ? AND active = 1 ORDER BY id",
              {instansi_id, std::string(role)}, [&](const db::Row& r) {
                out.push_back(r.i64(0));
                return true;
              }));
  return out;
}

Result<std::vector<int64_t>> unit_heads_of(db::Tx& tx, int64_t unit_id) {
  std::vector<int64_t> out;
  size_t nearest = 0;
  TRY(tx.each(
      "SELECT us.id, u.path FROM users us JOIN units u ON u.id = us.unit_id WHERE us.role = "
      "'unit_head' AND us.active = 1 AND (SELECT path FROM units WHERE id = ?) LIKE u.path || '%' "
      "ORDER BY us.id",
      {unit_id}, [&](const db::Row& r) {
        const size_t depth = r.text(1).size();
        if (depth > nearest) {
          out.clear();
          nearest = depth;
        }
        if (depth == nearest) out.push_back(r.i64(0));
        return true;
      }));
  return out;
}

namespace {

const db::RowMap<StaffMember> kStaffRow{
    {"us.id", &StaffMember::user_id},    {"us.instansi_id", &StaffMember::instansi_id},
    {"us.role", &StaffMember::role},     {"COALESCE(u.path, '')", &StaffMember::unit_path},
    {"us.asn_id", &StaffMember::asn_id}, {"us.display_name", &StaffMember::display_name},
    {"us.email", &StaffMember::email}};
const std::string kStaffSelect =
    "SELECT " + kStaffRow.columns() + " FROM users us LEFT JOIN units u ON u.id = us.unit_id ";

}  // namespace

Result<std::optional<StaffMember>> find_staff_member(db::Tx& tx, int64_t user_id) {
  return kStaffRow.one(tx, kStaffSelect + "WHERE us.id = ? AND us.active = 1", {user_id});
}

Result<std::vector<StaffMember>> staff_of_subtree(db::Tx& tx, int64_t instansi_id,
                                                  const std::string& unit_path) {
  return kStaffRow.all(tx,
                       kStaffSelect +
                           "WHERE us.instansi_id = ? AND us.active = 1 AND us.role IN "
                           "('officer', 'unit_head') AND u.path LIKE ? ORDER BY us.display_name",
                       {instansi_id, unit_path + "%"});
}

}  // namespace harmoni::complaints
