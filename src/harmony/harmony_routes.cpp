// Disharmony cases for handlers (list, a case's page with every step on it, usable on a
// phone), the overview for heads and leaders, watch notes, the instansi's settings, the
// parties' own view, and the same as a JSON API.
#include "harmony/harmony_routes.hpp"

#include <fmt/format.h>

#include "harmony/harmony_web.hpp"
#include "harmony/text_rules.hpp"
#include "platform/util/display.hpp"
#include "platform/web/routes_util.hpp"

namespace harmoni::harmony {
namespace {

using nlohmann::json;
using web::Context;
using web::Reply;

std::string day_text(const Context& ctx, const std::optional<Date>& d) {
  return d ? long_date(*d, ctx.lang) : "";
}

json case_row(const Context& ctx, const Case& c) {
  return {{"id", c.id},
          {"title", c.title},
          {"kind", label(ctx, kKindLabel, c.kind)},
          {"status", label(ctx, kStatusLabel, c.status)},
          {"unit", c.unit_name},
          {"opened", long_date(c.opened_on, ctx.lang)}};
}

json case_api(const Case& c) {
  return {{"id", c.id},
          {"unit", c.unit_id},
          {"setting", enum_name(c.setting)},
          {"region", c.region_code.empty() ? json(nullptr) : json(c.region_code)},
          {"kind", enum_name(c.kind)},
          {"dimension", c.dimension ? json(enum_name(*c.dimension)) : json(nullptr)},
          {"origin", enum_name(c.origin)},
          {"complaint", c.complaint_id ? json(*c.complaint_id) : json(nullptr)},
          {"title", c.title},
          {"summary", c.summary},
          {"status", enum_name(c.status)},
          {"outcome", c.outcome ? json(enum_name(*c.outcome)) : json(nullptr)},
          {"referral", c.referral ? json(enum_name(*c.referral)) : json(nullptr)},
          {"outcome_reason", c.outcome_reason},
          {"rule", c.rule},
          {"opened_on", format_date(c.opened_on)},
          {"closed_on", c.closed_on ? json(format_date(*c.closed_on)) : json(nullptr)}};
}

json view_api(const CaseView& v) {
  json out = case_api(v.c);
  json parties = json::array();
  for (const Party& p : v.parties)
    parties.push_back({{"id", p.id},
                       {"kind", enum_name(p.kind)},
                       {"side", p.side},
                       {"asn", p.asn_id ? json(*p.asn_id) : json(nullptr)}});
  json findings = json::array();
  for (const Finding& f : v.findings)
    findings.push_back({{"id", f.id},
                        {"fact", f.is_fact},
                        {"text", f.text},
                        {"source", f.source ? json(enum_name(*f.source)) : json(nullptr)},
                        {"source_detail", f.source_detail},
                        {"side", f.side ? json(*f.side) : json(nullptr)}});
  json causes = json::array();
  for (const Cause& c : v.causes)
    causes.push_back({{"id", c.id}, {"category", enum_name(c.category)}, {"whys", c.whys}});
  json sessions = json::array();
  for (const Session& s : v.sessions) {
    json needs = json::array();
    for (const Need& n : s.needs) needs.push_back({{"side", n.side}, {"text", n.text}});
    sessions.push_back(
        {{"id", s.id},
         {"held_on", format_date(s.held_on)},
         {"facilitator", s.facilitator_asn_id ? json(*s.facilitator_asn_id) : json(nullptr)},
         {"sides", s.sides_present},
         {"needs", needs},
         {"notes", s.notes}});
  }
  json agreements = json::array();
  for (const Agreement& a : v.agreements)
    agreements.push_back(
        {{"id", a.id},
         {"session", a.session_id ? json(*a.session_id) : json(nullptr)},
         {"text", a.text},
         {"owner", a.owner_asn_id},
         {"due_on", format_date(a.due_on)},
         {"state", enum_name(a.state)},
         {"checked_on", a.checked_on ? json(format_date(*a.checked_on)) : json(nullptr)},
         {"check_note", a.check_note}});
  json steps = json::array();
  for (const StepRecord& s : v.steps)
    steps.push_back({{"step", enum_name(s.step)}, {"at", iso_utc(s.at_ms)}, {"note", s.note}});
  json similar = json::array();
  for (const SimilarCase& s : v.similar)
    similar.push_back({{"id", s.c.id},
                       {"score", s.score},
                       {"outcome", s.c.outcome ? json(enum_name(*s.c.outcome)) : json(nullptr)},
                       {"reason", s.c.outcome_reason}});
  out["parties"] = parties;
  out["findings"] = findings;
  out["causes"] = causes;
  out["sessions"] = sessions;
  out["agreements"] = agreements;
  out["steps"] = steps;
  out["similar_closed"] = similar;
  out["article"] = v.article_id ? json(*v.article_id) : json(nullptr);
  return out;
}

// ---- lists and the overview ----

struct ListFilter {
  std::optional<State> status;
  bool open_only = false;
};
Result<ListFilter> list_filter(const Context& ctx) {
  ListFilter f;
  auto status = ctx.request.query_param("status");
  if (!status || status->empty() || *status == "active") {
    f.open_only = true;
  } else if (*status != "all") {
    f.status = parse_enum<State>(*status);
    if (!f.status) return Error::field("status", "harmony.status_unknown");
  }
  return f;
}

Reply show_cases(Context& ctx) {
  ListFilter f = TRY(list_filter(ctx));
  CasePage page = TRY(list_cases_for(ctx.env(), ctx.actor(), f.status, f.open_only,
                                     web::query_id(ctx, "before"), web::limit_param(ctx, 50, 200)));
  json rows = json::array();
  for (const Case& c : page.items) rows.push_back(case_row(ctx, c));
  const std::string chosen = f.status      ? std::string(enum_name(*f.status))
                             : f.open_only ? "active"
                                           : "all";
  json tabs = json::array();
  for (std::string value :
       {"active", "open", "analysis", "dialogue", "monitoring", "closed", "all"}) {
    tabs.push_back({{"value", value},
                    {"label", ctx.t("harmony.list." + value)},
                    {"current", value == chosen}});
  }
  json data = {{"rows", rows},
               {"empty", rows.empty()},
               {"tabs", tabs},
               {"status", chosen},
               {"can_open", ctx.user().role == auth::Role::kCaseHandler}};
  if (page.next_before) data["next"] = *page.next_before;
  return ctx.page("harmony_cases", data, "harmony.cases_title");
}

Reply api_cases(Context& ctx) {
  ListFilter f = TRY(list_filter(ctx));
  CasePage page = TRY(list_cases_for(ctx.env(), ctx.actor(), f.status, f.open_only,
                                     web::query_id(ctx, "before"), web::limit_param(ctx, 50, 200)));
  json items = json::array();
  for (const Case& c : page.items) items.push_back(case_api(c));
  return ctx.json(200,
                  {{"items", items},
                   {"next_before", page.next_before ? json(*page.next_before) : json(nullptr)}});
}

json watch_json(const Context& ctx, const WatchNote& w, const Date& today) {
  return {{"id", w.id},
          {"where", w.unit_name.empty() ? w.region_code : w.unit_name},
          {"note", w.note},
          {"review", long_date(w.review_on, ctx.lang)},
          {"due", w.review_on <= today}};
}

Reply overview_page(Context& ctx, const WatchNote* sent, const Error* error) {
  OverviewView o = TRY(harmony_overview(ctx.env(), ctx.actor()));
  const Date today = date_in_wib(ctx.now_ms());
  json kinds = json::array();
  for (auto [kind, n] : o.counts.open_by_kind)
    kinds.push_back({{"label", label(ctx, kKindLabel, kind)}, {"n", n}});
  json dimensions = json::array();
  for (auto [d, n] : o.counts.by_dimension)
    dimensions.push_back({{"label", label(ctx, kDimensionLabel, d)},
                          {"n", n < 0 ? ctx.t("harmony.withheld") : std::to_string(n)}});
  json notes = json::array();
  for (const WatchNote& w : o.watch_notes) notes.push_back(watch_json(ctx, w, today));
  json oldest = json::array();
  for (const Case& c : o.open_cases) oldest.push_back(case_row(ctx, c));
  json units = json::array();
  for (const org::Unit& u : TRY(units_for(ctx.env(), ctx.actor()))) {
    units.push_back({{"id", u.id}, {"name", u.name}, {"selected", sent && sent->unit_id == u.id}});
  }
  json data = {
      {"kinds", kinds},
      {"has_kinds", !kinds.empty()},
      {"under_30", o.counts.open_under_30},
      {"from_30_to_90", o.counts.open_30_to_90},
      {"over_90", o.counts.open_over_90},
      {"overdue", o.counts.agreements_overdue},
      {"resolved", o.counts.closed_resolved},
      {"partly", o.counts.closed_partly},
      {"referred", o.counts.closed_referred},
      {"dimensions", dimensions},
      {"has_dimensions", !dimensions.empty()},
      {"min_group", o.min_group},
      {"notes", notes},
      {"has_notes", !notes.empty()},
      {"oldest", oldest},
      {"has_oldest", !oldest.empty()},
      {"units", units},
      {"may_region", ctx.user().role == auth::Role::kCaseHandler},
      {"is_handler", ctx.user().role == auth::Role::kCaseHandler},
      {"form",
       {{"note", sent ? sent->note : ""},
        {"region", sent ? sent->region_code : ""},
        {"review_on", sent ? format_date(sent->review_on) : format_date(add_days(today, 30))}}}};
  return ctx.form_page("harmony", data, "harmony.overview_title", error);
}

Reply show_overview(Context& ctx) { return overview_page(ctx, nullptr, nullptr); }

Reply api_overview(Context& ctx) {
  OverviewView o = TRY(harmony_overview(ctx.env(), ctx.actor()));
  json kinds = json::object();
  for (auto [kind, n] : o.counts.open_by_kind) kinds[std::string(enum_name(kind))] = n;
  json dimensions = json::object();
  for (auto [d, n] : o.counts.by_dimension)
    dimensions[std::string(enum_name(d))] = n < 0 ? json(nullptr) : json(n);
  return ctx.json(200, {{"open_by_kind", kinds},
                        {"open_by_age",
                         {{"under_30", o.counts.open_under_30},
                          {"30_to_90", o.counts.open_30_to_90},
                          {"over_90", o.counts.open_over_90}}},
                        {"agreements_overdue", o.counts.agreements_overdue},
                        {"by_dimension", dimensions},
                        {"min_group", o.min_group},
                        {"watch_notes", o.watch_notes.size()}});
}

Result<WatchNote> read_watch(web::Input& in) {
  WatchNote w;
  if (in.is_json()) {
    w.unit_id = in.integer("unit", {.required = false, .min = 1});
  } else {
    w.unit_id = web::parse_id(in.text("unit", {.required = false, .max_chars = 20}).value_or(""));
  }
  w.region_code = in.text("region", {.required = false, .max_chars = 5}).value_or("");
  w.note = in.text("note", {.max_chars = 2000, .multiline = true}).value_or("");
  auto review = in.text("review_on", {.max_chars = 10});
  if (review) {
    if (auto d = parse_date(*review)) {
      w.review_on = *d;
    } else {
      in.add_error("review_on", "harmony.date_invalid");
    }
  }
  return w;
}

// Handlers and unit heads keep watch notes: checked before the input is read.
Status may_keep_watch(const Context& ctx) {
  const auth::Role r = ctx.user().role;
  if (!ctx.user().instansi_id || (r != auth::Role::kCaseHandler && r != auth::Role::kUnitHead))
    return Error::forbidden("harmony.not_handler");
  return {};
}

Status may_open_case(const Context& ctx) {
  if (!ctx.user().instansi_id || ctx.user().role != auth::Role::kCaseHandler)
    return Error::forbidden("harmony.not_handler");
  return {};
}

Reply add_watch(Context& ctx) {
  TRY(may_keep_watch(ctx));
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  WatchNote w = TRY(read_watch(in));
  Status done = in.finish();
  if (done.ok()) done = add_watch_note(ctx.env(), ctx.actor(), w).status();
  if (!done.ok()) {
    if (done.error().kind != ErrorKind::kInvalid) return done.release_error();
    return overview_page(ctx, &w, &done.error());
  }
  return ctx.redirect("/harmony", "saved");
}

Reply api_add_watch(Context& ctx) {
  TRY(may_keep_watch(ctx));
  auto in = TRY(ctx.input());
  WatchNote w = TRY(read_watch(in));
  TRY(in.finish());
  const int64_t id = TRY(add_watch_note(ctx.env(), ctx.actor(), w));
  return ctx.json(201, {{"id", id}});
}

Reply close_watch(Context& ctx) {
  auto id = web::id_param(ctx, "id");
  if (!id) return Error::not_found("harmony.watch_unknown");
  TRY(close_watch_note(ctx.env(), ctx.actor(), *id));
  if (ctx.wants_json()) return ctx.json(200, {{"id", *id}, {"closed", true}});
  return ctx.redirect("/harmony", "saved");
}

// ---- a new case ----

Reply new_case_page(Context& ctx, const Case& c, const Error* error) {
  json units = json::array();
  for (const org::Unit& u : TRY(units_for(ctx.env(), ctx.actor())))
    units.push_back({{"id", u.id}, {"name", u.name}, {"selected", c.unit_id == u.id}});
  json data = {{"units", units},
               {"kinds", options<Kind>(ctx, kKindLabel, c.kind)},
               {"dimensions", options<Dimension>(ctx, kDimensionLabel, c.dimension)},
               {"settings", options<Setting>(ctx, kSettingLabel, c.setting)},
               {"origins", json::array()},
               {"title", c.title},
               {"summary", c.summary},
               {"region", c.region_code},
               {"complaint", c.complaint_id ? json(*c.complaint_id) : json(false)}};
  for (Origin o : {Origin::kStaffReport, Origin::kObservation})
    data["origins"].push_back({{"value", enum_name(o)},
                               {"label", label(ctx, kOriginLabel, o)},
                               {"selected", c.origin == o}});
  return ctx.form_page("harmony_case_new", data, "harmony.new_title", error);
}

Reply show_new_case(Context& ctx) {
  TRY(may_open_case(ctx));
  Case c{.origin = Origin::kStaffReport};
  if (auto complaint = web::query_id(ctx, "complaint")) {
    FromComplaint from = TRY(prefill_from_complaint(ctx.env(), ctx.actor(), *complaint));
    if (from.existing_case)
      return ctx.redirect("/harmony/cases/" + std::to_string(*from.existing_case));
    c = from.draft;
  }
  return new_case_page(ctx, c, nullptr);
}

// The fields of a new case from a form or JSON.
Case read_case_fields(web::Input& in) {
  Case c;
  if (auto s = in.choice("setting", enum_name_list<Setting>()))
    c.setting = *parse_enum<Setting>(*s);
  if (auto k = in.choice("kind", enum_name_list<Kind>())) c.kind = *parse_enum<Kind>(*k);
  if (auto d = in.choice("dimension", enum_name_list<Dimension>(), false); d && !d->empty())
    c.dimension = parse_enum<Dimension>(*d);
  if (auto o = in.choice("origin", {"staff_report", "observation"}, false))
    c.origin = *parse_enum<Origin>(*o);
  else
    c.origin = Origin::kStaffReport;
  // A complaint brings its own unit, title and summary.
  if (in.is_json()) {
    c.complaint_id = in.integer("complaint", {.required = false, .min = 1});
    c.unit_id = in.integer("unit", {.required = !c.complaint_id, .min = 1}).value_or(0);
  } else {
    c.complaint_id =
        web::parse_id(in.text("complaint", {.required = false, .max_chars = 20}).value_or(""));
    c.unit_id =
        web::parse_id(in.text("unit", {.required = !c.complaint_id, .max_chars = 20}).value_or(""))
            .value_or(0);
  }
  c.region_code = in.text("region", {.required = false, .max_chars = 5}).value_or("");
  c.title = in.text("title", {.required = !c.complaint_id, .max_chars = kTitleMax}).value_or("");
  c.summary =
      in.text("summary", {.required = !c.complaint_id, .max_chars = kTextMax, .multiline = true})
          .value_or("");
  return c;
}

Result<int64_t> open_from_input(Context& ctx, const Case& c) {
  if (c.complaint_id)
    return open_case_from_complaint(ctx.env(), ctx.actor(), *c.complaint_id, c.kind, c.dimension);
  return open_case(ctx.env(), ctx.actor(), c);
}

Reply create_case(Context& ctx) {
  TRY(may_open_case(ctx));
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  Case c = read_case_fields(in);
  Status read = in.finish();
  Result<int64_t> id = read.ok() ? open_from_input(ctx, c) : Result<int64_t>(read.release_error());
  if (!id.ok()) {
    if (id.error().kind != ErrorKind::kInvalid) return id.release_error();
    return new_case_page(ctx, c, &id.error());
  }
  return ctx.redirect("/harmony/cases/" + std::to_string(*id), "saved");
}

Reply api_create_case(Context& ctx) {
  TRY(may_open_case(ctx));
  auto in = TRY(ctx.input());
  Case c = read_case_fields(in);
  TRY(in.finish());
  const int64_t id = TRY(open_from_input(ctx, c));
  return ctx.json(201, view_api(TRY(read_case(ctx.env(), ctx.actor(), id))));
}

// ---- a case ----

Result<CaseView> path_case(Context& ctx) {
  auto id = web::id_param(ctx, "id");
  if (!id) return Error::not_found("harmony.case_unknown");
  return read_case(ctx.env(), ctx.actor(), *id);
}

Reply case_page(Context& ctx, const CaseView& v, const web::Input* sent, const Error* error) {
  const Case& c = v.c;
  const Date today = date_in_wib(ctx.now_ms());
  auto raw = [&](std::string_view f) { return sent ? sent->raw(f) : std::string(); };
  int max_side = 2;
  json parties = json::array();
  for (const Party& p : v.parties) {
    max_side = std::max(max_side, p.side);
    parties.push_back(
        {{"side", p.side}, {"kind", label(ctx, kPartyLabel, p.kind)}, {"name", p.asn_name}});
  }
  json sides = json::array();
  for (int s = 1; s <= std::min(max_side + 1, 9); ++s)
    sides.push_back({{"n", s}, {"need", raw("need:" + std::to_string(s))}});
  json facts = json::array(), opinions = json::array();
  for (const Finding& f : v.findings) {
    json row = {{"text", f.text},
                {"source", f.source ? label(ctx, kSourceLabel, *f.source) : ""},
                {"detail", f.source_detail},
                {"side", f.side ? json(*f.side) : json(false)}};
    (f.is_fact ? facts : opinions).push_back(row);
  }
  json causes = json::array();
  for (const Cause& cause : v.causes) {
    json whys = json::array();
    for (const std::string& w : cause.whys) whys.push_back(w);
    causes.push_back({{"category", label(ctx, kCauseLabel, cause.category)}, {"whys", whys}});
  }
  json sessions = json::array();
  for (const Session& s : v.sessions) {
    json needs = json::array();
    for (const Need& n : s.needs) needs.push_back({{"side", n.side}, {"text", n.text}});
    std::string present;
    for (int side : s.sides_present)
      present += (present.empty() ? "" : ", ") + std::to_string(side);
    sessions.push_back({{"id", s.id},
                        {"held_on", long_date(s.held_on, ctx.lang)},
                        {"facilitator", s.facilitator_name},
                        {"present", present},
                        {"needs", needs},
                        {"notes", s.notes}});
  }
  json agreements = json::array();
  for (const Agreement& a : v.agreements)
    agreements.push_back({{"id", a.id},
                          {"text", a.text},
                          {"owner", a.owner_name},
                          {"due", long_date(a.due_on, ctx.lang)},
                          {"state", label(ctx, kAgreementLabel, a.state)},
                          {"overdue", is_overdue(a, today)},
                          {"checked", day_text(ctx, a.checked_on)},
                          {"note", a.check_note},
                          {"open", a.state != AgreementState::kKept}});
  json similar = json::array();
  for (const SimilarCase& s : v.similar)
    similar.push_back(
        {{"id", s.c.id},
         {"kind", label(ctx, kKindLabel, s.c.kind)},
         {"dimension", s.c.dimension ? label(ctx, kDimensionLabel, *s.c.dimension) : ""},
         {"rule", s.c.rule},
         {"outcome", s.c.outcome ? label(ctx, kOutcomeLabel, *s.c.outcome) : ""},
         {"reason", s.c.outcome_reason},
         {"closed", day_text(ctx, s.c.closed_on)}});
  json mediators = json::array();
  for (const Mediator& m : v.mediators)
    mediators.push_back({{"name", m.name}, {"unit", m.unit_name}, {"level", m.level}});
  json steps = json::array();
  for (const StepRecord& s : v.steps)
    steps.push_back({{"what", label(ctx, kStepLabel, s.step)},
                     {"when", long_date_time(s.at_ms, TimeZone::kWib, ctx.lang)},
                     {"by", s.actor_name},
                     {"note", s.note}});
  json session_options = json::array();
  for (const Session& s : v.sessions)
    session_options.push_back({{"id", s.id}, {"label", long_date(s.held_on, ctx.lang)}});
  const bool handle = v.rights.handle;
  const State st = c.status;
  const bool open = st != State::kClosed;
  json data = {
      {"id", c.id},
      {"case_id", c.id},
      {"title", c.title},
      {"summary", c.summary},
      {"status", label(ctx, kStatusLabel, st)},
      {"outcome", c.outcome ? json(label(ctx, kOutcomeLabel, *c.outcome)) : json(false)},
      {"referral", c.referral ? json(label(ctx, kReferralLabel, *c.referral)) : json(false)},
      {"outcome_reason", c.outcome_reason},
      {"kind", label(ctx, kKindLabel, c.kind)},
      {"dimension", c.dimension ? json(label(ctx, kDimensionLabel, *c.dimension)) : json(false)},
      {"setting", label(ctx, kSettingLabel, c.setting)},
      {"region", c.region_code},
      {"unit", c.unit_name},
      {"instansi", v.instansi_name},
      {"origin", label(ctx, kOriginLabel, c.origin)},
      {"complaint", c.complaint_id ? json(*c.complaint_id) : json(false)},
      {"opened", long_date(c.opened_on, ctx.lang)},
      {"closed", day_text(ctx, c.closed_on)},
      {"rule", c.rule},
      {"parties", parties},
      {"has_parties", !parties.empty()},
      {"facts", facts},
      {"opinions", opinions},
      {"causes", causes},
      {"sessions", sessions},
      {"agreements", agreements},
      {"has_agreements", !agreements.empty()},
      {"similar", similar},
      {"has_similar", !similar.empty()},
      {"mediators", mediators},
      {"has_mediators", !mediators.empty()},
      {"steps", steps},
      {"sides", sides},
      {"session_options", session_options},
      {"article", v.article_id ? json(*v.article_id) : json(false)},
      {"handle", handle && open},
      {"can_start", handle && st == State::kOpen},
      {"can_session",
       handle && (st == State::kAnalysis || st == State::kDialogue || st == State::kMonitoring)},
      {"can_agree", handle && (st == State::kDialogue || st == State::kMonitoring)},
      {"can_monitor", handle && st == State::kDialogue && !v.agreements.empty()},
      {"can_reopen", handle && st == State::kClosed},
      {"can_draft_lessons", handle && st == State::kClosed && !v.article_id},
      {"party_kinds", options<PartyKind>(ctx, kPartyLabel, PartyKind::kAsn)},
      {"sources", options<Source>(ctx, kSourceLabel, std::optional<Source>())},
      {"cause_categories",
       options<CauseCategory>(ctx, kCauseLabel, std::optional<CauseCategory>())},
      {"outcomes", options<Outcome>(ctx, kOutcomeLabel, Outcome::kResolved)},
      {"referrals", options<Referral>(ctx, kReferralLabel, std::optional<Referral>())},
      {"today", format_date(today)},
      {"form",
       {{"nip", raw("nip")},
        {"text", raw("text")},
        {"source_detail", raw("source_detail")},
        {"whys", raw("whys")},
        {"rule", raw("rule").empty() ? c.rule : raw("rule")},
        {"facilitator", raw("facilitator")},
        {"notes", raw("notes")},
        {"owner", raw("owner")},
        {"due_on", raw("due_on")},
        {"reason", raw("reason")}}}};
  return ctx.form_page("harmony_case", data, "harmony.case_title", error);
}

Reply show_case(Context& ctx) { return case_page(ctx, TRY(path_case(ctx)), nullptr, nullptr); }
Reply api_case(Context& ctx) { return ctx.json(200, view_api(TRY(path_case(ctx)))); }

// A step from the case's page (then the page again, or the form with its errors) or the
// API (then the case as JSON).
using StepFn = Status (*)(Context&, web::Input&, int64_t);

template <StepFn kTake, bool kApi>
Reply step_route(Context& ctx) {
  auto id = web::id_param(ctx, "id");
  if (!id) return Error::not_found("harmony.case_unknown");
  TRY(may_handle(ctx.env(), ctx.actor(), *id));
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  Status done = kTake(ctx, in, *id);
  if constexpr (kApi) {
    TRY(done);
    return ctx.json(200, view_api(TRY(read_case(ctx.env(), ctx.actor(), *id))));
  } else {
    if (!done.ok()) {
      if (!done.error().is_users_fault() || done.error().kind == ErrorKind::kNotFound)
        return done.release_error();
      return case_page(ctx, TRY(read_case(ctx.env(), ctx.actor(), *id)), &in, &done.error());
    }
    return ctx.redirect("/harmony/cases/" + std::to_string(*id), "saved");
  }
}

std::string long_text(web::Input& in, std::string_view field, bool required = true,
                      size_t max = kTextMax) {
  return in.text(field, {.required = required, .max_chars = max, .multiline = true}).value_or("");
}

std::optional<int> side_of(web::Input& in, std::string_view field, bool required) {
  auto v = in.is_json()
               ? in.integer(field, {.required = required, .min = 1, .max = 9})
               : web::parse_id(in.text(field, {.required = required, .max_chars = 2}).value_or(""));
  if (!v) return std::nullopt;
  if (*v < 1 || *v > 9) {
    in.add_error(std::string(field), "input.out_of_range", {{"min", "1"}, {"max", "9"}});
    return std::nullopt;
  }
  return static_cast<int>(*v);
}

std::optional<Date> date_of(web::Input& in, std::string_view field) {
  auto text = in.text(field, {.max_chars = 10});
  if (!text) return std::nullopt;
  auto d = parse_date(*text);
  if (!d) in.add_error(std::string(field), "harmony.date_invalid");
  return d;
}

Status step_start(Context& ctx, web::Input& in, int64_t id) {
  TRY(in.finish());
  return start_analysis(ctx.env(), ctx.actor(), id);
}

Status step_party(Context& ctx, web::Input& in, int64_t id) {
  auto kind = in.choice("kind", enum_name_list<PartyKind>());
  auto nip = in.text("nip", {.required = false, .max_chars = 32}).value_or("");
  auto side = side_of(in, "side", true);
  TRY(in.finish());
  return add_party(ctx.env(), ctx.actor(), id, *parse_enum<PartyKind>(*kind), nip, *side);
}

Status step_finding(Context& ctx, web::Input& in, int64_t id) {
  Finding f;
  f.is_fact = in.choice("type", {"fact", "opinion"}).value_or("fact") == "fact";
  f.text = long_text(in, "text", true, 2000);
  if (auto s = in.choice("source", enum_name_list<Source>(), false); s && !s->empty())
    f.source = parse_enum<Source>(*s);
  f.source_detail = in.text("source_detail", {.required = false, .max_chars = 200}).value_or("");
  f.side = side_of(in, "side", false);
  TRY(in.finish());
  return add_finding(ctx.env(), ctx.actor(), id, f);
}

Status step_cause(Context& ctx, web::Input& in, int64_t id) {
  Cause c;
  if (auto cat = in.choice("category", enum_name_list<CauseCategory>()))
    c.category = *parse_enum<CauseCategory>(*cat);
  if (in.is_json()) {
    c.whys =
        in.text_list("whys", kMaxWhys, {.max_chars = 500}).value_or(std::vector<std::string>{});
  } else {
    c.whys = nonblank_lines(long_text(in, "whys", true, 3000));
  }
  TRY(in.finish());
  return add_cause(ctx.env(), ctx.actor(), id, c);
}

Status step_rule(Context& ctx, web::Input& in, int64_t id) {
  auto rule = in.text("rule", {.max_chars = 500}).value_or("");
  TRY(in.finish());
  return set_rule(ctx.env(), ctx.actor(), id, rule);
}

Status step_session(Context& ctx, web::Input& in, int64_t id) {
  Session s;
  if (auto d = date_of(in, "held_on")) s.held_on = *d;
  auto facilitator = in.text("facilitator", {.required = false, .max_chars = 32}).value_or("");
  s.notes = long_text(in, "notes", false);
  if (in.is_json()) {
    if (auto n = in.nested("needs_by_side")) {
      for (const std::string& key : n->keys_with_prefix("")) {
        auto side = web::parse_id(key);
        auto text = n->text(key, {.max_chars = 1000, .multiline = true});
        if (side && text) s.needs.push_back({static_cast<int>(*side), *text});
        if (side) s.sides_present.push_back(static_cast<int>(*side));
      }
      in.absorb("needs_by_side", *n);
    }
  } else {
    // A side took part when its box is ticked; what it said it needs beside it.
    for (const std::string& key : in.keys_with_prefix("present:")) {
      auto side = web::parse_id(key);
      in.flag("present:" + key);
      if (side) s.sides_present.push_back(static_cast<int>(*side));
    }
    for (const std::string& key : in.keys_with_prefix("need:")) {
      auto side = web::parse_id(key);
      auto text = in.text("need:" + key, {.required = false, .max_chars = 1000, .multiline = true});
      if (side && text && !text->empty()) s.needs.push_back({static_cast<int>(*side), *text});
    }
  }
  TRY(in.finish());
  return record_session(ctx.env(), ctx.actor(), id, s, facilitator);
}

Status step_agreement(Context& ctx, web::Input& in, int64_t id) {
  Agreement a;
  a.text = long_text(in, "text", true, 1000);
  auto owner = in.text("owner", {.max_chars = 32}).value_or("");
  if (auto d = date_of(in, "due_on")) a.due_on = *d;
  if (in.is_json()) {
    a.session_id = in.integer("session", {.required = false, .min = 1});
  } else {
    a.session_id =
        web::parse_id(in.text("session", {.required = false, .max_chars = 20}).value_or(""));
  }
  TRY(in.finish());
  return add_agreement(ctx.env(), ctx.actor(), id, a, owner);
}

Status step_check(Context& ctx, web::Input& in, int64_t id) {
  auto agreement = in.is_json()
                       ? in.integer("agreement", {.min = 1})
                       : web::parse_id(in.text("agreement", {.max_chars = 20}).value_or(""));
  Check check;
  check.kept = in.choice("kept", {"yes", "no"}).value_or("no") == "yes";
  check.note = long_text(in, "note", false, 2000);
  TRY(in.finish());
  if (!agreement) return Error::not_found("harmony.agreement_unknown");
  return check_agreement(ctx.env(), ctx.actor(), id, *agreement, check);
}

Status step_monitor(Context& ctx, web::Input& in, int64_t id) {
  TRY(in.finish());
  return start_monitoring(ctx.env(), ctx.actor(), id);
}

Status step_close(Context& ctx, web::Input& in, int64_t id) {
  Closing closing;
  if (auto o = in.choice("outcome", enum_name_list<Outcome>()))
    closing.outcome = *parse_enum<Outcome>(*o);
  if (auto r = in.choice("referral", enum_name_list<Referral>(), false); r && !r->empty())
    closing.referral = parse_enum<Referral>(*r);
  closing.reason = long_text(in, "reason");
  TRY(in.finish());
  return close_case(ctx.env(), ctx.actor(), id, closing);
}

Status step_reopen(Context& ctx, web::Input& in, int64_t id) {
  auto reason = long_text(in, "reason");
  TRY(in.finish());
  return reopen_case(ctx.env(), ctx.actor(), id, reason);
}

Reply draft_lessons(Context& ctx) {
  auto id = web::id_param(ctx, "id");
  if (!id) return Error::not_found("harmony.case_unknown");
  TRY(may_handle(ctx.env(), ctx.actor(), *id));
  const int64_t article = TRY(draft_from_case(ctx.env(), ctx.actor(), *id,
                                              [&](const std::string& key) { return ctx.t(key); }));
  if (ctx.wants_json()) return ctx.json(201, {{"article", article}});
  return ctx.redirect("/kb/articles/" + std::to_string(article), "saved");
}

// ---- a party's own view ----

Reply show_mine(Context& ctx) {
  json cases = json::array();
  for (const PartyCase& p : TRY(my_cases(ctx.env(), ctx.actor()))) {
    json agreements = json::array();
    for (const Agreement& a : p.my_agreements)
      agreements.push_back({{"text", a.text},
                            {"due", long_date(a.due_on, ctx.lang)},
                            {"state", label(ctx, kAgreementLabel, a.state)}});
    cases.push_back(
        {{"title", p.title},
         {"status", label(ctx, kStatusLabel, p.status)},
         {"outcome", p.outcome ? json(label(ctx, kOutcomeLabel, *p.outcome)) : json(false)},
         {"agreements", agreements},
         {"has_agreements", !agreements.empty()}});
  }
  return ctx.page("harmony_mine", {{"cases", cases}, {"empty", cases.empty()}},
                  "harmony.mine_title");
}

// ---- settings ----

json settings_json(const Settings& s) {
  return {{"min_group", s.min_group}, {"study_minutes", s.study_minutes}};
}

Result<Settings> read_settings(Context& ctx, web::Input& in) {
  Settings s = TRY(harmony_settings_of(ctx.env(), ctx.actor()));
  in.ignore("_csrf");
  if (auto v = in.integer("min_group", {.required = false, .min = 0, .max = 1000}))
    s.min_group = static_cast<int>(*v);
  if (auto v = in.integer("study_minutes", {.required = false, .min = 0, .max = 10000}))
    s.study_minutes = static_cast<int>(*v);
  TRY(in.finish());
  return s;
}

Reply show_settings(Context& ctx) {
  return ctx.form_page("harmony_settings",
                       settings_json(TRY(harmony_settings_of(ctx.env(), ctx.actor()))),
                       "harmony.settings_title", nullptr);
}

Reply save_settings_from_form(Context& ctx) {
  auto in = TRY(ctx.input());
  auto s = read_settings(ctx, in);
  Status saved = s.ok() ? save_harmony_settings(ctx.env(), ctx.actor(), *s) : s.status();
  if (!saved.ok()) {
    if (saved.error().kind != ErrorKind::kInvalid) return saved.release_error();
    Settings shown = s.ok() ? *s : TRY(harmony_settings_of(ctx.env(), ctx.actor()));
    return ctx.form_page("harmony_settings", settings_json(shown), "harmony.settings_title",
                         &saved.error());
  }
  return ctx.redirect("/harmony/settings", "saved");
}

Reply api_settings(Context& ctx) {
  return ctx.json(200, settings_json(TRY(harmony_settings_of(ctx.env(), ctx.actor()))));
}

Reply api_save_settings(Context& ctx) {
  auto in = TRY(ctx.input());
  Settings s = TRY(read_settings(ctx, in));
  TRY(save_harmony_settings(ctx.env(), ctx.actor(), s));
  return ctx.json(200, settings_json(s));
}

template <StepFn kTake>
constexpr auto page_step = step_route<kTake, false>;
template <StepFn kTake>
constexpr auto api_step = step_route<kTake, true>;

constexpr web::RouteOptions kForm{.body_limit = 64 * 1024};
constexpr web::RouteOptions kAdmin{.permission = auth::Permission::kUserManage};
constexpr web::RouteOptions kAdminForm{.permission = auth::Permission::kUserManage,
                                       .body_limit = 16 * 1024};

const web::RouteDef kRoutes[] = {
    {"GET", "/harmony", show_overview},
    {"POST", "/harmony/watch", add_watch, kForm},
    {"POST", "/harmony/watch/{id}/close", close_watch, kForm},
    {"GET", "/harmony/mine", show_mine},
    {"GET", "/harmony/settings", show_settings, kAdmin},
    {"POST", "/harmony/settings", save_settings_from_form, kAdminForm},
    {"GET", "/harmony/cases", show_cases},
    {"GET", "/harmony/cases/new", show_new_case},
    {"POST", "/harmony/cases", create_case, kForm},
    {"GET", "/harmony/cases/{id}", show_case},
    {"POST", "/harmony/cases/{id}/analysis", page_step<step_start>, kForm},
    {"POST", "/harmony/cases/{id}/parties", page_step<step_party>, kForm},
    {"POST", "/harmony/cases/{id}/findings", page_step<step_finding>, kForm},
    {"POST", "/harmony/cases/{id}/causes", page_step<step_cause>, kForm},
    {"POST", "/harmony/cases/{id}/rule", page_step<step_rule>, kForm},
    {"POST", "/harmony/cases/{id}/sessions", page_step<step_session>, kForm},
    {"POST", "/harmony/cases/{id}/agreements", page_step<step_agreement>, kForm},
    {"POST", "/harmony/cases/{id}/checks", page_step<step_check>, kForm},
    {"POST", "/harmony/cases/{id}/monitoring", page_step<step_monitor>, kForm},
    {"POST", "/harmony/cases/{id}/close", page_step<step_close>, kForm},
    {"POST", "/harmony/cases/{id}/reopen", page_step<step_reopen>, kForm},
    {"POST", "/harmony/cases/{id}/lessons", draft_lessons, kForm},
    {"GET", "/api/v1/harmony/overview", api_overview},
    {"POST", "/api/v1/harmony/watch", api_add_watch, kForm},
    {"POST", "/api/v1/harmony/watch/{id}/close", close_watch, kForm},
    {"GET", "/api/v1/harmony/settings", api_settings},
    {"PUT", "/api/v1/harmony/settings", api_save_settings, kForm},
    {"GET", "/api/v1/harmony/cases", api_cases},
    {"POST", "/api/v1/harmony/cases", api_create_case, kForm},
    {"GET", "/api/v1/harmony/cases/{id}", api_case},
    {"POST", "/api/v1/harmony/cases/{id}/analysis", api_step<step_start>, kForm},
    {"POST", "/api/v1/harmony/cases/{id}/parties", api_step<step_party>, kForm},
    {"POST", "/api/v1/harmony/cases/{id}/findings", api_step<step_finding>, kForm},
    {"POST", "/api/v1/harmony/cases/{id}/causes", api_step<step_cause>, kForm},
    {"POST", "/api/v1/harmony/cases/{id}/rule", api_step<step_rule>, kForm},
    {"POST", "/api/v1/harmony/cases/{id}/sessions", api_step<step_session>, kForm},
    {"POST", "/api/v1/harmony/cases/{id}/agreements", api_step<step_agreement>, kForm},
    {"POST", "/api/v1/harmony/cases/{id}/checks", api_step<step_check>, kForm},
    {"POST", "/api/v1/harmony/cases/{id}/monitoring", api_step<step_monitor>, kForm},
    {"POST", "/api/v1/harmony/cases/{id}/close", api_step<step_close>, kForm},
    {"POST", "/api/v1/harmony/cases/{id}/reopen", api_step<step_reopen>, kForm},
    {"POST", "/api/v1/harmony/cases/{id}/lessons", draft_lessons, kForm},
};

}  // namespace

void register_routes(web::App& app) {
  using auth::Role;
  app.add_nav({52, "nav.harmony", "/harmony", std::nullopt, {Role::kCaseHandler, Role::kUnitHead}});
  app.add_nav({54, "nav.kb", "/kb", std::nullopt, {}});
  app.router().add(kRoutes);
  register_kb_routes(app);
}

}  // namespace harmoni::harmony
