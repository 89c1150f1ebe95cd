#include "survey/survey_cases.hpp"

#include "desk/desk_cases.hpp"
#include "desk/desk_store.hpp"
#include "org/org_store.hpp"
#include "platform/limits/rate_limit_store.hpp"
#include "survey/followup_store.hpp"

namespace harmoni::survey {
namespace {

using auth::Permission;

// The unit's active service with this code; a field error on "service" otherwise.
Result<desk::Service> active_service(db::Tx& tx, int64_t unit_id, std::string_view code) {
  auto service = TRY(desk::find_service(tx, unit_id, org::upper_code(code)));
  if (!service || !service->active) return Error::field("service", "service.unknown");
  return *service;
}

// What the three doors share once their own checks passed: the questionnaire and the
// response with its counts.
Result<int64_t> store(db::Tx& tx, const Env& env, StoredResponse stored) {
  stored.questionnaire_id = TRY(builtin_questionnaire_id(tx, env.now_seconds()));
  stored.submitted_at_ms = env.now_ms();
  return record_response(tx, stored);
}

Result<Submitted> from_ticket(db::Tx& tx, const Env& env, const FromTicket& door,
                              const Response& response) {
  auto visit = TRY(queue::find_visit(tx, door.token));
  if (!visit) return Error::not_found("skm.ticket_unknown");
  if (visit->waiting) return Error::conflict("skm.not_served_yet");
  auto unit = TRY(org::find_unit_by_id(tx, visit->unit_id));
  if (!unit) return Error::internal("visit without its unit");
  Date day = *parse_date(visit->day);
  int64_t id = TRY(store(tx, env,
                         StoredResponse{.unit_id = unit->id,
                                        .instansi_id = unit->instansi_id,
                                        .service_id = visit->service_id,
                                        .officer_asn_id = visit->officer_asn_id,
                                        .channel = Channel::kTicket,
                                        .ticket_id = visit->ticket_id,
                                        .day = day,
                                        .response = response}));
  return Submitted{id, "", day};
}

Result<Submitted> from_link(db::Tx& tx, const Env& env, const FromLink& door,
                            const Response& response) {
  desk::Service service = TRY(active_service(tx, door.unit.id, door.service_code));
  const Date day = office_today(env);
  const std::string day_text = format_date(day), fingerprint = answers_fingerprint(response);
  std::vector<std::string> keys;
  for (const auto& [source, policy] : door.guards) {
    const std::string key = limits::daily_source_key(env.vault, day_text, source);
    GuardState state = TRY(load_guard(tx, key, door.unit.id, day_text));
    TRY(check_guard(state, policy, env.now_ms(), fingerprint));
    keys.push_back(key);
  }
  int64_t id = TRY(store(tx, env,
                         StoredResponse{.unit_id = door.unit.id,
                                        .instansi_id = door.unit.instansi_id,
                                        .service_id = service.id,
                                        .channel = door.channel,
                                        .day = day,
                                        .response = response}));
  for (const auto& key : keys) {
    TRY(bump_guard(tx, key, door.unit.id, day_text, env.now_ms(), fingerprint));
  }
  return Submitted{id, service.code, day};
}

Result<Submitted> from_paper(db::Tx& tx, const Env& env, const Actor& actor, const FromPaper& door,
                             const Response& response) {
  desk::Service service = TRY(active_service(tx, door.unit.id, door.service_code));
  std::optional<int64_t> officer;
  if (!door.officer_nip.empty()) {
    auto asn = TRY(org::find_asn_by_nip(tx, org::normalize_nip(door.officer_nip)));
    if (!asn || asn->instansi_id != door.unit.instansi_id) {
      return Error::field("officer", "asn.not_found");
    }
    officer = asn->id;
  }
  const auto& p = actor.user();
  int64_t id =
      TRY(store(tx, env,
                StoredResponse{.unit_id = door.unit.id,
                               .instansi_id = door.unit.instansi_id,
                               .service_id = service.id,
                               .officer_asn_id = officer,
                               .channel = p.via_api_token ? Channel::kApi : Channel::kPaper,
                               .day = door.day,
                               .response = response,
                               .entered_by_user_id = p.user_id}));
  TRY(audit::append(
      tx, actor.audit("skm.entry", "skm_response", std::to_string(id), door.unit.instansi_id),
      env.now_ms()));
  return Submitted{id, service.code, door.day};
}

}  // namespace

Date office_today(const Env& env) { return date_in_wib(env.now_ms()); }

Result<Submitted> submit_response(const Env& env, const Actor& actor, const SubmitResponse& r) {
  TRY(validate(r.response));
  return env.db.write([&](db::Tx& tx) -> Result<Submitted> {
    if (auto* door = std::get_if<FromTicket>(&r.source)) {
      return from_ticket(tx, env, *door, r.response);
    }
    if (auto* door = std::get_if<FromLink>(&r.source)) {
      return from_link(tx, env, *door, r.response);
    }
    return from_paper(tx, env, actor, std::get<FromPaper>(r.source), r.response);
  });
}

Result<VisitSurvey> visit_survey(const Env& env, std::string_view token) {
  return env.db.read([&](db::Tx& tx) -> Result<VisitSurvey> {
    auto visit = TRY(queue::find_visit(tx, token));
    if (!visit) return Error::not_found("skm.ticket_unknown");
    auto unit = TRY(org::find_unit_by_id(tx, visit->unit_id));
    if (!unit) return Error::internal("visit without its unit");
    bool answered = TRY(has_response_for_ticket(tx, visit->ticket_id));
    return VisitSurvey{*visit, *unit, answered};
  });
}

Result<FormOrder> form_order_of(const Env& env, int64_t unit_id) {
  return env.db.read([&](db::Tx& tx) { return load_form_order(tx, unit_id); });
}

Result<OfficerResults> officer_results(const Env& env, const Actor& actor, const OfficerQuery& q) {
  const auto& p = actor.user();
  org::Asn officer;
  if (!q.nip) {
    if (!p.asn_id) return Error::not_found("results.no_asn");
    auto own = TRY(env.db.read([&](db::Tx& tx) { return org::find_asn_by_id(tx, *p.asn_id); }));
    if (!own) return Error::not_found("results.no_asn");
    officer = *own;
  } else {
    if (q.unit && !may_read_officer_table(p, q.unit->instansi_id, q.unit->path)) {
      return Error::forbidden("results.officer_private");
    }
    auto asn = TRY(env.db.read(
        [&](db::Tx& tx) { return org::find_asn_by_nip(tx, org::normalize_nip(*q.nip)); }));
    if (!asn || !p.sees_unit(asn->instansi_id, asn->unit_path) ||
        (q.unit && asn->instansi_id != q.unit->instansi_id)) {
      return Error::not_found("asn.not_found");
    }
    if (!may_read_officer(p, asn->id, asn->instansi_id, asn->unit_path)) {
      return Error::forbidden("results.officer_private");
    }
    officer = *asn;
    // Another person's results are about a person: the read is audited. One's own are not.
    if (!p.asn_id || *p.asn_id != officer.id) {
      TRY(env.db.write([&](db::Tx& tx) {
        return audit::append(
            tx,
            actor.audit("ikm.officer_read", "asn", std::to_string(officer.id), officer.instansi_id),
            env.now_ms());
      }));
    }
  }
  CountsQuery counts_query{.officer_asn_id = officer.id};
  counts_query.period = TRY(plan_period(q.from, q.to));
  return env.db.read([&](db::Tx& tx) -> Result<OfficerResults> {
    AnswerCounts counts = TRY(load_counts(tx, counts_query));
    auto written =
        TRY(suggestions(tx, std::nullopt, officer.id, format_date(q.from), format_date(q.to), 50));
    return OfficerResults{officer, compute_index(counts, Weight::kExact), std::move(written)};
  });
}

Result<IndexAnswer> index_for(const Env& env, const Actor& actor, const IndexQuery& q) {
  const auto& p = actor.user();
  IndexAnswer out;
  CountsQuery counts_query;
  counts_query.period = TRY(plan_period(q.from, q.to));
  std::string unit_text = q.unit;
  if (unit_text.empty() && p.role == auth::Role::kUnitHead && p.unit_id) {
    unit_text = std::to_string(*p.unit_id);
  }
  int64_t instansi_id = 0;
  if (!unit_text.empty()) {
    org::Unit unit = TRY(desk::staff_unit(env, actor, unit_text, Permission::kIkmRead));
    counts_query.unit_id = unit.id;
    instansi_id = unit.instansi_id;
    if (q.service && !q.service->empty()) {
      auto s = TRY(env.db.read([&](db::Tx& tx) {
        return desk::find_service(tx, unit.id, org::upper_code(*q.service));
      }));
      if (!s) return Error::field("service", "service.unknown");
      counts_query.service_id = s->id;
      out.service_code = s->code;
    }
    out.unit = unit;
  } else {
    if (q.service) return Error::field("service", "skm.service_needs_unit");
    if (p.role == auth::Role::kUnitHead) return Error::forbidden();
    std::optional<int64_t> wanted = p.instansi_id;
    if (q.instansi) {
      auto i = TRY(env.db.read([&](db::Tx& tx) {
        return org::find_instansi_by_code(tx, org::upper_code(*q.instansi));
      }));
      if (!i || !p.in_instansi(i->id)) return Error::not_found("instansi.not_found");
      wanted = i->id;
    }
    if (!wanted) return Error::field("instansi", "input.required");
    counts_query.instansi_id = instansi_id = *wanted;
    out.instansi_id = *wanted;
  }
  if (q.officer && !q.officer->empty()) {
    auto asn = TRY(env.db.read(
        [&](db::Tx& tx) { return org::find_asn_by_nip(tx, org::normalize_nip(*q.officer)); }));
    if (!asn || !p.sees_unit(asn->instansi_id, asn->unit_path) || asn->instansi_id != instansi_id) {
      return Error::not_found("asn.not_found");
    }
    if (!may_read_officer(p, asn->id, asn->instansi_id, asn->unit_path)) {
      return Error::forbidden("results.officer_private");
    }
    counts_query.officer_asn_id = asn->id;
    out.officer_nip = asn->nip;
    // Results of one named officer are about a person: the read is audited.
    TRY(env.db.write([&](db::Tx& tx) {
      return audit::append(
          tx, actor.audit("ikm.officer_read", "asn", std::to_string(asn->id), asn->instansi_id),
          env.now_ms());
    }));
  }
  queue::ServedVisits served{.unit_id = counts_query.unit_id,
                             .instansi_id = counts_query.instansi_id,
                             .service_id = counts_query.service_id,
                             .officer_asn_id = counts_query.officer_asn_id,
                             .from = format_date(q.from),
                             .to = format_date(q.to)};
  TRY(env.db.read([&](db::Tx& tx) -> Status {
    out.index = compute_index(TRY(load_counts(tx, counts_query)), q.weight);
    out.population = TRY(queue::count_served_visits(tx, served));
    return {};
  }));
  return out;
}

Result<std::optional<QuarterIndex>> latest_quarter_index(const Env& env, int64_t unit_id) {
  Date today = office_today(env);
  int q_start = ((today.month - 1) / 3) * 3 + 1;
  Date this_from{today.year, q_start, 1};
  Date last_from = q_start == 1 ? Date{today.year - 1, 10, 1} : Date{today.year, q_start - 3, 1};
  Date last_to = last_of_month(Date{last_from.year, last_from.month + 2, 1});
  for (auto [from, to] : {std::pair{last_from, last_to}, std::pair{this_from, today}}) {
    CountsQuery q{.unit_id = unit_id};
    q.period = TRY(plan_period(from, to));
    AnswerCounts counts = TRY(env.db.read([&](db::Tx& tx) { return load_counts(tx, q); }));
    if (counts.respondents == 0) continue;
    IndexResult r = compute_index(counts, Weight::kExact);
    if (!r.score_e2) continue;
    return std::optional<QuarterIndex>{QuarterIndex{r, from, to}};
  }
  return std::optional<QuarterIndex>{};
}

Result<ReportFigures> report_figures(const Env& env, const org::Unit& unit, const Date& from,
                                     const Date& to, Weight weight) {
  CountsQuery q{.unit_id = unit.id};
  q.period = TRY(plan_period(from, to));
  const std::string f = format_date(from), t = format_date(to);
  return env.db.read([&](db::Tx& tx) -> Result<ReportFigures> {
    ReportFigures out;
    out.index = compute_index(TRY(load_counts(tx, q)), weight);
    out.population = TRY(queue::count_served_visits(
        tx, queue::ServedVisits{.unit_id = unit.id, .from = f, .to = t}));
    auto instansi = TRY(org::find_instansi(tx, unit.instansi_id));
    out.instansi_name = instansi ? instansi->name : "";
    for (auto item : kRespondentItems)
      out.profile.push_back(TRY(profile_counts(tx, unit.id, item, f, t)));
    out.suggestions = TRY(suggestions(tx, unit.id, std::nullopt, f, t, 60));
    out.followups = TRY(list_followups(tx, unit.id, f, t));
    return out;
  });
}

Result<ExportQuery> start_export(const Env& env, const Actor& actor, const org::Unit& unit,
                                 const Date& from, const Date& to) {
  ExportQuery q{unit.id, format_date(from), format_date(to),
                may_read_officer_table(actor.user(), unit.instansi_id, unit.path)};
  nlohmann::json detail = {{"from", q.from}, {"to", q.to}};
  TRY(env.db.write([&](db::Tx& tx) {
    return audit::append(
        tx,
        actor.audit("skm.export", "unit", std::to_string(unit.id), unit.instansi_id, detail.dump()),
        env.now_ms());
  }));
  return q;
}

Result<FollowUpPlan> followup_plan(const Env& env, const org::Unit& unit, const Date& from,
                                   const Date& to) {
  CountsQuery q{.unit_id = unit.id};
  q.period = TRY(plan_period(from, to));
  return env.db.read([&](db::Tx& tx) -> Result<FollowUpPlan> {
    FollowUpPlan out;
    out.index = compute_index(TRY(load_counts(tx, q)), Weight::kExact);
    out.items = TRY(list_followups(tx, unit.id, format_date(from), format_date(to)));
    return out;
  });
}

Result<int64_t> add_followup(const Env& env, const Actor& actor, const org::Unit& unit,
                             const FollowUp& item) {
  TRY(validate(item));
  return env.db.write([&](db::Tx& tx) -> Result<int64_t> {
    int64_t id = TRY(insert_followup(tx, item, actor.user().user_id, env.now_seconds()));
    TRY(audit::append(
        tx, actor.audit("skm.followup_add", "skm_followup", std::to_string(id), unit.instansi_id),
        env.now_ms()));
    return id;
  });
}

Result<FollowUp> change_followup_status(const Env& env, const Actor& actor, const org::Unit& unit,
                                        int64_t id, FollowUpStatus status) {
  return env.db.write([&](db::Tx& tx) -> Result<FollowUp> {
    FollowUp changed = TRY(set_followup_status(tx, unit.id, id, status, env.now_seconds()));
    nlohmann::json detail = {{"status", enum_name(status)}};
    TRY(audit::append(tx,
                      actor.audit("skm.followup_status", "skm_followup", std::to_string(id),
                                  unit.instansi_id, detail.dump()),
                      env.now_ms()));
    return changed;
  });
}

}  // namespace harmoni::survey
