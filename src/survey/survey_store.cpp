#include "survey/survey_store.hpp"

#include <fmt/format.h>

#include "platform/auth/password.hpp"
#include "platform/db/sql_text.hpp"
#include "platform/embedded.hpp"

namespace harmoni::survey {
namespace {

constexpr std::string_view kBuiltinCode = "SKM-2017";

// "u1_1, u1_2, ..., u9_4": answer counts per element and answer.
const std::string& count_columns() {
  static const std::string cols = [] {
    std::string s;
    for (int e = 1; e <= kElements; ++e) {
      for (int a = 1; a <= kScale; ++a) s += fmt::format("{}u{}_{}", s.empty() ? "" : ", ", e, a);
    }
    return s;
  }();
  return cols;
}

const std::string& upsert_counts_sql() {
  static const std::string sql = [] {
    std::string placeholders, updates;
    for (int e = 1; e <= kElements; ++e) {
      for (int a = 1; a <= kScale; ++a) {
        placeholders += ", ?";
        updates += fmt::format(", u{0}_{1} = skm_counts.u{0}_{1} + excluded.u{0}_{1}", e, a);
      }
    }
    return fmt::format(
        "INSERT INTO skm_counts (scope, scope_id, grain, period, service_id, officer_asn_id, "
        "respondents, {}) "
        "VALUES (?, ?, ?, ?, ?, ?, ?{}) ON CONFLICT (scope, scope_id, grain, period, service_id, "
        "officer_asn_id) "
        "DO UPDATE SET respondents = skm_counts.respondents + excluded.respondents{}",
        count_columns(), placeholders, updates);
  }();
  return sql;
}

const std::string& sum_counts_sql() {
  static const std::string sql = [] {
    std::string sums = "SUM(respondents)";
    for (int e = 1; e <= kElements; ++e) {
      for (int a = 1; a <= kScale; ++a) sums += fmt::format(", SUM(u{}_{})", e, a);
    }
    return "SELECT " + sums + " FROM skm_counts";
  }();
  return sql;
}

void add_row(AnswerCounts& counts, const db::Row& row) {
  counts.respondents += row.i64(0);
  for (int e = 0; e < kElements; ++e) {
    for (int a = 0; a < kScale; ++a)
      counts.counts[e][a] += row.i64(static_cast<size_t>(1 + e * kScale + a));
  }
}

// The scope row set a query reads, and the filters inside it.
struct Scope {
  std::string name;
  int64_t id;
};

Result<Scope> scope_of(const CountsQuery& q) {
  if (q.unit_id) return Scope{"u", *q.unit_id};
  if (q.officer_asn_id) return Scope{"o", *q.officer_asn_id};
  if (q.instansi_id && !q.service_id) return Scope{"i", *q.instansi_id};
  return Error::internal("counts query without a unit, officer or instansi");
}

}  // namespace

Result<int64_t> builtin_questionnaire_id(db::Tx& tx, int64_t now) {
  auto found = TRY(
      tx.query_one("SELECT id FROM questionnaires WHERE code = ? AND version = 1", {kBuiltinCode}));
  if (found) return found->i64(0);
  auto definition = embedded_file("data/skm/skm2017.json");
  if (!definition) return Error::internal("data/skm/skm2017.json is not embedded");
  return tx.insert_returning_id(
      "INSERT INTO questionnaires (code, version, definition, created_at) VALUES (?, 1, ?, ?) "
      "RETURNING id",
      {kBuiltinCode, std::string(*definition), now});
}

namespace {

// The count rows one response adds to: its unit (per service and officer), its
// instansi and its officer, each per day and per month.
struct CountKey {
  std::string scope;
  int64_t scope_id;
  std::string grain;
  std::string period;
  int64_t service_id;
  int64_t officer_asn_id;
  auto operator<=>(const CountKey&) const = default;
};

template <class F>
void for_each_count_key(const StoredResponse& r, F&& add) {
  const int64_t officer = r.officer_asn_id.value_or(0);
  for (const auto& [grain, period] :
       {std::pair{"d", format_date(r.day)}, std::pair{"m", format_month(r.day)}}) {
    add(CountKey{"u", r.unit_id, grain, period, r.service_id, officer});
    add(CountKey{"i", r.instansi_id, grain, period, 0, 0});
    if (r.officer_asn_id) add(CountKey{"o", officer, grain, period, r.service_id, officer});
  }
}

Status add_counts(db::Tx& tx, const CountKey& k, const AnswerCounts& c) {
  db::Params p{k.scope,      k.scope_id,       k.grain,      k.period,
               k.service_id, k.officer_asn_id, c.respondents};
  for (int e = 0; e < kElements; ++e) {
    for (int a = 0; a < kScale; ++a) p.emplace_back(c.counts[e][a]);
  }
  TRY(tx.exec(upsert_counts_sql(), p));
  return {};
}

AnswerCounts counts_of(const Response& response) {
  AnswerCounts c;
  c.add(response.answers);
  return c;
}

constexpr std::string_view kResponseColumns =
    "unit_id, service_id, officer_asn_id, questionnaire_id, channel, ticket_id, submitted_at_ms, "
    "day, u1, u2, u3, "
    "u4, u5, u6, u7, u8, u9, age_band, sex, education, occupation, suggestion, entered_by_user_id";
constexpr int kResponseColumnCount = 23;

void append_response_params(db::Params& p, const StoredResponse& r) {
  const auto& a = r.response.answers;
  auto answer = [](int v) -> db::Value { return v == 0 ? db::Value() : db::Value(v); };
  p.insert(p.end(), {r.unit_id,
                     r.service_id,
                     r.officer_asn_id,
                     r.questionnaire_id,
                     enum_name(r.channel),
                     r.ticket_id,
                     r.submitted_at_ms,
                     format_date(r.day),
                     answer(a[0]),
                     answer(a[1]),
                     answer(a[2]),
                     answer(a[3]),
                     answer(a[4]),
                     answer(a[5]),
                     answer(a[6]),
                     answer(a[7]),
                     answer(a[8]),
                     r.response.respondent.age_band,
                     r.response.respondent.sex,
                     r.response.respondent.education,
                     r.response.respondent.occupation,
                     r.response.suggestion,
                     r.entered_by_user_id});
}

std::string placeholders(int rows) {
  return db::row_placeholders(static_cast<size_t>(rows), kResponseColumnCount);
}

}  // namespace

Result<int64_t> record_response(db::Tx& tx, const StoredResponse& r) {
  if (r.ticket_id) {
    auto used =
        TRY(tx.query_one("SELECT id FROM skm_responses WHERE ticket_id = ?", {*r.ticket_id}));
    if (used) return Error::conflict("skm.ticket_used");
  }
  db::Params p;
  append_response_params(p, r);
  int64_t id =
      TRY(tx.insert_returning_id("INSERT INTO skm_responses (" + std::string(kResponseColumns) +
                                     ") VALUES " + placeholders(1) + " RETURNING id",
                                 p));
  const AnswerCounts one = counts_of(r.response);
  Status st;
  for_each_count_key(r, [&](const CountKey& k) {
    if (st.ok()) st = add_counts(tx, k, one);
  });
  TRY(st);
  return id;
}

Status record_responses_bulk(db::Tx& tx, const std::vector<StoredResponse>& batch) {
  constexpr size_t kRowsPerStatement = 200;
  std::map<CountKey, AnswerCounts> deltas;
  for (size_t start = 0; start < batch.size(); start += kRowsPerStatement) {
    size_t end = std::min(batch.size(), start + kRowsPerStatement);
    db::Params p;
    for (size_t i = start; i < end; ++i) {
      if (batch[i].ticket_id) return Error::internal("bulk responses cannot carry tickets");
      append_response_params(p, batch[i]);
      const AnswerCounts one = counts_of(batch[i].response);
      for_each_count_key(batch[i], [&](const CountKey& k) { deltas[k].merge(one); });
    }
    TRY(tx.exec("INSERT INTO skm_responses (" + std::string(kResponseColumns) + ") VALUES " +
                    placeholders(static_cast<int>(end - start)),
                p));
  }
  for (const auto& [key, counts] : deltas) TRY(add_counts(tx, key, counts));
  return {};
}

Result<AnswerCounts> load_counts(db::Tx& tx, const CountsQuery& q) {
  Scope scope = TRY(scope_of(q));
  std::string filter =
      " WHERE scope = ? AND scope_id = ? AND grain = ? AND period >= ? AND period <= ?";
  db::Params extra;
  if (scope.name != "i" && q.service_id) {
    filter += " AND service_id = ?";
    extra.emplace_back(*q.service_id);
  }
  if (scope.name == "u" && q.officer_asn_id) {
    filter += " AND officer_asn_id = ?";
    extra.emplace_back(*q.officer_asn_id);
  }
  AnswerCounts counts;
  auto read = [&](const char* grain, const std::string& from, const std::string& to) -> Status {
    db::Params p{scope.name, scope.id, grain, from, to};
    p.insert(p.end(), extra.begin(), extra.end());
    auto row = TRY(tx.query_one(sum_counts_sql() + filter, p));
    if (row) add_row(counts, *row);
    return {};
  };
  for (const auto& [from, to] : q.period.day_ranges) TRY(read("d", from, to));
  if (q.period.month_range)
    TRY(read("m", q.period.month_range->first, q.period.month_range->second));
  return counts;
}

Result<AnswerCounts> load_counts_from_responses(db::Tx& tx, const CountsQuery& q,
                                                const std::string& from, const std::string& to) {
  std::string sql = "SELECT COUNT(*)";
  for (int e = 1; e <= kElements; ++e) {
    for (int a = 1; a <= kScale; ++a)
      sql += fmt::format(", SUM(CASE WHEN r.u{} = {} THEN 1 ELSE 0 END)", e, a);
  }
  sql += " FROM skm_responses r JOIN units un ON un.id = r.unit_id WHERE r.day >= ? AND r.day <= ?";
  db::Params p{from, to};
  if (q.unit_id) {
    sql += " AND r.unit_id = ?";
    p.emplace_back(*q.unit_id);
  } else if (q.instansi_id) {
    sql += " AND un.instansi_id = ?";
    p.emplace_back(*q.instansi_id);
  }
  if (q.service_id) {
    sql += " AND r.service_id = ?";
    p.emplace_back(*q.service_id);
  }
  if (q.officer_asn_id) {
    sql += " AND r.officer_asn_id = ?";
    p.emplace_back(*q.officer_asn_id);
  }
  AnswerCounts counts;
  auto row = TRY(tx.query_one(sql, p));
  if (row) add_row(counts, *row);
  return counts;
}

Result<std::map<int64_t, AnswerCounts>> load_counts_by_officer(db::Tx& tx, int64_t unit_id,
                                                               const PeriodPlan& period) {
  std::map<int64_t, AnswerCounts> out;
  // sum_counts_sql() ends with "FROM skm_counts": put the officer column before it.
  std::string select = sum_counts_sql();
  select.insert(select.rfind(" FROM skm_counts"), ", officer_asn_id");
  select +=
      " WHERE scope = 'u' AND scope_id = ? AND grain = ? AND period >= ? AND period <= ? AND "
      "officer_asn_id <> 0 "
      "GROUP BY officer_asn_id";
  auto read = [&](const char* grain, const std::string& from, const std::string& to) -> Status {
    return tx.each(select, {unit_id, grain, from, to}, [&](const db::Row& row) {
      add_row(out[row.i64(1 + kElements * kScale)], row);
      return true;
    });
  };
  for (const auto& [from, to] : period.day_ranges) TRY(read("d", from, to));
  if (period.month_range) TRY(read("m", period.month_range->first, period.month_range->second));
  return out;
}

Result<std::vector<Suggestion>> suggestions(db::Tx& tx, std::optional<int64_t> unit_id,
                                            std::optional<int64_t> officer_asn_id,
                                            const std::string& from, const std::string& to,
                                            int limit) {
  std::vector<Suggestion> out;
  const char* by = officer_asn_id ? "officer_asn_id = ?" : "unit_id = ?";
  TRY(tx.each(
      std::string("SELECT day, suggestion FROM skm_responses WHERE ") + by +
          " AND day >= ? AND day <= ? AND suggestion <> '' ORDER BY day DESC, id DESC LIMIT ?",
      {officer_asn_id ? *officer_asn_id : unit_id.value_or(0), from, to, limit},
      [&](const db::Row& r) {
        out.push_back({r.text(0), r.text(1)});
        return true;
      }));
  return out;
}

Result<std::vector<std::pair<std::string, int64_t>>> profile_counts(db::Tx& tx, int64_t unit_id,
                                                                    std::string_view item,
                                                                    const std::string& from,
                                                                    const std::string& to) {
  // The column name comes from this fixed list, never from input.
  std::string column;
  for (auto known : kRespondentItems) {
    if (known == item) column = std::string(known);
  }
  if (column.empty()) return Error::internal("unknown profile item");
  std::vector<std::pair<std::string, int64_t>> out;
  TRY(tx.each(
      "SELECT " + column +
          ", COUNT(*) FROM skm_responses WHERE unit_id = ? AND day >= ? AND day <= ? GROUP BY " +
          column + " ORDER BY " + column,
      {unit_id, from, to}, [&](const db::Row& r) {
        out.emplace_back(r.text(0), r.i64(1));
        return true;
      }));
  return out;
}

Result<GuardState> load_guard(db::Tx& tx, const std::string& key, int64_t unit_id,
                              const std::string& day) {
  auto row =
      TRY(tx.query_one("SELECT responses, last_at_ms, last_answers FROM skm_guard WHERE guard_key "
                       "= ? AND unit_id = ? AND day = ?",
                       {key, unit_id, day}));
  if (!row) return GuardState{};
  return GuardState{static_cast<int>(row->i64(0)), row->i64(1), row->text(2)};
}

Status bump_guard(db::Tx& tx, const std::string& key, int64_t unit_id, const std::string& day,
                  int64_t now_ms, const std::string& answers) {
  TRY(tx.exec(
      "INSERT INTO skm_guard (guard_key, unit_id, day, responses, last_at_ms, last_answers) VALUES "
      "(?, ?, ?, 1, ?, ?) "
      "ON CONFLICT (guard_key, unit_id, day) DO UPDATE SET responses = skm_guard.responses + 1, "
      "last_at_ms = excluded.last_at_ms, last_answers = excluded.last_answers",
      {key, unit_id, day, now_ms, answers}));
  // Yesterday's guards are no longer needed.
  TRY(tx.exec("DELETE FROM skm_guard WHERE day < ?", {day}));
  return {};
}

std::string answers_fingerprint(const Response& r) {
  std::string out;
  for (int a : r.answers) out += static_cast<char>('0' + a);
  return out;
}

Status each_export_row(db::Tx& tx, int64_t unit_id, const std::string& from, const std::string& to,
                       const db::RowFn& on_row) {
  return tx.each(
      "SELECT r.id, r.day, s.code, r.channel, COALESCE(a.nip, ''), r.u1, r.u2, r.u3, r.u4, r.u5, "
      "r.u6, r.u7, r.u8, "
      "r.u9, r.age_band, r.sex, r.education, r.occupation, r.suggestion FROM skm_responses r "
      "JOIN services s ON s.id = r.service_id LEFT JOIN asn a ON a.id = r.officer_asn_id "
      "WHERE r.unit_id = ? AND r.day >= ? AND r.day <= ? ORDER BY r.day, r.id",
      {unit_id, from, to}, on_row);
}

Result<bool> has_response_for_ticket(db::Tx& tx, int64_t ticket_id) {
  return TRY(tx.query_one("SELECT id FROM skm_responses WHERE ticket_id = ?", {ticket_id}))
      .has_value();
}

Result<FormOrder> load_form_order(db::Tx& tx, int64_t unit_id) {
  auto row =
      TRY(tx.query_one("SELECT survey_order FROM survey_settings WHERE unit_id = ?", {unit_id}));
  if (!row) return FormOrder::kStandard;
  return parse_enum<FormOrder>(row->text(0)).value_or(FormOrder::kStandard);
}

Status save_form_order(db::Tx& tx, int64_t unit_id, FormOrder order, int64_t now) {
  TRY(
      tx.exec("INSERT INTO survey_settings (unit_id, survey_order, updated_at) VALUES (?, ?, ?) "
              "ON CONFLICT (unit_id) DO UPDATE SET survey_order = excluded.survey_order, "
              "updated_at = excluded.updated_at",
              {unit_id, enum_name(order), now}));
  return {};
}

}  // namespace harmoni::survey
