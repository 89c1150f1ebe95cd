#include "learning/learning_store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "platform/db/row_map.hpp"
#include "platform/db/sql_text.hpp"
#include "platform/util/base64.hpp"

namespace harmoni::learning {
namespace {

using db::row_placeholders;

constexpr size_t kBatchRows = 200;

db::Value optional_bool(const std::optional<bool>& b) { return b ? db::Value(*b) : db::Value(); }

// ---- ledger ----

const db::RowMap<LearningRecord> kRecordRow{{"id", &LearningRecord::id},
                                            {"asn_id", &LearningRecord::asn_id},
                                            {"source", &LearningRecord::source},
                                            {"source_ref", &LearningRecord::source_ref},
                                            {"verb", &LearningRecord::verb},
                                            {"title", &LearningRecord::title},
                                            {"activity_type", &LearningRecord::activity_type},
                                            {"completed_on", &LearningRecord::completed_on},
                                            {"minutes", &LearningRecord::minutes},
                                            {"jp_e2", &LearningRecord::jp_e2},
                                            {"score", &LearningRecord::score},
                                            {"passed", &LearningRecord::passed}};

bool same_content(const LearningRecord& a, const LearningRecord& b) {
  return a.asn_id == b.asn_id && a.verb == b.verb && a.title == b.title &&
         a.activity_type == b.activity_type && a.completed_on == b.completed_on &&
         a.minutes == b.minutes && a.jp_e2 == b.jp_e2 && a.score == b.score && a.passed == b.passed;
}

struct TotalDelta {
  int64_t jp_e2 = 0;
  int64_t records = 0;
};

// Adds the deltas to the people's yearly totals, many people a statement (one statement
// a person made a million-row import quadratic in SQLite: each statement's savepoint
// costs in proportion to the open transaction). Unit, instansi and being active come
// from the person; the CASTs tell PostgreSQL the VALUES' types.
Status apply_totals(db::Tx& tx, const std::map<std::pair<int64_t, int>, TotalDelta>& deltas) {
  constexpr size_t kPeopleAStatement = 500;
  db::Params params;
  std::string values;
  auto flush = [&]() -> Status {
    if (params.empty()) return {};
    TRY(tx.exec(
        "WITH delta (asn_id, year, jp_e2, records) AS (VALUES " + values +
            ") INSERT INTO jp_totals (asn_id, year, instansi_id, unit_id, active, jp_e2, records) "
            "SELECT a.id, d.year, a.instansi_id, a.unit_id, a.active, d.jp_e2, d.records "
            "FROM delta d JOIN asn a ON a.id = d.asn_id WHERE true "  // WHERE: SQLite's upsert
                                                                      // after a join
            "ON CONFLICT (asn_id, year) DO UPDATE SET jp_e2 = jp_totals.jp_e2 + excluded.jp_e2, "
            "records = jp_totals.records + excluded.records",
        params));
    params.clear();
    values.clear();
    return {};
  };
  for (const auto& [key, d] : deltas) {
    if (d.jp_e2 == 0 && d.records == 0) continue;
    values += values.empty() ? "" : ", ";
    values += "(CAST(? AS BIGINT), CAST(? AS SMALLINT), CAST(? AS BIGINT), CAST(? AS INTEGER))";
    params.insert(params.end(), {key.first, key.second, d.jp_e2, d.records});
    if (params.size() >= 4 * kPeopleAStatement) TRY(flush());
  }
  return flush();
}

void append_record_params(db::Params& p, const LearningRecord& r, int64_t now) {
  p.insert(p.end(), {r.asn_id, r.completed_on.year, enum_name(r.source), r.source_ref, r.verb,
                     r.title, r.activity_type, format_date(r.completed_on), r.minutes, r.jp_e2,
                     r.score ? db::Value(*r.score) : db::Value(), optional_bool(r.passed), now});
}

// ---- programmes, classes, enrolments ----

const db::RowMap<Programme> kProgrammeRow{
    {"p.id", &Programme::id},
    {"p.instansi_id", &Programme::instansi_id},
    {"p.code", &Programme::code},
    {"p.title", &Programme::title},
    {"p.type", &Programme::type},
    {"p.mode", &Programme::mode},
    {"p.jp_e2", &Programme::jp_e2},
    {"p.items",
     [](Programme& p, const db::Row& r, size_t i) { p.items = db::split_codes(r.text(i)); }},
    {"p.organiser", &Programme::organiser},
    {"p.description", &Programme::description},
    {"p.active", &Programme::active}};
const std::string kProgrammeSelect = "SELECT " + kProgrammeRow.columns() + " FROM programmes p ";

const db::RowMap<ClassSession> kClassRow{{"c.id", &ClassSession::id},
                                         {"c.programme_id", &ClassSession::programme_id},
                                         {"c.starts_on", &ClassSession::starts_on},
                                         {"c.ends_on", &ClassSession::ends_on},
                                         {"c.place", &ClassSession::place},
                                         {"c.link", &ClassSession::link},
                                         {"c.capacity", &ClassSession::capacity},
                                         {"c.self_registration", &ClassSession::self_registration},
                                         {"c.status", &ClassSession::status}};

const db::RowMap<Enrolment> kEnrolmentRow{{"e.id", &Enrolment::id},
                                          {"e.class_id", &Enrolment::class_id},
                                          {"e.asn_id", &Enrolment::asn_id},
                                          {"e.status", &Enrolment::status},
                                          {"e.note", &Enrolment::note},
                                          {"e.score", &Enrolment::score},
                                          {"e.passed", &Enrolment::passed},
                                          {"a.nip", &Enrolment::nip},
                                          {"a.name", &Enrolment::name},
                                          {"COALESCE(u.name, '')", &Enrolment::unit_name},
                                          {"COALESCE(u.path, '')", &Enrolment::unit_path}};
const std::string kEnrolmentFrom =
    " FROM enrolments e JOIN asn a ON a.id = e.asn_id LEFT JOIN units u ON u.id = a.unit_id ";

Result<std::vector<Enrolment>> enrolments_where(db::Tx& tx, const std::string& where,
                                                const db::Params& params) {
  return kEnrolmentRow.all(tx, "SELECT " + kEnrolmentRow.columns() + kEnrolmentFrom + where,
                           params);
}

// "<enrolment>, <class>, programme title, certificate code" rows: a person's or a subtree's.
Result<std::vector<MyEnrolment>> my_enrolments_where(db::Tx& tx, const std::string& where,
                                                     const db::Params& params) {
  std::vector<MyEnrolment> out;
  const size_t class_at = kEnrolmentRow.size(), after = class_at + kClassRow.size();
  TRY(tx.each("SELECT " + kEnrolmentRow.columns() + ", " + kClassRow.columns() +
                  ", p.title, cert.code" + kEnrolmentFrom +
                  "JOIN classes c ON c.id = e.class_id JOIN programmes p ON p.id = c.programme_id "
                  "LEFT JOIN certificates cert ON cert.enrolment_id = e.id " +
                  where,
              params, [&](const db::Row& r) {
                out.push_back({kEnrolmentRow.read(r), kClassRow.read(r, class_at), r.text(after),
                               r.opt_text(after + 1)});
                return true;
              }));
  return out;
}

const db::RowMap<Claim> kClaimRow{{"c.id", &Claim::id},
                                  {"c.asn_id", &Claim::asn_id},
                                  {"c.kind", &Claim::kind},
                                  {"c.title", &Claim::title},
                                  {"c.provider", &Claim::provider},
                                  {"c.completed_on", &Claim::completed_on},
                                  {"c.minutes", &Claim::minutes},
                                  {"c.status", &Claim::status},
                                  {"c.decision_note", &Claim::decision_note}};

}  // namespace

// ---- settings ----

Result<LearningSettings> load_settings(db::Tx& tx, int64_t instansi_id) {
  auto row = TRY(tx.query_one(
      "SELECT minutes_per_jp, peduli_jp_per_hour_e2, peduli_max_jp_e2 FROM learning_settings "
      "WHERE instansi_id = ?",
      {instansi_id}));
  if (!row) return LearningSettings{};
  return LearningSettings{static_cast<int>(row->i64(0)), row->i64(1), row->i64(2)};
}

Status save_settings(db::Tx& tx, int64_t instansi_id, const LearningSettings& s, int64_t now) {
  TRY(tx.exec(
      "INSERT INTO learning_settings (instansi_id, minutes_per_jp, peduli_jp_per_hour_e2, "
      "peduli_max_jp_e2, "
      "updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (instansi_id) DO UPDATE SET minutes_per_jp = "
      "excluded.minutes_per_jp, peduli_jp_per_hour_e2 = excluded.peduli_jp_per_hour_e2, "
      "peduli_max_jp_e2 = "
      "excluded.peduli_max_jp_e2, updated_at = excluded.updated_at",
      {instansi_id, s.minutes_per_jp, s.peduli_jp_per_hour_e2, s.peduli_max_jp_e2, now}));
  return {};
}

// ---- the ledger ----

Result<LedgerOutcome> record_learning(db::Tx& tx, const std::vector<LearningRecord>& records,
                                      int64_t now) {
  LedgerOutcome out;
  std::map<std::pair<int64_t, int>, TotalDelta> deltas;
  std::set<std::string> seen;
  for (size_t start = 0; start < records.size(); start += kBatchRows) {
    const size_t end = std::min(records.size(), start + kBatchRows);
    db::Params refs;
    for (size_t i = start; i < end; ++i) refs.emplace_back(records[i].source_ref);
    std::map<std::string, LearningRecord> existing;
    TRY(tx.each("SELECT " + kRecordRow.columns() + " FROM learning_records WHERE source_ref IN " +
                    row_placeholders(1, refs.size()),
                refs, [&](const db::Row& r) {
                  LearningRecord x = kRecordRow.read(r);
                  existing.emplace(x.source_ref, std::move(x));
                  return true;
                }));
    db::Params inserts;
    size_t insert_rows = 0;
    for (size_t i = start; i < end; ++i) {
      const LearningRecord& r = records[i];
      if (!seen.insert(r.source_ref).second) {
        ++out.unchanged;  // the same reference twice in one call: the first stands
        continue;
      }
      auto old = existing.find(r.source_ref);
      if (old == existing.end()) {
        append_record_params(inserts, r, now);
        ++insert_rows;
        TotalDelta& d = deltas[{r.asn_id, r.completed_on.year}];
        d.jp_e2 += r.jp_e2;
        ++d.records;
        ++out.inserted;
      } else if (same_content(old->second, r)) {
        ++out.unchanged;
      } else {
        const LearningRecord& was = old->second;
        TRY(tx.exec(
            "UPDATE learning_records SET asn_id = ?, year = ?, verb = ?, title = ?, activity_type "
            "= ?, "
            "completed_on = ?, minutes = ?, jp_e2 = ?, score = ?, passed = ?, recorded_at = ? "
            "WHERE id = ?",
            {r.asn_id, r.completed_on.year, r.verb, r.title, r.activity_type,
             format_date(r.completed_on), r.minutes, r.jp_e2,
             r.score ? db::Value(*r.score) : db::Value(), optional_bool(r.passed), now, was.id}));
        TotalDelta& minus = deltas[{was.asn_id, was.completed_on.year}];
        minus.jp_e2 -= was.jp_e2;
        --minus.records;
        TotalDelta& plus = deltas[{r.asn_id, r.completed_on.year}];
        plus.jp_e2 += r.jp_e2;
        ++plus.records;
        ++out.updated;
      }
    }
    if (insert_rows > 0) {
      TRY(
          tx.exec("INSERT INTO learning_records (asn_id, year, source, source_ref, verb, title, "
                  "activity_type, "
                  "completed_on, minutes, jp_e2, score, passed, recorded_at) VALUES " +
                      row_placeholders(insert_rows, 13),
                  inserts));
    }
  }
  TRY(apply_totals(tx, deltas));
  return out;
}

Status remove_learning(db::Tx& tx, const std::string& source_ref) {
  auto row = TRY(
      tx.query_one("SELECT " + kRecordRow.columns() + " FROM learning_records WHERE source_ref = ?",
                   {source_ref}));
  if (!row) return {};
  const LearningRecord was = kRecordRow.read(*row);
  TRY(tx.exec("DELETE FROM learning_records WHERE id = ?", {was.id}));
  return apply_totals(tx, {{{was.asn_id, was.completed_on.year}, TotalDelta{-was.jp_e2, -1}}});
}

Result<std::vector<LearningRecord>> records_of(db::Tx& tx, int64_t asn_id, int year) {
  std::vector<LearningRecord> out;
  TRY(tx.each("SELECT " + kRecordRow.columns() +
                  " FROM learning_records WHERE asn_id = ? AND year = ? "
                  "ORDER BY completed_on DESC, id DESC",
              {asn_id, year}, [&](const db::Row& r) {
                out.push_back(kRecordRow.read(r));
                return true;
              }));
  return out;
}

Result<int64_t> jp_of(db::Tx& tx, int64_t asn_id, int year) {
  return tx.scalar_i64("SELECT jp_e2 FROM jp_totals WHERE asn_id = ? AND year = ?", {asn_id, year});
}

Result<std::vector<UnitCompliance>> compliance(db::Tx& tx, int64_t instansi_id, int year,
                                               const std::string& prefix) {
  std::map<int64_t, UnitCompliance> by_unit;
  db::Params up{instansi_id};
  const std::string filter = db::prefix_condition("path", prefix, up);
  std::vector<int64_t> order;
  TRY(tx.each(
      "SELECT id, code, name, path FROM units WHERE instansi_id = ?" + filter + " ORDER BY path",
      up, [&](const db::Row& r) {
        by_unit[r.i64(0)] = UnitCompliance{r.i64(0), r.text(1), r.text(2), r.text(3)};
        order.push_back(r.i64(0));
        return true;
      }));
  // Counts kept per unit by triggers (migrations/0007): a few rows a unit, whatever the
  // number of people. A subtree reads only its own units.
  const std::string in_subtree =
      prefix.empty() ? ""
                     : " AND unit_id IN (SELECT id FROM units WHERE instansi_id = ?" + filter + ")";
  db::Params head_params{instansi_id};
  if (!prefix.empty()) head_params.insert(head_params.end(), up.begin(), up.end());
  TRY(tx.each(
      "SELECT unit_id, active_people FROM unit_headcounts WHERE instansi_id = ?" + in_subtree,
      head_params, [&](const db::Row& r) {
        auto it = by_unit.find(r.i64(0));
        if (it != by_unit.end()) it->second.people = r.i64(1);
        return true;
      }));
  db::Params total_params{instansi_id, year};
  if (!prefix.empty()) total_params.insert(total_params.end(), up.begin(), up.end());
  TRY(tx.each("SELECT unit_id, met, jp_e2 FROM jp_unit_years WHERE instansi_id = ? AND year = ?" +
                  in_subtree,
              total_params, [&](const db::Row& r) {
                auto it = by_unit.find(r.i64(0));
                if (it != by_unit.end()) {
                  it->second.met = r.i64(1);
                  it->second.jp_e2 = r.i64(2);
                }
                return true;
              }));
  std::vector<UnitCompliance> out;
  for (int64_t id : order) {
    if (by_unit[id].people > 0) out.push_back(by_unit[id]);
  }
  return out;
}

Result<std::vector<PersonJp>> people_below(db::Tx& tx, const BelowQuery& q) {
  db::Params p{q.year, q.instansi_id};
  std::string where;
  if (q.unit_id) {
    where = " AND a.unit_id = ?";
    p.emplace_back(*q.unit_id);
  } else {
    where = db::prefix_condition("u.path", q.unit_path_prefix, p);
  }
  p.insert(p.end(), {kYearlyRightE2, q.limit, q.offset});
  std::vector<PersonJp> out;
  TRY(tx.each(
      "SELECT a.id, a.nip, a.name, u.name, COALESCE(t.jp_e2, 0) AS jp FROM asn a JOIN units u ON "
      "u.id = a.unit_id "
      "LEFT JOIN jp_totals t ON t.asn_id = a.id AND t.year = ? WHERE a.instansi_id = ? AND "
      "a.active = 1" +
          where + " AND COALESCE(t.jp_e2, 0) < ? ORDER BY jp, a.name_key, a.id LIMIT ? OFFSET ?",
      p, [&](const db::Row& r) {
        out.push_back({r.i64(0), r.text(1), r.text(2), r.text(3), r.i64(4)});
        return true;
      }));
  return out;
}

Status each_person_jp(db::Tx& tx, int64_t instansi_id, int year, const std::string& prefix,
                      const std::function<bool(const PersonJp&)>& each) {
  db::Params p{year, instansi_id};
  const std::string where = db::prefix_condition("u.path", prefix, p);
  return tx.each(
      "SELECT a.id, a.nip, a.name, u.name, COALESCE(t.jp_e2, 0) FROM asn a JOIN units u ON u.id = "
      "a.unit_id "
      "LEFT JOIN jp_totals t ON t.asn_id = a.id AND t.year = ? WHERE a.instansi_id = ? AND "
      "a.active = 1" +
          where + " ORDER BY u.path, a.name_key, a.id",
      p, [&](const db::Row& r) {
        return each(PersonJp{r.i64(0), r.text(1), r.text(2), r.text(3), r.i64(4)});
      });
}

// ---- programmes and classes ----

Result<int64_t> insert_programme(db::Tx& tx, const Programme& p, int64_t now) {
  auto taken = TRY(tx.query_one("SELECT id FROM programmes WHERE instansi_id = ? AND code = ?",
                                {p.instansi_id, p.code}));
  if (taken) return Error::field("code", "learning.code_taken", {{"code", p.code}});
  return tx.insert_returning_id(
      "INSERT INTO programmes (instansi_id, code, title, type, mode, jp_e2, items, organiser, "
      "description, active, "
      "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {p.instansi_id, p.code, p.title, enum_name(p.type), enum_name(p.mode), p.jp_e2,
       db::join_codes(p.items), p.organiser, p.description, p.active, now, now});
}

Status update_programme(db::Tx& tx, const Programme& p, int64_t now) {
  TRY(
      tx.exec("UPDATE programmes SET title = ?, type = ?, mode = ?, jp_e2 = ?, items = ?, "
              "organiser = ?, description = ?, "
              "active = ?, updated_at = ? WHERE id = ?",
              {p.title, enum_name(p.type), enum_name(p.mode), p.jp_e2, db::join_codes(p.items),
               p.organiser, p.description, p.active, now, p.id}));
  return {};
}

Result<std::optional<Programme>> find_programme(db::Tx& tx, int64_t instansi_id,
                                                const std::string& code) {
  return kProgrammeRow.one(tx, kProgrammeSelect + "WHERE p.instansi_id = ? AND p.code = ?",
                           {instansi_id, code});
}

Result<std::optional<Programme>> find_programme_by_id(db::Tx& tx, int64_t id) {
  return kProgrammeRow.one(tx, kProgrammeSelect + "WHERE p.id = ?", {id});
}

Result<std::vector<Programme>> list_programmes(db::Tx& tx, int64_t instansi_id,
                                               bool include_inactive) {
  return kProgrammeRow.all(tx,
                           kProgrammeSelect + "WHERE p.instansi_id = ?" +
                               (include_inactive ? "" : " AND p.active = 1") +
                               " ORDER BY p.title, p.id",
                           {instansi_id});
}

Result<int64_t> insert_class(db::Tx& tx, const ClassSession& c, int64_t now) {
  return tx.insert_returning_id(
      "INSERT INTO classes (programme_id, starts_on, ends_on, place, link, capacity, "
      "self_registration, status, "
      "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {c.programme_id, c.starts_on, c.ends_on, c.place, c.link, c.capacity, c.self_registration,
       enum_name(c.status), now, now});
}

Status update_class(db::Tx& tx, const ClassSession& c, int64_t now) {
  TRY(
      tx.exec("UPDATE classes SET starts_on = ?, ends_on = ?, place = ?, link = ?, capacity = ?, "
              "self_registration = ?, "
              "status = ?, updated_at = ? WHERE id = ?",
              {c.starts_on, c.ends_on, c.place, c.link, c.capacity, c.self_registration,
               enum_name(c.status), now, c.id}));
  return {};
}

Result<std::optional<ClassSession>> find_class(db::Tx& tx, int64_t class_id) {
  auto row = TRY(
      tx.query_one("SELECT " + kClassRow.columns() + " FROM classes c WHERE c.id = ?", {class_id}));
  if (!row) return std::optional<ClassSession>();
  return std::optional<ClassSession>(kClassRow.read(*row));
}

Result<std::vector<ClassRow>> list_classes(db::Tx& tx, int64_t programme_id) {
  std::vector<ClassRow> out;
  TRY(tx.each("SELECT " + kClassRow.columns() +
                  ", (SELECT COUNT(*) FROM enrolments e WHERE e.class_id = c.id AND e.status "
                  "IN ('enrolled', 'completed')), (SELECT COUNT(*) FROM enrolments e WHERE "
                  "e.class_id = c.id "
                  "AND e.status = "
                  "'requested') FROM classes c WHERE c.programme_id = ? ORDER BY c.starts_on DESC, "
                  "c.id DESC",
              {programme_id}, [&](const db::Row& r) {
                out.push_back({kClassRow.read(r), static_cast<int>(r.i64(kClassRow.size())),
                               static_cast<int>(r.i64(kClassRow.size() + 1))});
                return true;
              }));
  return out;
}

Result<std::vector<OpenClass>> open_classes(db::Tx& tx, int64_t instansi_id,
                                            const std::string& today) {
  std::vector<OpenClass> out;
  TRY(tx.each("SELECT " + kClassRow.columns() +
                  ", (SELECT COUNT(*) FROM enrolments e WHERE e.class_id = c.id AND e.status "
                  "IN ('enrolled', 'completed')), " +
                  kProgrammeRow.columns() +
                  " FROM classes c JOIN programmes p ON p.id = c.programme_id "
                  "WHERE p.instansi_id = ? AND p.active = 1 AND c.status = 'planned' AND "
                  "c.self_registration = 1 AND c.starts_on >= ? ORDER BY c.starts_on, c.id",
              {instansi_id, today}, [&](const db::Row& r) {
                const size_t seats = kClassRow.size();
                out.push_back({ClassRow{kClassRow.read(r), static_cast<int>(r.i64(seats)), 0},
                               kProgrammeRow.read(r, seats + 1)});
                return true;
              }));
  return out;
}

// ---- enrolments ----

Result<std::optional<Enrolment>> find_enrolment(db::Tx& tx, int64_t class_id, int64_t asn_id) {
  auto rows =
      TRY(enrolments_where(tx, "WHERE e.class_id = ? AND e.asn_id = ?", {class_id, asn_id}));
  if (rows.empty()) return std::optional<Enrolment>();
  return std::optional<Enrolment>(std::move(rows[0]));
}

Result<std::optional<Enrolment>> find_enrolment_by_id(db::Tx& tx, int64_t id) {
  auto rows = TRY(enrolments_where(tx, "WHERE e.id = ?", {id}));
  if (rows.empty()) return std::optional<Enrolment>();
  return std::optional<Enrolment>(std::move(rows[0]));
}

Result<std::vector<Enrolment>> class_enrolments(db::Tx& tx, int64_t class_id) {
  return enrolments_where(tx, "WHERE e.class_id = ? ORDER BY a.name_key, e.id", {class_id});
}

Result<std::vector<MyEnrolment>> enrolments_of(db::Tx& tx, int64_t asn_id) {
  return my_enrolments_where(tx, "WHERE e.asn_id = ? ORDER BY c.starts_on DESC, e.id DESC",
                             {asn_id});
}

Result<std::vector<MyEnrolment>> requests_under(db::Tx& tx, int64_t instansi_id,
                                                const std::string& prefix) {
  db::Params p{instansi_id};
  const std::string filter = db::prefix_condition("u.path", prefix, p);
  return my_enrolments_where(tx,
                             "WHERE a.instansi_id = ? AND e.status = 'requested'" + filter +
                                 " ORDER BY c.starts_on, a.name_key",
                             p);
}

int seats_taken(const std::vector<Enrolment>& enrolments) {
  return static_cast<int>(std::count_if(enrolments.begin(), enrolments.end(),
                                        [](const Enrolment& e) { return holds_seat(e.status); }));
}

Result<int64_t> move_enrolment(db::Tx& tx, const ClassSession& session, int64_t asn_id,
                               EnrolmentStatus to, std::optional<int64_t> user_id,
                               const std::string& note, int64_t now) {
  // The class's row lock: two people cannot take the last seat at once.
  TRY(tx.exec("UPDATE classes SET updated_at = updated_at WHERE id = ?", {session.id}));
  const int64_t taken = TRY(tx.scalar_i64(
      "SELECT COUNT(*) FROM enrolments WHERE class_id = ? AND status IN ('enrolled', 'completed')",
      {session.id}));
  auto current = TRY(tx.query_one(
      "SELECT id, status FROM enrolments WHERE class_id = ? AND asn_id = ?", {session.id, asn_id}));
  if (!current) {
    // A new enrolment starts as a request or directly enrolled.
    if (to != EnrolmentStatus::kRequested && to != EnrolmentStatus::kEnrolled)
      return Error::conflict("learning.not_enrolled");
    if (to == EnrolmentStatus::kEnrolled && taken >= session.capacity)
      return Error::conflict("learning.class_full");
    const bool deciding = to == EnrolmentStatus::kEnrolled;
    return tx.insert_returning_id(
        "INSERT INTO enrolments (class_id, asn_id, status, requested_by, decided_by, note, "
        "created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {session.id, asn_id, enum_name(to), deciding ? db::Value() : db::Value(user_id),
         deciding ? db::Value(user_id) : db::Value(), note, now, now});
  }
  const auto from =
      parse_enum<EnrolmentStatus>(current->text(1)).value_or(EnrolmentStatus::kRequested);
  TRY(check_step(from, to, static_cast<int>(taken), session.capacity));
  TRY(tx.exec(
      "UPDATE enrolments SET status = ?, decided_by = ?, note = ?, updated_at = ? WHERE id = ?",
      {enum_name(to), user_id, note, now, current->i64(0)}));
  return current->i64(0);
}

Status set_result(db::Tx& tx, int64_t enrolment_id, std::optional<int> score,
                  std::optional<bool> passed, int64_t now) {
  TRY(tx.exec("UPDATE enrolments SET score = ?, passed = ?, updated_at = ? WHERE id = ?",
              {score ? db::Value(*score) : db::Value(), optional_bool(passed), now, enrolment_id}));
  return {};
}

Status record_attendance(db::Tx& tx, int64_t class_id, int64_t asn_id, const std::string& day,
                         bool present, std::optional<int64_t> user_id, int64_t now) {
  auto seat = TRY(tx.query_one("SELECT status FROM enrolments WHERE class_id = ? AND asn_id = ?",
                               {class_id, asn_id}));
  if (!seat ||
      !holds_seat(
          parse_enum<EnrolmentStatus>(seat->text(0)).value_or(EnrolmentStatus::kRequested))) {
    return Error::conflict("learning.not_enrolled");
  }
  TRY(tx.exec(
      "INSERT INTO attendance (class_id, asn_id, day, present, recorded_by, recorded_at) VALUES "
      "(?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (class_id, asn_id, day) DO UPDATE SET present = excluded.present, recorded_by = "
      "excluded.recorded_by, recorded_at = excluded.recorded_at",
      {class_id, asn_id, day, present, user_id, now}));
  return {};
}

Result<std::map<int64_t, int>> days_attended(db::Tx& tx, int64_t class_id) {
  std::map<int64_t, int> out;
  TRY(tx.each("SELECT asn_id, SUM(present) FROM attendance WHERE class_id = ? GROUP BY asn_id",
              {class_id}, [&](const db::Row& r) {
                out[r.i64(0)] = static_cast<int>(r.i64(1));
                return true;
              }));
  return out;
}

// ---- certificates ----

Status insert_certificate(db::Tx& tx, const Certificate& c, int64_t now) {
  TRY(
      tx.exec("INSERT INTO certificates (code, enrolment_id, asn_id, programme_title, "
              "completed_on, jp_e2, issued_at) "
              "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (enrolment_id) DO NOTHING",
              {c.code, c.enrolment_id, c.asn_id, c.programme_title, c.completed_on, c.jp_e2, now}));
  return {};
}

namespace {
Result<std::optional<Certificate>> certificate_where(db::Tx& tx, const std::string& where,
                                                     const db::Params& params) {
  auto row = TRY(tx.query_one(
      "SELECT c.code, c.enrolment_id, c.asn_id, c.programme_title, c.completed_on, c.jp_e2, "
      "c.revoked, a.name FROM certificates c JOIN asn a ON a.id = c.asn_id " +
          where,
      params));
  if (!row) return std::optional<Certificate>();
  return std::optional<Certificate>(Certificate{row->text(0), row->i64(1), row->i64(2),
                                                row->text(3), row->text(4), row->i64(5),
                                                row->boolean(6), row->text(7)});
}
}  // namespace

Result<std::optional<Certificate>> find_certificate(db::Tx& tx, const std::string& code) {
  return certificate_where(tx, "WHERE c.code = ?", {code});
}

Result<std::optional<Certificate>> certificate_of_enrolment(db::Tx& tx, int64_t enrolment_id) {
  return certificate_where(tx, "WHERE c.enrolment_id = ?", {enrolment_id});
}

Status link_action(db::Tx& tx, int64_t action_id, int64_t asn_id, int64_t enrolment_id,
                   int64_t now) {
  int64_t changed =
      TRY(tx.exec("UPDATE development_actions SET enrolment_id = ?, status = CASE WHEN status = "
                  "'planned' THEN 'in_progress' ELSE "
                  "status END, updated_at = ? WHERE id = ? AND plan_id IN (SELECT id FROM "
                  "development_plans WHERE asn_id = ?)",
                  {enrolment_id, now, action_id, asn_id}));
  if (changed == 0) return Error::not_found("competency.action_unknown");
  return {};
}

Status complete_linked_actions(db::Tx& tx, int64_t enrolment_id, int64_t now) {
  TRY(
      tx.exec("UPDATE development_actions SET status = 'done', updated_at = ? WHERE enrolment_id = "
              "? AND status <> 'dropped'",
              {now, enrolment_id}));
  return {};
}

// ---- completion ----

Status record_outcome(db::Tx& tx, const ClassSession& session, const Programme& programme,
                      const ClassOutcome& o, const std::string& certificate_code,
                      std::optional<int64_t> user_id, int64_t now) {
  auto e = TRY(find_enrolment(tx, session.id, o.asn_id));
  if (!e) return Error::conflict("learning.not_enrolled");
  const EnrolmentStatus to =
      o.completed ? EnrolmentStatus::kCompleted : EnrolmentStatus::kNotCompleted;
  if (e->status == to) return {};
  TRY(move_enrolment(tx, session, o.asn_id, to, user_id, "", now));
  TRY(set_result(tx, e->id, o.score, o.passed, now));
  if (!o.completed) return {};
  const LearningSettings settings = TRY(load_settings(tx, programme.instansi_id));
  LearningRecord r{.asn_id = o.asn_id,
                   .source = Source::kClass,
                   .source_ref = fmt::format("class:{}:{}", session.id, o.asn_id),
                   .verb = o.passed ? "passed" : "completed",
                   .title = programme.title,
                   .activity_type = std::string(enum_name(programme.type)),
                   .completed_on = *parse_date(session.ends_on),
                   .minutes = std::max<int64_t>(1, programme.jp_e2 * settings.minutes_per_jp / 100),
                   .jp_e2 = programme.jp_e2,
                   .score = o.score,
                   .passed = o.passed};
  TRY(record_learning(tx, {r}, now));
  TRY(insert_certificate(tx,
                         Certificate{.code = certificate_code,
                                     .enrolment_id = e->id,
                                     .asn_id = o.asn_id,
                                     .programme_title = programme.title,
                                     .completed_on = session.ends_on,
                                     .jp_e2 = programme.jp_e2},
                         now));
  return complete_linked_actions(tx, e->id, now);
}

// ---- self-learning claims ----

Result<int64_t> insert_claim(db::Tx& tx, const Claim& c, const std::string& content_type,
                             std::string_view evidence, const std::string& sha256, int64_t now) {
  int64_t id = TRY(tx.insert_returning_id(
      "INSERT INTO learning_claims (asn_id, kind, title, provider, "
      "completed_on, minutes, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {c.asn_id, enum_name(c.kind), c.title, c.provider, c.completed_on, c.minutes, now, now}));
  TRY(tx.exec(
      "INSERT INTO learning_evidence (claim_id, content_type, size, sha256, data_base64) VALUES "
      "(?, ?, ?, ?, ?)",
      {id, content_type, static_cast<int64_t>(evidence.size()), sha256, base64_encode(evidence)}));
  return id;
}

Result<std::optional<Claim>> find_claim(db::Tx& tx, int64_t claim_id) {
  auto row = TRY(tx.query_one(
      "SELECT " + kClaimRow.columns() + " FROM learning_claims c WHERE c.id = ?", {claim_id}));
  if (!row) return std::optional<Claim>();
  return std::optional<Claim>(kClaimRow.read(*row));
}

Result<std::vector<Claim>> claims_of(db::Tx& tx, int64_t asn_id) {
  std::vector<Claim> out;
  TRY(tx.each("SELECT " + kClaimRow.columns() +
                  " FROM learning_claims c WHERE c.asn_id = ? ORDER BY c.id DESC",
              {asn_id}, [&](const db::Row& r) {
                out.push_back(kClaimRow.read(r));
                return true;
              }));
  return out;
}

Result<std::vector<PendingClaim>> claims_under(db::Tx& tx, int64_t instansi_id,
                                               const std::string& prefix) {
  db::Params p{instansi_id};
  const std::string filter = db::prefix_condition("u.path", prefix, p);
  std::vector<PendingClaim> out;
  TRY(tx.each(
      "SELECT " + kClaimRow.columns() +
          ", a.nip, a.name, u.name FROM learning_claims c JOIN asn a ON a.id = c.asn_id "
          "JOIN units u ON u.id = a.unit_id WHERE a.instansi_id = ? AND c.status = 'submitted'" +
          filter + " ORDER BY c.id",
      p, [&](const db::Row& r) {
        out.push_back({kClaimRow.read(r), r.text(kClaimRow.size()), r.text(kClaimRow.size() + 1),
                       r.text(kClaimRow.size() + 2)});
        return true;
      }));
  return out;
}

Status decide_claim(db::Tx& tx, int64_t claim_id, ClaimStatus to, std::optional<int64_t> user_id,
                    const std::string& note, int64_t now) {
  int64_t changed = TRY(tx.exec(
      "UPDATE learning_claims SET status = ?, decided_by = ?, decision_note = ?, updated_at = ? "
      "WHERE id = ? AND status = 'submitted'",
      {enum_name(to), user_id, note, now, claim_id}));
  if (changed == 0) return Error::conflict("learning.claim_decided");
  return {};
}

Result<std::optional<Evidence>> evidence_of(db::Tx& tx, int64_t claim_id) {
  auto row = TRY(tx.query_one(
      "SELECT content_type, data_base64 FROM learning_evidence WHERE claim_id = ?", {claim_id}));
  if (!row) return std::optional<Evidence>();
  auto data = base64_decode(row->text(1));
  if (!data) return Error::internal("stored evidence is not base64");
  return std::optional<Evidence>(Evidence{row->text(0), std::move(*data)});
}

}  // namespace harmoni::learning
