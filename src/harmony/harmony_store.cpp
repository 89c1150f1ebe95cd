#include "harmony/harmony_store.hpp"

#include <limits>
#include <nlohmann/json.hpp>

#include "platform/db/row_map.hpp"

namespace harmoni::harmony {
namespace {

using db::date_value;
using db::name_value;
using db::text_or_null;
using nlohmann::json;

std::string name_of(auto e) { return std::string(enum_name(e)); }

const db::RowMap<Case> kCaseRow{{"c.id", &Case::id},
                                {"c.instansi_id", &Case::instansi_id},
                                {"c.unit_id", &Case::unit_id},
                                {"c.setting", &Case::setting},
                                {"COALESCE(c.region_code, '')", &Case::region_code},
                                {"c.kind", &Case::kind},
                                {"c.dimension", &Case::dimension},
                                {"c.origin", &Case::origin},
                                {"c.complaint_id", &Case::complaint_id},
                                {"c.title", &Case::title},
                                {"c.summary", &Case::summary},
                                {"c.status", &Case::status},
                                {"c.outcome", &Case::outcome},
                                {"c.referral", &Case::referral},
                                {"c.outcome_reason", &Case::outcome_reason},
                                {"c.rule", &Case::rule},
                                {"c.handler_user_id", &Case::handler_user_id},
                                {"c.opened_on", &Case::opened_on},
                                {"c.closed_on", &Case::closed_on},
                                {"u.name", &Case::unit_name},
                                {"u.path", &Case::unit_path}};
const std::string kCaseSelect =
    "SELECT " + kCaseRow.columns() + " FROM harmony_cases c JOIN units u ON u.id = c.unit_id ";

}  // namespace

Result<Settings> load_settings(db::Tx& tx, int64_t instansi_id) {
  auto row = TRY(
      tx.query_one("SELECT min_group, study_minutes FROM harmony_settings WHERE instansi_id = ?",
                   {instansi_id}));
  if (!row) return Settings{};
  return Settings{static_cast<int>(row->i64(0)), static_cast<int>(row->i64(1))};
}

Status save_settings(db::Tx& tx, int64_t instansi_id, const Settings& s, int64_t now) {
  TRY(tx.exec(
      "INSERT INTO harmony_settings (instansi_id, min_group, study_minutes, updated_at) VALUES "
      "(?, ?, ?, ?) ON CONFLICT (instansi_id) DO UPDATE SET min_group = excluded.min_group, "
      "study_minutes = excluded.study_minutes, updated_at = excluded.updated_at",
      {instansi_id, s.min_group, s.study_minutes, now}));
  return {};
}

Result<int64_t> insert_case(db::Tx& tx, const Case& c, int64_t now) {
  return tx.insert_returning_id(
      "INSERT INTO harmony_cases (instansi_id, unit_id, setting, region_code, kind, dimension, "
      "origin, complaint_id, title, summary, status, handler_user_id, opened_on, created_at, "
      "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {c.instansi_id, c.unit_id, name_of(c.setting), text_or_null(c.region_code), name_of(c.kind),
       name_value(c.dimension), name_of(c.origin), c.complaint_id, c.title, c.summary,
       name_of(c.status), c.handler_user_id, format_date(c.opened_on), now, now});
}

Status update_case(db::Tx& tx, const Case& c, int64_t now) {
  TRY(tx.exec(
      "UPDATE harmony_cases SET unit_id = ?, setting = ?, region_code = ?, kind = ?, dimension = "
      "?, title = ?, summary = ?, status = ?, outcome = ?, referral = ?, outcome_reason = ?, rule "
      "= ?, handler_user_id = ?, closed_on = ?, updated_at = ? WHERE id = ?",
      {c.unit_id, name_of(c.setting), text_or_null(c.region_code), name_of(c.kind),
       name_value(c.dimension), c.title, c.summary, name_of(c.status), name_value(c.outcome),
       name_value(c.referral), c.outcome_reason, c.rule, c.handler_user_id, date_value(c.closed_on),
       now, c.id}));
  return {};
}

Result<std::optional<Case>> find_case(db::Tx& tx, int64_t id) {
  return kCaseRow.one(tx, kCaseSelect + "WHERE c.id = ?", {id});
}

Result<std::optional<int64_t>> case_of_complaint(db::Tx& tx, int64_t complaint_id) {
  auto row =
      TRY(tx.query_one("SELECT id FROM harmony_cases WHERE complaint_id = ?", {complaint_id}));
  if (!row) return std::optional<int64_t>{};
  return std::optional<int64_t>{row->i64(0)};
}

Result<std::vector<Case>> list_cases(db::Tx& tx, const CaseQuery& q) {
  // One statement for every filter: "any", "open" (not closed) or a status's name.
  const std::string status = q.status ? name_of(*q.status) : q.open_only ? "open" : "any";
  return kCaseRow.all(
      tx,
      kCaseSelect +
          "WHERE c.instansi_id = ? AND u.path LIKE ? AND (CAST(? AS TEXT) = 'any' OR c.status = ? "
          "OR (CAST(? AS TEXT) = 'open' AND c.status <> 'closed')) AND c.id < ? ORDER BY c.id "
          "DESC LIMIT ?",
      {q.instansi_id, q.unit_path_prefix + "%", status, status, status,
       q.before_id.value_or(std::numeric_limits<int64_t>::max()), q.limit});
}

Result<std::vector<Case>> cases_of_party(db::Tx& tx, int64_t asn_id) {
  return kCaseRow.all(tx,
                      kCaseSelect +
                          "WHERE c.id IN (SELECT case_id FROM harmony_parties WHERE asn_id = ?) "
                          "ORDER BY c.id DESC",
                      {asn_id});
}

Result<std::vector<Case>> closed_cases_like(db::Tx& tx, const Case& c, int limit) {
  return kCaseRow.all(tx,
                      kCaseSelect +
                          "WHERE c.instansi_id = ? AND c.status = 'closed' AND c.id <> ? AND "
                          "(c.kind = ? OR c.dimension = ?) ORDER BY c.closed_on DESC, c.id DESC "
                          "LIMIT ?",
                      {c.instansi_id, c.id, name_of(c.kind), name_value(c.dimension), limit});
}

Status add_step(db::Tx& tx, int64_t case_id, const StepRecord& s) {
  TRY(
      tx.exec("INSERT INTO harmony_steps (case_id, at_ms, step, actor_user_id, note) VALUES (?, ?, "
              "?, ?, ?)",
              {case_id, s.at_ms, name_of(s.step), s.actor_user_id, s.note}));
  return {};
}

Result<std::vector<StepRecord>> steps_of(db::Tx& tx, int64_t case_id) {
  static const db::RowMap<StepRecord> kRow{
      {"s.at_ms", &StepRecord::at_ms},
      {"s.step", &StepRecord::step},
      {"s.actor_user_id", &StepRecord::actor_user_id},
      {"s.note", &StepRecord::note},
      {"COALESCE(us.display_name, '')", &StepRecord::actor_name}};
  return kRow.all(tx,
                  "SELECT " + kRow.columns() +
                      " FROM harmony_steps s LEFT JOIN users us ON us.id = s.actor_user_id WHERE "
                      "s.case_id = ? ORDER BY s.id",
                  {case_id});
}

Result<int64_t> insert_party(db::Tx& tx, int64_t case_id, const Party& p, int64_t now) {
  return tx.insert_returning_id(
      "INSERT INTO harmony_parties (case_id, kind, asn_id, side, added_at) VALUES (?, ?, ?, ?, ?) "
      "RETURNING id",
      {case_id, name_of(p.kind), p.asn_id, p.side, now});
}

Result<std::vector<Party>> parties_of(db::Tx& tx, int64_t case_id) {
  static const db::RowMap<Party> kRow{{"p.id", &Party::id},
                                      {"p.kind", &Party::kind},
                                      {"p.asn_id", &Party::asn_id},
                                      {"p.side", &Party::side},
                                      {"COALESCE(a.name, '')", &Party::asn_name}};
  return kRow.all(tx,
                  "SELECT " + kRow.columns() +
                      " FROM harmony_parties p LEFT JOIN asn a ON a.id = p.asn_id WHERE "
                      "p.case_id = ? ORDER BY p.side, p.id",
                  {case_id});
}

Result<int64_t> insert_finding(db::Tx& tx, int64_t case_id, const Finding& f,
                               std::optional<int64_t> author) {
  return tx.insert_returning_id(
      "INSERT INTO harmony_findings (case_id, is_fact, text, source, source_detail, side, "
      "author_user_id, at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {case_id, f.is_fact, f.text, name_value(f.source), f.source_detail, f.side, author, f.at_ms});
}

Result<std::vector<Finding>> findings_of(db::Tx& tx, int64_t case_id) {
  static const db::RowMap<Finding> kRow{{"id", &Finding::id},
                                        {"is_fact", &Finding::is_fact},
                                        {"text", &Finding::text},
                                        {"source", &Finding::source},
                                        {"source_detail", &Finding::source_detail},
                                        {"side", &Finding::side},
                                        {"at_ms", &Finding::at_ms}};
  return kRow.all(tx,
                  "SELECT " + kRow.columns() +
                      " FROM harmony_findings WHERE case_id = ? ORDER BY is_fact DESC, id",
                  {case_id});
}

Result<int64_t> insert_cause(db::Tx& tx, int64_t case_id, const Cause& c,
                             std::optional<int64_t> author) {
  return tx.insert_returning_id(
      "INSERT INTO harmony_causes (case_id, category, whys, author_user_id, at_ms) VALUES (?, ?, "
      "?, ?, ?) RETURNING id",
      {case_id, name_of(c.category), json(c.whys).dump(), author, c.at_ms});
}

Result<std::vector<Cause>> causes_of(db::Tx& tx, int64_t case_id) {
  static const db::RowMap<Cause> kRow{{"id", &Cause::id},
                                      {"category", &Cause::category},
                                      {"whys",
                                       [](Cause& c, const db::Row& r, size_t i) {
                                         json j = json::parse(r.text(i), nullptr, false);
                                         if (j.is_array())
                                           for (const auto& w : j)
                                             if (w.is_string())
                                               c.whys.push_back(w.get<std::string>());
                                       }},
                                      {"at_ms", &Cause::at_ms}};
  return kRow.all(tx,
                  "SELECT " + kRow.columns() + " FROM harmony_causes WHERE case_id = ? ORDER BY id",
                  {case_id});
}

Result<int64_t> insert_session(db::Tx& tx, int64_t case_id, const Session& s,
                               std::optional<int64_t> author, int64_t now) {
  json needs = json::array();
  for (const Need& n : s.needs) needs.push_back({{"side", n.side}, {"text", n.text}});
  return tx.insert_returning_id(
      "INSERT INTO harmony_sessions (case_id, held_on, facilitator_asn_id, sides, needs, notes, "
      "author_user_id, at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {case_id, format_date(s.held_on), s.facilitator_asn_id, json(s.sides_present).dump(),
       needs.dump(), s.notes, author, now});
}

Result<std::vector<Session>> sessions_of(db::Tx& tx, int64_t case_id) {
  static const db::RowMap<Session> kRow{
      {"s.id", &Session::id},
      {"s.held_on", &Session::held_on},
      {"s.facilitator_asn_id", &Session::facilitator_asn_id},
      {"s.sides",
       [](Session& s, const db::Row& r, size_t i) {
         json j = json::parse(r.text(i), nullptr, false);
         if (j.is_array())
           for (const auto& v : j)
             if (v.is_number_integer()) s.sides_present.push_back(v.get<int>());
       }},
      {"s.needs",
       [](Session& s, const db::Row& r, size_t i) {
         json j = json::parse(r.text(i), nullptr, false);
         if (j.is_array())
           for (const auto& v : j)
             if (v.is_object())
               s.needs.push_back({v.value("side", 1), v.value("text", std::string())});
       }},
      {"s.notes", &Session::notes},
      {"COALESCE(a.name, '')", &Session::facilitator_name}};
  return kRow.all(tx,
                  "SELECT " + kRow.columns() +
                      " FROM harmony_sessions s LEFT JOIN asn a ON a.id = s.facilitator_asn_id "
                      "WHERE s.case_id = ? ORDER BY s.held_on, s.id",
                  {case_id});
}

namespace {

const db::RowMap<Agreement> kAgreementRow{{"g.id", &Agreement::id},
                                          {"g.session_id", &Agreement::session_id},
                                          {"g.text", &Agreement::text},
                                          {"g.owner_asn_id", &Agreement::owner_asn_id},
                                          {"g.due_on", &Agreement::due_on},
                                          {"g.state", &Agreement::state},
                                          {"g.checked_on", &Agreement::checked_on},
                                          {"g.check_note", &Agreement::check_note},
                                          {"COALESCE(a.name, '')", &Agreement::owner_name}};
const std::string kAgreementFrom =
    " FROM harmony_agreements g LEFT JOIN asn a ON a.id = g.owner_asn_id ";

}  // namespace

Result<int64_t> insert_agreement(db::Tx& tx, int64_t case_id, const Agreement& a, int64_t now) {
  return tx.insert_returning_id(
      "INSERT INTO harmony_agreements (case_id, session_id, text, owner_asn_id, due_on, state, "
      "at_ms) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {case_id, a.session_id, a.text, a.owner_asn_id, format_date(a.due_on), name_of(a.state),
       now});
}

Status update_agreement(db::Tx& tx, const Agreement& a) {
  TRY(tx.exec(
      "UPDATE harmony_agreements SET state = ?, checked_on = ?, check_note = ?, due_on = ? WHERE "
      "id = ?",
      {name_of(a.state), date_value(a.checked_on), a.check_note, format_date(a.due_on), a.id}));
  return {};
}

Result<std::optional<std::pair<int64_t, Agreement>>> find_agreement(db::Tx& tx, int64_t id) {
  auto row = TRY(tx.query_one(
      "SELECT " + kAgreementRow.columns() + ", g.case_id" + kAgreementFrom + "WHERE g.id = ?",
      {id}));
  if (!row) return std::optional<std::pair<int64_t, Agreement>>{};
  return std::optional<std::pair<int64_t, Agreement>>{
      {row->i64(kAgreementRow.size()), kAgreementRow.read(*row)}};
}

Result<std::vector<Agreement>> agreements_of(db::Tx& tx, int64_t case_id) {
  return kAgreementRow.all(
      tx,
      "SELECT " + kAgreementRow.columns() + kAgreementFrom + "WHERE g.case_id = ? ORDER BY g.id",
      {case_id});
}

Result<std::optional<int64_t>> user_of_asn(db::Tx& tx, int64_t asn_id) {
  auto row = TRY(tx.query_one("SELECT id FROM users WHERE asn_id = ? AND active = 1", {asn_id}));
  if (!row) return std::optional<int64_t>{};
  return std::optional<int64_t>{row->i64(0)};
}

Result<std::vector<OverdueAgreement>> overdue_untold(db::Tx& tx, const Date& today) {
  std::vector<OverdueAgreement> out;
  const size_t n = kAgreementRow.size();
  TRY(tx.each("SELECT " + kAgreementRow.columns() +
                  ", c.id, c.instansi_id, c.unit_id, c.handler_user_id" + kAgreementFrom +
                  "JOIN harmony_cases c ON c.id = g.case_id WHERE g.state <> 'kept' AND g.due_on "
                  "< ? AND (g.notified_on IS NULL OR g.notified_on < g.due_on) AND c.status <> "
                  "'closed' ORDER BY g.id",
              {format_date(today)}, [&](const db::Row& r) {
                out.push_back({r.i64(n), r.i64(n + 1), r.i64(n + 2), r.opt_i64(n + 3),
                               kAgreementRow.read(r)});
                return true;
              }));
  return out;
}

Status mark_agreement_told(db::Tx& tx, int64_t agreement_id, const Date& today) {
  TRY(tx.exec("UPDATE harmony_agreements SET notified_on = ? WHERE id = ?",
              {format_date(today), agreement_id}));
  return {};
}

namespace {

const db::RowMap<WatchNote> kWatchRow{{"w.id", &WatchNote::id},
                                      {"w.instansi_id", &WatchNote::instansi_id},
                                      {"w.unit_id", &WatchNote::unit_id},
                                      {"COALESCE(w.region_code, '')", &WatchNote::region_code},
                                      {"w.note", &WatchNote::note},
                                      {"w.review_on", &WatchNote::review_on},
                                      {"w.closed", &WatchNote::closed},
                                      {"w.author_user_id", &WatchNote::author_user_id},
                                      {"w.created_on", &WatchNote::created_on},
                                      {"COALESCE(u.name, '')", &WatchNote::unit_name}};
const std::string kWatchSelect =
    "SELECT " + kWatchRow.columns() +
    " FROM harmony_watch_notes w LEFT JOIN units u ON u.id = w.unit_id ";

}  // namespace

Result<int64_t> insert_watch_note(db::Tx& tx, const WatchNote& w, int64_t now) {
  return tx.insert_returning_id(
      "INSERT INTO harmony_watch_notes (instansi_id, unit_id, region_code, note, review_on, "
      "author_user_id, created_on, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {w.instansi_id, w.unit_id, text_or_null(w.region_code), w.note, format_date(w.review_on),
       w.author_user_id, format_date(w.created_on), now});
}

Status close_watch_note(db::Tx& tx, int64_t id, int64_t now) {
  TRY(tx.exec("UPDATE harmony_watch_notes SET closed = 1, updated_at = ? WHERE id = ?", {now, id}));
  return {};
}

Result<std::optional<WatchNote>> find_watch_note(db::Tx& tx, int64_t id) {
  return kWatchRow.one(tx, kWatchSelect + "WHERE w.id = ?", {id});
}

Result<std::vector<WatchNote>> open_watch_notes(db::Tx& tx, int64_t instansi_id,
                                                const std::string& unit_path_prefix) {
  return kWatchRow.all(tx,
                       kWatchSelect +
                           "WHERE w.instansi_id = ? AND w.closed = 0 AND (u.path LIKE ? OR "
                           "w.unit_id IS NULL) ORDER BY w.review_on, w.id",
                       {instansi_id, unit_path_prefix + "%"});
}

Result<std::vector<WatchNote>> reviews_untold(db::Tx& tx, const Date& today) {
  return kWatchRow.all(tx,
                       kWatchSelect +
                           "WHERE w.closed = 0 AND w.review_on <= ? AND (w.notified_on IS NULL OR "
                           "w.notified_on < w.review_on) ORDER BY w.id",
                       {format_date(today)});
}

Status mark_review_told(db::Tx& tx, int64_t id, const Date& today) {
  TRY(tx.exec("UPDATE harmony_watch_notes SET notified_on = ? WHERE id = ?",
              {format_date(today), id}));
  return {};
}

Result<Overview> overview(db::Tx& tx, int64_t instansi_id, const std::string& unit_path_prefix,
                          const Date& today) {
  Overview o;
  const db::Params scope{instansi_id, unit_path_prefix + "%"};
  const std::string from =
      " FROM harmony_cases c JOIN units u ON u.id = c.unit_id WHERE c.instansi_id = ? AND u.path "
      "LIKE ? ";
  TRY(tx.each("SELECT c.kind, COUNT(*)" + from +
                  "AND c.status <> 'closed' GROUP BY c.kind "
                  "ORDER BY c.kind",
              scope, [&](const db::Row& r) {
                if (auto k = parse_enum<Kind>(r.text(0))) o.open_by_kind.emplace_back(*k, r.i64(1));
                return true;
              }));
  const std::string d30 = format_date(add_days(today, -30));
  const std::string d90 = format_date(add_days(today, -90));
  TRY(tx.each("SELECT c.opened_on" + from + "AND c.status <> 'closed'", scope,
              [&](const db::Row& r) {
                const std::string opened = r.text(0);
                if (opened > d30) {
                  ++o.open_under_30;
                } else if (opened > d90) {
                  ++o.open_30_to_90;
                } else {
                  ++o.open_over_90;
                }
                return true;
              }));
  o.agreements_overdue = TRY(tx.scalar_i64(
      "SELECT COUNT(*) FROM harmony_agreements g JOIN harmony_cases c ON c.id = g.case_id JOIN "
      "units u ON u.id = c.unit_id WHERE c.instansi_id = ? AND u.path LIKE ? AND c.status <> "
      "'closed' AND g.state <> 'kept' AND g.due_on < ?",
      {instansi_id, unit_path_prefix + "%", format_date(today)}));
  TRY(tx.each("SELECT c.dimension, COUNT(*)" + from +
                  "AND c.dimension IS NOT NULL GROUP BY c.dimension ORDER BY c.dimension",
              scope, [&](const db::Row& r) {
                if (auto d = parse_enum<Dimension>(r.text(0)))
                  o.by_dimension.emplace_back(*d, r.i64(1));
                return true;
              }));
  TRY(tx.each("SELECT c.outcome, COUNT(*)" + from + "AND c.status = 'closed' GROUP BY c.outcome",
              scope, [&](const db::Row& r) {
                const std::string outcome = r.text(0);
                if (outcome == "resolved") o.closed_resolved = r.i64(1);
                if (outcome == "partly_resolved") o.closed_partly = r.i64(1);
                if (outcome == "referred") o.closed_referred = r.i64(1);
                return true;
              }));
  return o;
}

}  // namespace harmoni::harmony
