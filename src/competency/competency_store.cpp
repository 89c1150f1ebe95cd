#include "competency/competency_store.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <unordered_map>

#include "platform/db/row_map.hpp"
#include "platform/db/sql_text.hpp"

namespace harmoni::competency {
namespace {

using db::row_placeholders;

constexpr size_t kBatchRows = 200;

// The row a query finds, mapped to T by map(tx, row), or none.
template <class T, class Map>
Result<std::optional<T>> one_row(db::Tx& tx, std::string_view sql, const db::Params& params,
                                 Map map) {
  auto row = TRY(tx.query_one(sql, params));
  if (!row) return std::optional<T>();
  return std::optional<T>(TRY(map(tx, *row)));
}

// Every row a query finds, mapped to T by map(tx, row).
template <class T, class Map>
Result<std::vector<T>> all_rows(db::Tx& tx, std::string_view sql, const db::Params& params,
                                Map map) {
  std::vector<T> out;
  for (const auto& r : TRY(tx.query(sql, params))) out.push_back(TRY(map(tx, r)));
  return out;
}

// Instruments by their stored text. A campaign's instrument never changes once it is
// open, and a draft's changes give a new text, so the text is the key (ids would clash
// between databases in one process, as in the tests). Small: campaigns are few.
Result<std::shared_ptr<const Instrument>> instrument_of(const std::string& text) {
  static std::mutex mu;
  static std::unordered_map<std::string, std::shared_ptr<const Instrument>> cache;
  {
    std::lock_guard lock(mu);
    auto it = cache.find(text);
    if (it != cache.end()) return it->second;
  }
  auto parsed = std::make_shared<const Instrument>(TRY(parse_instrument(text)));
  std::lock_guard lock(mu);
  if (cache.size() >= 64) cache.clear();
  cache.emplace(text, parsed);
  return parsed;
}

const db::RowMap<Campaign> kCampaignRow{
    {"id", &Campaign::id},
    {"instansi_id", &Campaign::instansi_id},
    {"name", &Campaign::settings, &CampaignSettings::name},
    {"starts_on", &Campaign::settings, &CampaignSettings::starts_on},
    {"deadline", &Campaign::settings, &CampaignSettings::deadline},
    {"values_version", &Campaign::settings, &CampaignSettings::values_version},
    {"status", &Campaign::status},
    {"created_at", &Campaign::created_at},
    {"opened_at", &Campaign::opened_at},
    {"closed_at", &Campaign::closed_at},
    {"results_at", &Campaign::results_at}};
// The settings and the frozen instrument follow as JSON text.
const std::string kCampaignSelect =
    "SELECT " + kCampaignRow.columns() + ", settings, instrument FROM campaigns ";

Result<Campaign> campaign_from_row(db::Tx& tx, const db::Row& r) {
  Campaign c = kCampaignRow.read(r);
  TRY(read_settings_json(r.text(kCampaignRow.size()), c.settings));
  c.instrument = TRY(instrument_of(r.text(kCampaignRow.size() + 1)));
  TRY(tx.each("SELECT unit_id FROM campaign_units WHERE campaign_id = ? ORDER BY unit_id", {c.id},
              [&](const db::Row& u) {
                c.settings.scope_unit_ids.push_back(u.i64(0));
                return true;
              }));
  return c;
}

Status write_scope(db::Tx& tx, int64_t campaign_id, const std::vector<int64_t>& units) {
  TRY(tx.exec("DELETE FROM campaign_units WHERE campaign_id = ?", {campaign_id}));
  for (int64_t u : units)
    TRY(tx.exec("INSERT INTO campaign_units (campaign_id, unit_id) VALUES (?, ?)",
                {campaign_id, u}));
  return {};
}

const db::RowMap<AssignmentRow> kAssignmentRow{
    {"ra.id", &AssignmentRow::id},
    {"ra.campaign_id", &AssignmentRow::campaign_id},
    {"ra.ratee_asn_id", &AssignmentRow::ratee_asn_id},
    {"ra.rater_asn_id", &AssignmentRow::rater_asn_id},
    {"ra.rater_group", &AssignmentRow::group},
    {"ra.status", &AssignmentRow::status},
    {"ra.source",
     [](AssignmentRow& a, const db::Row& r, size_t i) { a.by_hr = r.text(i) == "hr"; }},
    {"ra.reason", &AssignmentRow::reason},
    {"te.nip", &AssignmentRow::ratee_nip},
    {"te.name", &AssignmentRow::ratee_name},
    {"COALESCE(tu.name, '')", &AssignmentRow::ratee_unit},
    {"tr.nip", &AssignmentRow::rater_nip},
    {"tr.name", &AssignmentRow::rater_name}};
const std::string kAssignmentSelect =
    "SELECT " + kAssignmentRow.columns() +
    " FROM rater_assignments ra JOIN asn te ON te.id = ra.ratee_asn_id "
    "LEFT JOIN units tu ON tu.id = te.unit_id JOIN asn tr ON tr.id = ra.rater_asn_id ";

Result<std::vector<AssignmentRow>> assignments_where(db::Tx& tx, const std::string& where,
                                                     const db::Params& params) {
  return kAssignmentRow.all(tx, kAssignmentSelect + where, params);
}

Result<StoredResult> stored_from_row(const db::Row& r, size_t first) {
  StoredResult s{.asn_id = r.i64(first), .unit_id = r.opt_i64(first + 1)};
  if (auto level = r.opt_i64(first + 2)) s.level = static_cast<int>(*level);
  s.required_level = static_cast<int>(r.i64(first + 3));
  s.result = TRY(parse_result_json(r.text(first + 4)));
  return s;
}

const db::RowMap<PlanAction> kActionRow{{"id", &PlanAction::id},
                                        {"item_code", &PlanAction::item_code},
                                        {"learning_kind", &PlanAction::learning_kind},
                                        {"title", &PlanAction::title},
                                        {"target_date", &PlanAction::target_date},
                                        {"status", &PlanAction::status},
                                        {"note", &PlanAction::note}};

Result<std::vector<PlanAction>> actions_of(db::Tx& tx, int64_t plan_id) {
  return kActionRow.all(tx,
                        "SELECT " + kActionRow.columns() +
                            " FROM development_actions WHERE plan_id = ? ORDER BY target_date, id",
                        {plan_id});
}

const db::RowMap<Plan> kPlanRow{
    {"id", &Plan::id},         {"asn_id", &Plan::asn_id},       {"campaign_id", &Plan::campaign_id},
    {"status", &Plan::status}, {"agreed_by", &Plan::agreed_by}, {"agreed_at", &Plan::agreed_at}};
const std::string kPlanSelect = "SELECT " + kPlanRow.columns() + " FROM development_plans ";

Result<Plan> plan_from_row(db::Tx& tx, const db::Row& r) {
  Plan p = kPlanRow.read(r);
  p.actions = TRY(actions_of(tx, p.id));
  return p;
}

}  // namespace

// ---- an instansi's own items ----

Result<std::vector<Item>> list_custom_items(db::Tx& tx, int64_t instansi_id) {
  std::vector<Item> out;
  TRY(tx.each(
      "SELECT code, value_code, text_id, text_en, low_id, low_en, high_id, high_en, learning "
      "FROM competency_items WHERE instansi_id = ? AND active = 1 ORDER BY code",
      {instansi_id}, [&](const db::Row& r) {
        Item item{.code = r.text(0), .kind = ItemKind::kCustom, .group = r.text(1)};
        item.text = {r.text(2), r.text(3)};
        item.low = {r.text(4), r.text(5)};
        item.high = {r.text(6), r.text(7)};
        item.learning = db::split_codes(r.text(8));
        out.push_back(std::move(item));
        return true;
      }));
  return out;
}

Result<int64_t> insert_custom_item(db::Tx& tx, int64_t instansi_id, const Item& item, int64_t now) {
  auto taken =
      TRY(tx.query_one("SELECT id FROM competency_items WHERE instansi_id = ? AND code = ?",
                       {instansi_id, item.code}));
  if (taken) return Error::conflict("competency.custom_code_taken", {{"code", item.code}});
  return tx.insert_returning_id(
      "INSERT INTO competency_items (instansi_id, code, value_code, text_id, text_en, low_id, "
      "low_en, high_id, high_en, "
      "learning, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {instansi_id, item.code, item.group, item.text.id, item.text.en, item.low.id, item.low.en,
       item.high.id, item.high.en, db::join_codes(item.learning), now, now});
}

// ---- campaigns ----

Result<int64_t> insert_campaign(db::Tx& tx, int64_t instansi_id, const CampaignSettings& s,
                                const Instrument& instrument, std::optional<int64_t> user_id,
                                int64_t now) {
  int64_t id = TRY(
      tx.insert_returning_id("INSERT INTO campaigns (instansi_id, name, starts_on, deadline, "
                             "values_version, settings, instrument, status, "
                             "created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, "
                             "'draft', ?, ?, ?) RETURNING id",
                             {instansi_id, s.name, s.starts_on, s.deadline, s.values_version,
                              settings_json(s), instrument_json(instrument), user_id, now, now}));
  TRY(write_scope(tx, id, s.scope_unit_ids));
  return id;
}

Status update_draft_campaign(db::Tx& tx, int64_t campaign_id, const CampaignSettings& s,
                             const Instrument& instrument, int64_t now) {
  int64_t changed =
      TRY(tx.exec("UPDATE campaigns SET name = ?, starts_on = ?, deadline = ?, values_version = ?, "
                  "settings = ?, instrument = ?, "
                  "updated_at = ? WHERE id = ? AND status = 'draft'",
                  {s.name, s.starts_on, s.deadline, s.values_version, settings_json(s),
                   instrument_json(instrument), now, campaign_id}));
  if (changed == 0) return Error::conflict("competency.not_draft");
  return write_scope(tx, campaign_id, s.scope_unit_ids);
}

Result<std::optional<Campaign>> find_campaign(db::Tx& tx, int64_t campaign_id) {
  return one_row<Campaign>(tx, kCampaignSelect + "WHERE id = ?", {campaign_id}, campaign_from_row);
}

Result<std::vector<Campaign>> list_campaigns(db::Tx& tx, int64_t instansi_id) {
  return all_rows<Campaign>(tx, kCampaignSelect + "WHERE instansi_id = ? ORDER BY id DESC",
                            {instansi_id}, campaign_from_row);
}

Status move_campaign(db::Tx& tx, int64_t campaign_id, CampaignStatus from, CampaignStatus to,
                     int64_t now) {
  const bool opening = from == CampaignStatus::kDraft && to == CampaignStatus::kOpen;
  const bool closing = from == CampaignStatus::kOpen && to == CampaignStatus::kClosed;
  if (!opening && !closing) return Error::conflict("competency.status_step");
  int64_t changed =
      TRY(tx.exec(std::string("UPDATE campaigns SET status = ?, updated_at = ?, ") +
                      (opening ? "opened_at" : "closed_at") + " = ? WHERE id = ? AND status = ?",
                  {enum_name(to), now, now, campaign_id, enum_name(from)}));
  if (changed == 0) return Error::conflict("competency.status_step");
  return {};
}

Result<std::pair<std::vector<OrgUnit>, std::vector<OrgPerson>>> load_org(
    db::Tx& tx, int64_t instansi_id, const std::vector<int64_t>& scope_unit_ids) {
  std::vector<OrgUnit> units;
  std::map<int64_t, std::string> scope_paths;
  TRY(tx.each("SELECT id, parent_id, path FROM units WHERE instansi_id = ? ORDER BY path",
              {instansi_id}, [&](const db::Row& r) {
                units.push_back({r.i64(0), r.opt_i64(1)});
                if (std::find(scope_unit_ids.begin(), scope_unit_ids.end(), r.i64(0)) !=
                    scope_unit_ids.end()) {
                  scope_paths[r.i64(0)] = r.text(2);
                }
                return true;
              }));
  std::vector<OrgPerson> people;
  TRY(
      tx.each("SELECT a.id, a.nip, a.unit_id, COALESCE(p.grade, 0), COALESCE(p.kind, ''), u.path "
              "FROM asn a "
              "JOIN units u ON u.id = a.unit_id LEFT JOIN positions p ON p.id = a.position_id "
              "WHERE a.instansi_id = ? AND a.active = 1 ORDER BY a.id",
              {instansi_id}, [&](const db::Row& r) {
                const std::string path = r.text(5);
                bool in_scope = scope_unit_ids.empty();
                for (const auto& [_, prefix] : scope_paths)
                  in_scope = in_scope || path.starts_with(prefix);
                people.push_back({r.i64(0), r.text(1), r.i64(2), static_cast<int>(r.i64(3)),
                                  r.text(4) == "struktural", in_scope});
                return true;
              }));
  return std::pair{std::move(units), std::move(people)};
}

// ---- assignments ----

Status insert_assignments(db::Tx& tx, int64_t campaign_id, const std::vector<Assignment>& all,
                          int64_t now) {
  for (size_t start = 0; start < all.size(); start += kBatchRows) {
    const size_t end = std::min(all.size(), start + kBatchRows);
    db::Params p;
    p.reserve((end - start) * 7);
    for (size_t i = start; i < end; ++i) {
      p.insert(p.end(), {campaign_id, all[i].ratee_asn_id, all[i].rater_asn_id,
                         enum_name(all[i].group), "auto", now, now});
    }
    TRY(
        tx.exec("INSERT INTO rater_assignments (campaign_id, ratee_asn_id, rater_asn_id, "
                "rater_group, source, "
                "created_at, updated_at) VALUES " +
                    row_placeholders(end - start, 7),
                p));
  }
  return {};
}

Result<std::optional<AssignmentRow>> find_assignment(db::Tx& tx, int64_t assignment_id) {
  auto rows = TRY(assignments_where(tx, "WHERE ra.id = ?", {assignment_id}));
  if (rows.empty()) return std::optional<AssignmentRow>();
  return std::optional<AssignmentRow>(std::move(rows[0]));
}

Result<std::vector<AssignmentRow>> rater_inbox(db::Tx& tx, int64_t rater_asn_id) {
  return assignments_where(
      tx,
      "JOIN campaigns c ON c.id = ra.campaign_id WHERE ra.rater_asn_id = ? AND ra.status <> "
      "'removed' AND c.status = 'open' ORDER BY ra.campaign_id, ra.status, te.name_key, ra.id",
      {rater_asn_id});
}

Result<std::vector<AssignmentRow>> ratee_assignments(db::Tx& tx, int64_t campaign_id,
                                                     int64_t ratee_asn_id) {
  return assignments_where(tx,
                           "WHERE ra.campaign_id = ? AND ra.ratee_asn_id = ? ORDER BY "
                           "ra.rater_group, tr.name_key, ra.id",
                           {campaign_id, ratee_asn_id});
}

Result<int64_t> add_assignment(db::Tx& tx, int64_t campaign_id, int64_t ratee_asn_id,
                               int64_t rater_asn_id, RaterGroup group, const std::string& reason,
                               std::optional<int64_t> user_id, int64_t now) {
  auto existing =
      TRY(tx.query_one("SELECT id, status FROM rater_assignments WHERE campaign_id = ? AND "
                       "ratee_asn_id = ? AND rater_asn_id = ?",
                       {campaign_id, ratee_asn_id, rater_asn_id}));
  if (existing && existing->text(1) != "removed")
    return Error::conflict("competency.assignment_exists");
  if (existing) {
    TRY(
        tx.exec("UPDATE rater_assignments SET status = 'pending', rater_group = ?, source = 'hr', "
                "reason = ?, "
                "changed_by = ?, updated_at = ? WHERE id = ?",
                {enum_name(group), reason, user_id, now, existing->i64(0)}));
    return existing->i64(0);
  }
  return tx.insert_returning_id(
      "INSERT INTO rater_assignments (campaign_id, ratee_asn_id, rater_asn_id, rater_group, "
      "source, reason, changed_by, "
      "created_at, updated_at) VALUES (?, ?, ?, ?, 'hr', ?, ?, ?, ?) RETURNING id",
      {campaign_id, ratee_asn_id, rater_asn_id, enum_name(group), reason, user_id, now, now});
}

Status remove_assignment(db::Tx& tx, int64_t assignment_id, const std::string& reason,
                         std::optional<int64_t> user_id, int64_t now) {
  int64_t changed =
      TRY(tx.exec("UPDATE rater_assignments SET status = 'removed', reason = ?, changed_by = ?, "
                  "updated_at = ? WHERE id = ? AND status = 'pending'",
                  {reason, user_id, now, assignment_id}));
  if (changed > 0) {
    TRY(tx.exec("DELETE FROM rating_drafts WHERE assignment_id = ?", {assignment_id}));
    return {};
  }
  auto row =
      TRY(tx.query_one("SELECT status FROM rater_assignments WHERE id = ?", {assignment_id}));
  if (!row) return Error::not_found("competency.assignment_unknown");
  if (row->text(0) == "removed") return {};
  return Error::conflict("competency.assignment_sent");
}

Status save_draft(db::Tx& tx, int64_t assignment_id, const RatingAnswers& answers, int64_t now) {
  TRY(
      tx.exec("INSERT INTO rating_drafts (assignment_id, answers, updated_at) VALUES (?, ?, ?) "
              "ON CONFLICT (assignment_id) DO UPDATE SET answers = excluded.answers, updated_at = "
              "excluded.updated_at",
              {assignment_id, answers_json(answers), now}));
  return {};
}

Result<std::optional<RatingAnswers>> load_draft(db::Tx& tx, const AssignmentRow& a) {
  auto row = TRY(tx.query_one("SELECT answers FROM rating_drafts WHERE assignment_id = ?", {a.id}));
  if (!row) return std::optional<RatingAnswers>();
  return std::optional<RatingAnswers>(TRY(parse_answers_json(row->text(0), a.group)));
}

Status submit_answers(db::Tx& tx, const AssignmentRow& a, const RatingAnswers& answers,
                      int64_t response_id, int64_t now) {
  int64_t changed =
      TRY(tx.exec("UPDATE rater_assignments SET status = 'submitted', updated_at = ? WHERE id = ? "
                  "AND status = 'pending'",
                  {now, a.id}));
  if (changed == 0) return Error::conflict("competency.already_sent");
  TRY(tx.exec(
      "INSERT INTO rating_responses (id, campaign_id, ratee_asn_id, rater_group, answers) "
      "VALUES (?, ?, ?, ?, ?)",
      {response_id, a.campaign_id, a.ratee_asn_id, enum_name(a.group), answers_json(answers)}));
  TRY(tx.exec("DELETE FROM rating_drafts WHERE assignment_id = ?", {a.id}));
  return {};
}

// ---- progress ----

Result<std::vector<UnitProgress>> campaign_progress(db::Tx& tx, int64_t campaign_id,
                                                    const std::string& prefix) {
  db::Params p{campaign_id};
  std::string filter = db::prefix_condition("u.path", prefix, p);
  std::vector<UnitProgress> out;
  TRY(tx.each(
      "SELECT u.id, u.code, u.name, u.path, SUM(t.n), SUM(t.sent), COUNT(*), "
      "SUM(CASE WHEN t.sent = t.n THEN 1 ELSE 0 END) FROM (SELECT ratee_asn_id AS ratee, COUNT(*) "
      "AS n, "
      "SUM(CASE WHEN status = 'submitted' THEN 1 ELSE 0 END) AS sent FROM rater_assignments "
      "WHERE campaign_id = ? AND status <> 'removed' GROUP BY ratee_asn_id) t JOIN asn a ON a.id = "
      "t.ratee "
      "JOIN units u ON u.id = a.unit_id WHERE 1 = 1" +
          filter + " GROUP BY u.id, u.code, u.name, u.path ORDER BY u.path",
      p, [&](const db::Row& r) {
        out.push_back(
            {r.i64(0), r.text(1), r.text(2), r.text(3), r.i64(4), r.i64(5), r.i64(6), r.i64(7)});
        return true;
      }));
  return out;
}

Result<std::vector<PendingRater>> pending_raters(db::Tx& tx, int64_t campaign_id,
                                                 const std::string& prefix, int limit) {
  db::Params p{campaign_id};
  std::string filter = db::prefix_condition("u.path", prefix, p);
  p.emplace_back(limit);
  std::vector<PendingRater> out;
  TRY(tx.each(
      "SELECT r.id, r.nip, r.name, u.name, COUNT(*) FROM rater_assignments ra JOIN asn r ON r.id = "
      "ra.rater_asn_id "
      "JOIN units u ON u.id = r.unit_id WHERE ra.campaign_id = ? AND ra.status = 'pending'" +
          filter +
          " GROUP BY r.id, r.nip, r.name, r.name_key, u.name, u.path ORDER BY u.path, r.name_key, "
          "r.id LIMIT ?",
      p, [&](const db::Row& r) {
        out.push_back({r.i64(0), r.text(1), r.text(2), r.text(3), r.i64(4)});
        return true;
      }));
  return out;
}

// ---- results ----

Status for_each_ratee(db::Database& db, int64_t campaign_id, size_t chunk,
                      const std::function<Status(std::vector<RateeForms>&)>& each) {
  std::vector<RateeForms> ratees = TRY(db.read([&](db::Tx& tx) -> Result<std::vector<RateeForms>> {
    std::vector<RateeForms> out;
    TRY(
        tx.each("SELECT a.id, a.unit_id, COALESCE(p.required_pb_level, 1) FROM asn a "
                "LEFT JOIN positions p ON p.id = a.position_id WHERE a.id IN (SELECT DISTINCT "
                "ratee_asn_id FROM "
                "rater_assignments WHERE campaign_id = ? AND status <> 'removed') ORDER BY a.id",
                {campaign_id}, [&](const db::Row& r) {
                  out.push_back(RateeForms{r.i64(0), r.opt_i64(1), static_cast<int>(r.i64(2)), {}});
                  return true;
                }));
    return out;
  }));
  for (size_t start = 0; start < ratees.size(); start += chunk) {
    std::vector<RateeForms> batch(
        ratees.begin() + static_cast<std::ptrdiff_t>(start),
        ratees.begin() + static_cast<std::ptrdiff_t>(std::min(ratees.size(), start + chunk)));
    TRY(db.run_read([&](db::Tx& tx) -> Status {
      size_t at = 0;
      Status st;
      TRY(
          tx.each("SELECT ratee_asn_id, rater_group, answers FROM rating_responses WHERE "
                  "campaign_id = ? AND "
                  "ratee_asn_id >= ? AND ratee_asn_id <= ? ORDER BY ratee_asn_id",
                  {campaign_id, batch.front().asn_id, batch.back().asn_id}, [&](const db::Row& r) {
                    while (at < batch.size() && batch[at].asn_id < r.i64(0)) ++at;
                    if (at == batch.size() || batch[at].asn_id != r.i64(0)) return true;
                    auto group = parse_enum<RaterGroup>(r.text(1));
                    auto answers = parse_answers_json(r.text(2), group.value_or(RaterGroup::kPeer));
                    if (!group || !answers.ok()) {
                      st = Error::internal("a stored 360 form cannot be read");
                      return false;
                    }
                    batch[at].forms.push_back(answers.release_value());
                    return true;
                  }));
      return st;
    }));
    TRY(each(batch));
  }
  return {};
}

Status delete_results(db::Tx& tx, int64_t campaign_id) {
  TRY(tx.exec("DELETE FROM competency_results WHERE campaign_id = ?", {campaign_id}));
  TRY(tx.exec("DELETE FROM competency_heat WHERE campaign_id = ?", {campaign_id}));
  TRY(tx.exec("UPDATE campaigns SET results_at = NULL WHERE id = ?", {campaign_id}));
  return {};
}

Status insert_results(db::Tx& tx, int64_t campaign_id, const std::vector<StoredResult>& results) {
  for (size_t start = 0; start < results.size(); start += kBatchRows) {
    const size_t end = std::min(results.size(), start + kBatchRows);
    db::Params p;
    p.reserve((end - start) * 6);
    for (size_t i = start; i < end; ++i) {
      const auto& r = results[i];
      p.insert(p.end(), {campaign_id, r.asn_id, db::Value(r.unit_id), db::Value(r.level),
                         r.required_level, result_json(r.result)});
    }
    TRY(
        tx.exec("INSERT INTO competency_results (campaign_id, asn_id, unit_id, level, "
                "required_level, result) VALUES " +
                    row_placeholders(end - start, 6),
                p));
  }
  return {};
}

Status insert_heat(db::Tx& tx, int64_t campaign_id, const std::vector<HeatAggregate>& units) {
  std::vector<db::Params> rows;
  for (const auto& a : units) {
    rows.push_back({campaign_id, a.unit_id, "people", a.people, 0.0});
    for (const auto& [group, sum] : a.sums)
      rows.push_back({campaign_id, a.unit_id, group, sum.second, sum.first});
    for (size_t b = 0; b < a.bands.size(); ++b) {
      rows.push_back({campaign_id, a.unit_id, "band." + std::to_string(b), a.bands[b], 0.0});
    }
  }
  for (size_t start = 0; start < rows.size(); start += kBatchRows) {
    const size_t end = std::min(rows.size(), start + kBatchRows);
    db::Params p;
    for (size_t i = start; i < end; ++i) p.insert(p.end(), rows[i].begin(), rows[i].end());
    TRY(tx.exec("INSERT INTO competency_heat (campaign_id, unit_id, code, people, total) VALUES " +
                    row_placeholders(end - start, 5),
                p));
  }
  return {};
}

Status mark_results_ready(db::Tx& tx, int64_t campaign_id, int64_t now) {
  TRY(tx.exec("UPDATE campaigns SET results_at = ? WHERE id = ?", {now, campaign_id}));
  return {};
}

Result<std::optional<StoredResult>> find_result(db::Tx& tx, int64_t campaign_id, int64_t asn_id) {
  auto row = TRY(
      tx.query_one("SELECT asn_id, unit_id, level, required_level, result FROM competency_results "
                   "WHERE campaign_id = ? AND asn_id = ?",
                   {campaign_id, asn_id}));
  if (!row) return std::optional<StoredResult>();
  return std::optional<StoredResult>(TRY(stored_from_row(*row, 0)));
}

Result<std::vector<ResultInCampaign>> results_of_person(db::Tx& tx, int64_t asn_id) {
  auto rows = TRY(tx.query(
      "SELECT c.id, c.name, c.deadline, r.asn_id, r.unit_id, r.level, r.required_level, r.result "
      "FROM competency_results r JOIN campaigns c ON c.id = r.campaign_id "
      "WHERE r.asn_id = ? AND c.results_at IS NOT NULL ORDER BY c.deadline, c.id",
      {asn_id}));
  std::vector<ResultInCampaign> out;
  for (const auto& r : rows) {
    StoredResult stored = TRY(stored_from_row(r, 3));
    out.push_back({r.i64(0), r.text(1), r.text(2), std::move(stored)});
  }
  return out;
}

Result<std::vector<DemonstratedLevel>> people_at_level(db::Tx& tx, int64_t instansi_id,
                                                       int min_level, int limit) {
  static const db::RowMap<DemonstratedLevel> kRow{
      {"a.id", &DemonstratedLevel::asn_id},
      {"a.name", &DemonstratedLevel::name},
      {"COALESCE(u.name, '')", &DemonstratedLevel::unit_name},
      {"r.level", &DemonstratedLevel::level}};
  // The latest campaign with results for each person decides.
  return kRow.all(tx,
                  "SELECT " + kRow.columns() +
                      " FROM competency_results r JOIN campaigns c ON c.id = r.campaign_id JOIN "
                      "asn a ON a.id = r.asn_id LEFT JOIN units u ON u.id = a.unit_id WHERE "
                      "c.instansi_id = ? AND c.results_at IS NOT NULL AND a.active = 1 AND "
                      "r.level >= ? AND c.id = (SELECT MAX(r2.campaign_id) FROM competency_results "
                      "r2 JOIN campaigns c2 ON c2.id = r2.campaign_id WHERE r2.asn_id = r.asn_id "
                      "AND c2.results_at IS NOT NULL) ORDER BY r.level DESC, a.name LIMIT ?",
                  {instansi_id, min_level, limit});
}

Result<std::vector<UnitHeat>> load_heat(db::Tx& tx, int64_t campaign_id,
                                        const std::string& prefix) {
  db::Params p{campaign_id};
  std::string filter = db::prefix_condition("u.path", prefix, p);
  std::vector<UnitHeat> out;
  TRY(tx.each(
      "SELECT h.unit_id, h.code, h.people, h.total, u.code, u.name, u.path FROM competency_heat h "
      "JOIN units u ON u.id = h.unit_id WHERE h.campaign_id = ?" +
          filter + " ORDER BY u.path, h.unit_id, h.code",
      p, [&](const db::Row& r) {
        if (out.empty() || out.back().aggregate.unit_id != r.i64(0)) {
          out.push_back(
              UnitHeat{HeatAggregate{.unit_id = r.i64(0)}, r.text(4), r.text(5), r.text(6)});
        }
        HeatAggregate& a = out.back().aggregate;
        const std::string code = r.text(1);
        const int people = static_cast<int>(r.i64(2));
        if (code == "people") {
          a.people = people;
        } else if (code.starts_with("band.") && code.size() == 6 && code[5] >= '0' &&
                   code[5] <= '3') {
          a.bands[static_cast<size_t>(code[5] - '0')] = people;
          a.with_level += people;
        } else {
          a.sums[code] = {r.f64(3), people};
        }
        return true;
      }));
  return out;
}

// ---- development plans ----

Result<std::optional<Plan>> find_plan_for(db::Tx& tx, int64_t asn_id,
                                          std::optional<int64_t> campaign_id) {
  if (!campaign_id) {
    return one_row<Plan>(
        tx, kPlanSelect + "WHERE asn_id = ? AND campaign_id IS NULL ORDER BY id LIMIT 1", {asn_id},
        plan_from_row);
  }
  return one_row<Plan>(tx, kPlanSelect + "WHERE asn_id = ? AND campaign_id = ? ORDER BY id LIMIT 1",
                       {asn_id, *campaign_id}, plan_from_row);
}

Result<Plan> plan_for(db::Tx& tx, int64_t asn_id, std::optional<int64_t> campaign_id, int64_t now) {
  if (auto found = TRY(find_plan_for(tx, asn_id, campaign_id))) return std::move(*found);
  int64_t id = TRY(tx.insert_returning_id(
      "INSERT INTO development_plans (asn_id, campaign_id, created_at, updated_at) "
      "VALUES (?, ?, ?, ?) RETURNING id",
      {asn_id, db::Value(campaign_id), now, now}));
  return Plan{.id = id, .asn_id = asn_id, .campaign_id = campaign_id};
}

Result<std::optional<Plan>> find_plan(db::Tx& tx, int64_t plan_id) {
  return one_row<Plan>(tx, kPlanSelect + "WHERE id = ?", {plan_id}, plan_from_row);
}

Result<std::vector<Plan>> plans_of_person(db::Tx& tx, int64_t asn_id) {
  return all_rows<Plan>(tx, kPlanSelect + "WHERE asn_id = ? ORDER BY id DESC", {asn_id},
                        plan_from_row);
}

Result<int64_t> insert_action(db::Tx& tx, int64_t plan_id, const PlanAction& a, int64_t now) {
  return tx.insert_returning_id(
      "INSERT INTO development_actions (plan_id, item_code, learning_kind, title, target_date, "
      "status, note, created_at, "
      "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {plan_id, a.item_code, a.learning_kind, a.title, a.target_date, enum_name(a.status), a.note,
       now, now});
}

Status set_action_status(db::Tx& tx, int64_t plan_id, int64_t action_id, ActionStatus status,
                         const std::string& note, int64_t now) {
  int64_t changed = TRY(tx.exec(
      "UPDATE development_actions SET status = ?, note = ?, updated_at = ? WHERE id = ? AND "
      "plan_id = ?",
      {enum_name(status), note, now, action_id, plan_id}));
  if (changed == 0) return Error::not_found("competency.action_unknown");
  return {};
}

Status set_plan_status(db::Tx& tx, int64_t plan_id, PlanStatus status,
                       std::optional<int64_t> agreed_by, int64_t now) {
  const bool agreed = status == PlanStatus::kAgreed;
  TRY(
      tx.exec("UPDATE development_plans SET status = ?, agreed_by = ?, agreed_at = ?, updated_at = "
              "? WHERE id = ?",
              {enum_name(status), agreed ? db::Value(agreed_by) : db::Value(),
               agreed ? db::Value(now) : db::Value(), now, plan_id}));
  return {};
}

Result<std::vector<TeamPlan>> team_plans(db::Tx& tx, int64_t instansi_id, const std::string& prefix,
                                         int limit) {
  db::Params p{instansi_id};
  std::string filter = db::prefix_condition("u.path", prefix, p);
  p.emplace_back(limit);
  std::vector<TeamPlan> out;
  TRY(tx.each(
      "SELECT a.id, a.nip, a.name, u.name, dp.id, dp.status, "
      "(SELECT COUNT(*) FROM development_actions d WHERE d.plan_id = dp.id AND d.status <> "
      "'dropped'), "
      "(SELECT COUNT(*) FROM development_actions d WHERE d.plan_id = dp.id AND d.status = 'done') "
      "FROM asn a JOIN units u ON u.id = a.unit_id LEFT JOIN development_plans dp ON dp.id = "
      "(SELECT MAX(q.id) FROM development_plans q WHERE q.asn_id = a.id) WHERE a.instansi_id = ? "
      "AND a.active = 1" +
          filter + " ORDER BY u.path, a.name_key, a.id LIMIT ?",
      p, [&](const db::Row& r) {
        TeamPlan t{r.i64(0),     r.text(1),    r.text(2), r.text(3),
                   r.opt_i64(4), std::nullopt, r.i64(6),  r.i64(7)};
        if (auto s = r.opt_text(5)) t.status = parse_enum<PlanStatus>(*s);
        out.push_back(std::move(t));
        return true;
      }));
  return out;
}

}  // namespace harmoni::competency
