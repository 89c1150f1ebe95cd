#include "peduli/peduli_store.hpp"

#include <fmt/format.h>

#include "learning/learning_store.hpp"
#include "platform/db/row_map.hpp"
#include "platform/db/sql_text.hpp"

namespace harmoni::peduli {
namespace {

const db::RowMap<Activity> kActivityRow{{"p.id", &Activity::id},
                                        {"p.instansi_id", &Activity::instansi_id},
                                        {"p.title", &Activity::title},
                                        {"p.target_group", &Activity::target_group},
                                        {"COALESCE(p.region_code, '')", &Activity::region_code},
                                        {"p.place", &Activity::place},
                                        {"p.starts_on", &Activity::starts_on},
                                        {"p.ends_on", &Activity::ends_on},
                                        {"p.start_time", &Activity::start_time},
                                        {"p.end_time", &Activity::end_time},
                                        {"p.partner", &Activity::partner},
                                        {"p.capacity", &Activity::capacity},
                                        {"p.coordinator_asn_id", &Activity::coordinator_asn_id},
                                        {"p.beneficiaries", &Activity::beneficiaries},
                                        {"p.description", &Activity::description},
                                        {"p.status", &Activity::status}};

const db::RowMap<ActivityRow> kActivityRowRow{
    {kActivityRow, &ActivityRow::activity},
    {"c.name", &ActivityRow::coordinator_name},
    {"c.nip", &ActivityRow::coordinator_nip},
    {"COALESCE(g.name, '')", &ActivityRow::region_name},
    {"(SELECT COUNT(*) FROM peduli_participants x WHERE x.activity_id = p.id AND x.attendance IN "
     "('signed_up', 'attended'))",
     &ActivityRow::signed_up},
    {"(SELECT COUNT(*) FROM peduli_participants x WHERE x.activity_id = p.id AND x.attendance = "
     "'attended')",
     &ActivityRow::attended}};
const std::string kActivityRowSelect =
    "SELECT " + kActivityRowRow.columns() +
    " FROM peduli_activities p JOIN asn c ON c.id = p.coordinator_asn_id LEFT JOIN regions g ON "
    "g.code = p.region_code ";

Result<std::vector<ActivityRow>> activity_rows(db::Tx& tx, const std::string& where,
                                               const db::Params& params) {
  return kActivityRowRow.all(tx, kActivityRowSelect + where, params);
}

const db::RowMap<Reflection> kReflectionRow{
    {"f.id", &Reflection::id},
    {"f.activity_id", &Reflection::activity_id},
    {"f.asn_id", &Reflection::asn_id},
    {"f.seen", [](Reflection& x, const db::Row& r, size_t i) { x.answers[0] = r.text(i); }},
    {"f.felt", [](Reflection& x, const db::Row& r, size_t i) { x.answers[1] = r.text(i); }},
    {"f.change_plan", [](Reflection& x, const db::Row& r, size_t i) { x.answers[2] = r.text(i); }},
    {"f.sharing", &Reflection::sharing},
    {"f.mentor_asn_id", &Reflection::mentor_asn_id}};

Result<std::vector<SharedReflection>> shared_where(db::Tx& tx, const std::string& where,
                                                   const db::Params& params) {
  std::vector<SharedReflection> out;
  const size_t after = kReflectionRow.size();
  TRY(tx.each("SELECT " + kReflectionRow.columns() +
                  ", a.name, a.nip, p.title FROM peduli_reflections f "
                  "JOIN asn a ON a.id = f.asn_id JOIN peduli_activities p ON p.id = f.activity_id "
                  "LEFT JOIN units u ON u.id = a.unit_id " +
                  where + " ORDER BY f.updated_at DESC, f.id DESC",
              params, [&](const db::Row& r) {
                out.push_back(
                    {kReflectionRow.read(r), r.text(after), r.text(after + 1), r.text(after + 2)});
                return true;
              }));
  return out;
}

}  // namespace

Result<int64_t> insert_activity(db::Tx& tx, const Activity& a, std::optional<int64_t> user_id,
                                int64_t now) {
  return tx.insert_returning_id(
      "INSERT INTO peduli_activities (instansi_id, title, target_group, region_code, place, "
      "starts_on, ends_on, start_time, "
      "end_time, partner, capacity, coordinator_asn_id, beneficiaries, description, status, "
      "created_by, created_at, "
      "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {a.instansi_id, a.title, enum_name(a.target_group),
       a.region_code.empty() ? db::Value() : db::Value(a.region_code), a.place, a.starts_on,
       a.ends_on, a.start_time, a.end_time, a.partner, a.capacity, a.coordinator_asn_id,
       a.beneficiaries, a.description, enum_name(a.status), user_id, now, now});
}

Status update_activity(db::Tx& tx, const Activity& a, int64_t now) {
  TRY(
      tx.exec("UPDATE peduli_activities SET title = ?, target_group = ?, region_code = ?, place = "
              "?, starts_on = ?, "
              "ends_on = ?, start_time = ?, end_time = ?, partner = ?, capacity = ?, "
              "coordinator_asn_id = ?, "
              "beneficiaries = ?, description = ?, status = ?, updated_at = ? WHERE id = ?",
              {a.title, enum_name(a.target_group),
               a.region_code.empty() ? db::Value() : db::Value(a.region_code), a.place, a.starts_on,
               a.ends_on, a.start_time, a.end_time, a.partner, a.capacity, a.coordinator_asn_id,
               a.beneficiaries, a.description, enum_name(a.status), now, a.id}));
  return {};
}

Result<std::optional<Activity>> find_activity(db::Tx& tx, int64_t activity_id) {
  return kActivityRow.one(
      tx, "SELECT " + kActivityRow.columns() + " FROM peduli_activities p WHERE p.id = ?",
      {activity_id});
}

Result<std::vector<ActivityRow>> list_activities(db::Tx& tx, int64_t instansi_id,
                                                 const std::string& from) {
  if (from.empty())
    return activity_rows(tx, "WHERE p.instansi_id = ? ORDER BY p.starts_on DESC, p.id DESC",
                         {instansi_id});
  return activity_rows(tx, "WHERE p.instansi_id = ? AND p.ends_on >= ? ORDER BY p.starts_on, p.id",
                       {instansi_id, from});
}

Result<std::optional<ActivityRow>> activity_row(db::Tx& tx, int64_t activity_id) {
  auto rows = TRY(activity_rows(tx, "WHERE p.id = ?", {activity_id}));
  if (rows.empty()) return std::optional<ActivityRow>();
  return std::optional<ActivityRow>(std::move(rows[0]));
}

Result<std::vector<Participant>> participants(db::Tx& tx, int64_t activity_id) {
  std::vector<Participant> out;
  TRY(tx.each(
      "SELECT a.id, a.nip, a.name, COALESCE(u.name, ''), x.attendance, x.minutes FROM "
      "peduli_participants x "
      "JOIN asn a ON a.id = x.asn_id LEFT JOIN units u ON u.id = a.unit_id WHERE x.activity_id = ? "
      "AND x.attendance <> 'cancelled' ORDER BY a.name_key, a.id",
      {activity_id}, [&](const db::Row& r) {
        out.push_back({r.i64(0), r.text(1), r.text(2), r.text(3),
                       parse_enum<Attendance>(r.text(4)).value_or(Attendance::kSignedUp),
                       r.i64(5)});
        return true;
      }));
  return out;
}

Result<std::optional<Participant>> participant(db::Tx& tx, int64_t activity_id, int64_t asn_id) {
  auto row = TRY(tx.query_one(
      "SELECT attendance, minutes FROM peduli_participants WHERE activity_id = ? AND asn_id = ?",
      {activity_id, asn_id}));
  if (!row) return std::optional<Participant>();
  Participant p{.asn_id = asn_id,
                .attendance = parse_enum<Attendance>(row->text(0)).value_or(Attendance::kSignedUp),
                .minutes = row->i64(1)};
  return std::optional<Participant>(p);
}

Status sign_up(db::Tx& tx, const Activity& a, int64_t asn_id, int64_t now) {
  if (a.status != ActivityStatus::kPlanned) return Error::conflict("peduli.not_open");
  TRY(tx.exec("UPDATE peduli_activities SET updated_at = updated_at WHERE id = ?",
              {a.id}));  // the row lock
  auto existing = TRY(tx.query_one(
      "SELECT attendance FROM peduli_participants WHERE activity_id = ? AND asn_id = ?",
      {a.id, asn_id}));
  if (existing && existing->text(0) != "cancelled")
    return Error::conflict("peduli.already_signed_up");
  const int64_t taken =
      TRY(tx.scalar_i64("SELECT COUNT(*) FROM peduli_participants WHERE activity_id = ? AND "
                        "attendance IN ('signed_up', 'attended')",
                        {a.id}));
  if (taken >= a.capacity) return Error::conflict("peduli.full");
  TRY(
      tx.exec("INSERT INTO peduli_participants (activity_id, asn_id, attendance, created_at, "
              "updated_at) VALUES "
              "(?, ?, 'signed_up', ?, ?) ON CONFLICT (activity_id, asn_id) DO UPDATE SET "
              "attendance = 'signed_up', "
              "minutes = 0, updated_at = excluded.updated_at",
              {a.id, asn_id, now, now}));
  return {};
}

Status cancel_sign_up(db::Tx& tx, int64_t activity_id, int64_t asn_id, int64_t now) {
  int64_t changed =
      TRY(tx.exec("UPDATE peduli_participants SET attendance = 'cancelled', updated_at = ? WHERE "
                  "activity_id = ? AND asn_id = ? AND attendance = 'signed_up'",
                  {now, activity_id, asn_id}));
  if (changed == 0) return Error::conflict("peduli.not_signed_up");
  return {};
}

Status confirm(db::Tx& tx, const Activity& a, int64_t asn_id, Attendance attendance,
               int64_t minutes, std::optional<int64_t> user_id, int64_t now) {
  int64_t changed =
      TRY(tx.exec("UPDATE peduli_participants SET attendance = ?, minutes = ?, confirmed_by = ?, "
                  "updated_at = ? "
                  "WHERE activity_id = ? AND asn_id = ? AND attendance <> 'cancelled'",
                  {enum_name(attendance), minutes, user_id, now, a.id, asn_id}));
  if (changed == 0) return Error::conflict("peduli.not_signed_up");
  const std::string ref = fmt::format("peduli:{}:{}", a.id, asn_id);
  if (attendance != Attendance::kAttended) return learning::remove_learning(tx, ref);
  const learning::LearningSettings settings = TRY(learning::load_settings(tx, a.instansi_id));
  learning::LearningRecord r{.asn_id = asn_id,
                             .source = learning::Source::kPeduli,
                             .source_ref = ref,
                             .verb = "attended",
                             .title = a.title,
                             .activity_type = "social_care",
                             .completed_on = *parse_date(a.ends_on),
                             .minutes = minutes,
                             .jp_e2 = learning::peduli_jp_e2(minutes, settings)};
  TRY(learning::record_learning(tx, {r}, now));
  return {};
}

Result<std::vector<MyActivity>> activities_of(db::Tx& tx, int64_t asn_id) {
  std::vector<MyActivity> out;
  TRY(tx.each(kActivityRowSelect +
                  "JOIN peduli_participants me ON me.activity_id = p.id AND me.asn_id = ? "
                  "WHERE me.attendance <> 'cancelled' ORDER BY p.starts_on DESC, p.id DESC",
              {asn_id}, [&](const db::Row& r) {
                out.push_back({kActivityRowRow.read(r)});
                return true;
              }));
  for (auto& m : out) {
    auto me = TRY(participant(tx, m.row.activity.id, asn_id));
    if (me) {
      m.attendance = me->attendance;
      m.minutes = me->minutes;
    }
    m.reflected =
        TRY(tx.scalar_i64(
            "SELECT COUNT(*) FROM peduli_reflections WHERE activity_id = ? AND asn_id = ?",
            {m.row.activity.id, asn_id})) > 0;
  }
  return out;
}

Result<int64_t> save_reflection(db::Tx& tx, const Reflection& r, int64_t now) {
  return tx.insert_returning_id(
      "INSERT INTO peduli_reflections (activity_id, asn_id, seen, felt, change_plan, sharing, "
      "mentor_asn_id, created_at, "
      "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (activity_id, asn_id) DO UPDATE "
      "SET seen = excluded.seen, "
      "felt = excluded.felt, change_plan = excluded.change_plan, sharing = excluded.sharing, "
      "mentor_asn_id = "
      "excluded.mentor_asn_id, updated_at = excluded.updated_at RETURNING id",
      {r.activity_id, r.asn_id, r.answers[0], r.answers[1], r.answers[2], enum_name(r.sharing),
       r.sharing == Sharing::kMentor ? db::Value(r.mentor_asn_id) : db::Value(), now, now});
}

Result<std::optional<Reflection>> find_reflection(db::Tx& tx, int64_t activity_id, int64_t asn_id) {
  return kReflectionRow.one(tx,
                            "SELECT " + kReflectionRow.columns() +
                                " FROM peduli_reflections f WHERE f.activity_id = ? AND "
                                "f.asn_id = ?",
                            {activity_id, asn_id});
}

Result<std::vector<SharedReflection>> reflections_shared_with_mentor(db::Tx& tx,
                                                                     int64_t mentor_asn_id) {
  return shared_where(tx, "WHERE f.sharing = 'mentor' AND f.mentor_asn_id = ?", {mentor_asn_id});
}

Result<std::vector<SharedReflection>> reflections_shared_under(db::Tx& tx, int64_t instansi_id,
                                                               const std::string& prefix) {
  db::Params p{instansi_id};
  const std::string filter = db::prefix_condition("u.path", prefix, p);
  return shared_where(tx, "WHERE f.sharing = 'superior' AND a.instansi_id = ?" + filter, p);
}

Result<std::vector<Participation>> participation(db::Tx& tx, int64_t instansi_id,
                                                 const std::string& from, const std::string& to,
                                                 const std::string& prefix) {
  db::Params p{instansi_id, from, to};
  const std::string filter = db::prefix_condition("u.path", prefix, p);
  std::vector<Participation> out;
  TRY(tx.each(
      "SELECT x.asn_id, COALESCE(a.unit_id, 0), CASE WHEN pos.kind = 'struktural' THEN 1 ELSE 0 "
      "END, p.starts_on, "
      "p.id, COALESCE(p.region_code, ''), p.target_group, x.minutes, p.beneficiaries FROM "
      "peduli_participants x "
      "JOIN peduli_activities p ON p.id = x.activity_id JOIN asn a ON a.id = x.asn_id "
      "LEFT JOIN units u ON u.id = a.unit_id LEFT JOIN positions pos ON pos.id = a.position_id "
      "WHERE p.instansi_id = ? AND x.attendance = 'attended' AND p.starts_on >= ? AND p.starts_on "
      "<= ?" +
          filter,
      p, [&](const db::Row& r) {
        out.push_back({r.i64(0), r.i64(1), r.boolean(2), r.text(3).substr(0, 7), r.i64(4),
                       r.text(5), r.text(6), r.i64(7), static_cast<int>(r.i64(8))});
        return true;
      }));
  return out;
}

Result<std::vector<Person>> people(db::Tx& tx, int64_t instansi_id, const std::string& prefix) {
  db::Params p{instansi_id};
  const std::string filter = db::prefix_condition("u.path", prefix, p);
  std::vector<Person> out;
  TRY(tx.each(
      "SELECT a.id, a.unit_id, CASE WHEN pos.kind = 'struktural' THEN 1 ELSE 0 END FROM asn a "
      "JOIN units u ON u.id = a.unit_id LEFT JOIN positions pos ON pos.id = a.position_id "
      "WHERE a.instansi_id = ? AND a.active = 1" +
          filter,
      p, [&](const db::Row& r) {
        out.push_back({r.i64(0), r.i64(1), r.boolean(2)});
        return true;
      }));
  return out;
}

}  // namespace harmoni::peduli
