// The survey's staff side: typing in paper forms (API) and reading the index.
#include "survey/survey_routes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <limits>

#include "desk/desk_store.hpp"
#include "desk/unit_access.hpp"
#include "org/org_store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/embedded.hpp"
#include "platform/web/routes_util.hpp"
#include "queue/queue_store.hpp"
#include "survey/export_xlsx.hpp"
#include "survey/followup_store.hpp"
#include "survey/report_pdf.hpp"
#include "survey/survey_store.hpp"

namespace harmoni::survey {
namespace {

using auth::Permission;
using web::Context;
using web::Reply;

Date today(const Context& ctx) { return date_in_wib(ctx.now_ms()); }

// Results per named officer (U6/U7, suggestions, who served whom) go to the officer
// and to the head of their unit, nobody else.
bool sees_officer_results(const auth::Principal& p, const org::Unit& unit) {
  return p.role == auth::Role::kUnitHead && p.sees_unit(unit.instansi_id, unit.path);
}

// ?from=&to= (YYYY-MM-DD), by default the current quarter so far; field errors otherwise.
Result<std::pair<Date, Date>> period_params(const Context& ctx) {
  std::vector<FieldError> errors;
  Date to = today(ctx);
  Date from{to.year, ((to.month - 1) / 3) * 3 + 1, 1};
  for (auto [name, target] : {std::pair{"from", &from}, std::pair{"to", &to}}) {
    auto text = ctx.request.query_param(name);
    if (!text || text->empty()) continue;
    if (auto d = parse_date(*text)) {
      *target = *d;
    } else {
      errors.push_back({name, "skm.date_invalid", {}});
    }
  }
  if (!errors.empty()) return Error::fields_invalid(std::move(errors));
  TRY(plan_period(from, to));  // checks the order and length
  return std::pair{from, to};
}

// NRR of one element as text ("3.62"), or "–" when nobody answered it.
std::string nrr_text(const IndexResult& r, int element) {
  const auto& e = r.elements[element];
  return e.nrr_e4 ? format_fixed((*e.nrr_e4 + 50) / 100, 2) : "–";
}

// Answers U1..U9 (each optional, 1..4) and the respondent profile, from nested JSON
// objects ("answers", "respondent") or flat form fields (U1..U9, age_band, ...).
Response read_response(web::Input& in) {
  Response r;
  auto read_answers = [&](web::Input& from) {
    for (int i = 0; i < kElements; ++i) {
      auto v =
          from.integer("U" + std::to_string(i + 1), {.required = false, .min = 1, .max = kScale});
      if (v) r.answers[i] = static_cast<int>(*v);
    }
  };
  auto read_profile = [&](web::Input& from) {
    std::string* fields[] = {&r.respondent.age_band, &r.respondent.sex, &r.respondent.education,
                             &r.respondent.occupation};
    for (size_t i = 0; i < kRespondentItems.size(); ++i) {
      std::string name(kRespondentItems[i]);
      if (from.raw(name).empty()) {
        from.ignore(name);
        continue;
      }
      if (auto v = from.choice(name, respondent_choices(name))) *fields[i] = *v;
    }
  };
  if (in.is_json()) {
    if (auto answers = in.nested("answers")) {
      read_answers(*answers);
      in.absorb("answers", *answers);
    } else if (!in.has("answers")) {
      in.add_error("answers", "skm.no_answers");
    }
    if (auto profile = in.nested("respondent")) {
      read_profile(*profile);
      in.absorb("respondent", *profile);
    }
  } else {
    read_answers(in);
    read_profile(in);
  }
  if (auto s = in.text("suggestion", {.required = false, .max_chars = 2000, .multiline = true}))
    r.suggestion = *s;
  return r;
}

nlohmann::json index_json(const Context& ctx, const IndexResult& r) {
  nlohmann::json nrr = nlohmann::json::object(), answered = nlohmann::json::object();
  for (int i = 0; i < kElements; ++i) {
    std::string code = "U" + std::to_string(i + 1);
    const auto& e = r.elements[i];
    nrr[code] =
        e.nrr_e4 ? nlohmann::json(static_cast<double>(*e.nrr_e4) / 10000) : nlohmann::json();
    answered[code] = e.answered;
  }
  nlohmann::json out = {{"respondents", r.respondents},
                        {"nrr", nrr},
                        {"answered", answered},
                        {"weight", weight_name(r.weight)}};
  if (r.score_e2) {
    out["index"] = static_cast<double>(*r.index_e4) / 10000;
    out["score"] = static_cast<double>(*r.score_e2) / 100;
    out["mutu"] = mutu_letter(*r.mutu);
    out["kinerja"] = ctx.t(kinerja_key(*r.mutu));
  } else {
    out["index"] = out["score"] = out["mutu"] = out["kinerja"] = nullptr;
  }
  return out;
}

// The citizen's form: the questionnaire's elements in its order with the official
// answer wording in the page language, the profile items and what was sent before.
const nlohmann::json& builtin_definition() {
  static const nlohmann::json definition =
      nlohmann::json::parse(embedded_file("data/skm/skm2017.json").value_or("{}"), nullptr, false);
  return definition;
}

nlohmann::json form_data(const Context& ctx, const web::Input* sent, FormOrder order) {
  const nlohmann::json& definition = builtin_definition();
  const std::string lang = ctx.lang == "en" ? "en" : "id";
  nlohmann::json elements = nlohmann::json::array();
  for (int index : element_order(order)) {
    std::string code = "U" + std::to_string(index + 1);
    const auto& text = definition["elements"][code][lang];
    std::string chosen = sent ? sent->raw(code) : "";
    nlohmann::json answers = nlohmann::json::array();
    for (int v = 1; v <= kScale; ++v) {
      answers.push_back({{"value", v},
                         {"label", text["answers"][v - 1]},
                         {"checked", chosen == std::to_string(v)},
                         {"id", code + "-" + std::to_string(v)}});
    }
    elements.push_back({{"code", code},
                        {"title", text["title"]},
                        {"question", text["question"]},
                        {"answers", answers}});
  }
  nlohmann::json profile = nlohmann::json::array();
  for (auto item : kRespondentItems) {
    std::string name(item);
    std::string chosen = sent ? sent->raw(name) : "";
    nlohmann::json options = nlohmann::json::array();
    for (const auto& code : respondent_choices(name)) {
      options.push_back({{"value", code},
                         {"label", ctx.t("skm.profile." + name + "." + code)},
                         {"selected", chosen == code}});
    }
    profile.push_back(
        {{"name", name}, {"label", ctx.t("skm.profile." + name)}, {"options", options}});
  }
  return {{"elements", elements},
          {"profile", profile},
          {"suggestion", sent ? sent->raw("suggestion") : ""}};
}

Result<std::pair<queue::Ticket, desk::Service>> survey_ticket(const Context& ctx) {
  auto visit = TRY(ctx.services.db.read(
      [&](db::Tx& tx) { return queue::find_visit_by_token(tx, ctx.param("token")); }));
  if (!visit) return Error::not_found("skm.ticket_unknown");
  return *visit;
}

Result<bool> ticket_answered(const Context& ctx, int64_t ticket_id) {
  return ctx.services.db.read([&](db::Tx& tx) -> Result<bool> {
    return TRY(tx.query_one("SELECT id FROM skm_responses WHERE ticket_id = ?", {ticket_id}))
        .has_value();
  });
}

// Where a form is answered: a ticket's visit (service known) or a unit's link or
// kiosk (the citizen picks the service).
struct FormSetting {
  org::Unit unit;
  std::string action;
  std::optional<std::string> service_name;  // fixed by the ticket
  std::vector<desk::Service> services;      // to choose from otherwise
  std::string ticket_label;
  bool not_served = false;
  bool kiosk = false;
  bool staff_entry = false;  // a paper form typed in: also the date and the officer
  std::string entry_date;
  std::string entry_officer;
};

Reply survey_page(Context& ctx, const FormSetting& f, const web::Input* sent, const Error* error) {
  desk::Desk settings =
      TRY(ctx.services.db.read([&](db::Tx& tx) { return desk::load_desk(tx, f.unit.id); }));
  nlohmann::json data = form_data(ctx, sent, settings.survey_order);
  data["unit"] = f.unit.name;
  data["service"] = f.service_name ? nlohmann::json(*f.service_name) : nlohmann::json(false);
  nlohmann::json choices = nlohmann::json::array();
  std::string chosen = sent ? sent->raw("service") : "";
  for (const auto& s : f.services)
    choices.push_back({{"code", s.code}, {"name", s.name}, {"selected", s.code == chosen}});
  data["services"] = choices;
  data["choose_service"] = !f.service_name;
  data["ticket"] = f.ticket_label.empty() ? nlohmann::json(false) : nlohmann::json(f.ticket_label);
  data["action"] = f.action;
  data["form_csrf"] = ctx.form_csrf_token();
  data["not_served"] = f.not_served;
  data["kiosk"] = f.kiosk;
  data["staff_entry"] = f.staff_entry;
  data["entry_date"] = f.entry_date;
  data["entry_officer"] = f.entry_officer;
  if (error) data["errors"] = ctx.field_errors(*error);
  int status = !error ? 200 : error->kind == ErrorKind::kInvalid ? 422 : web::status_for(*error);
  return ctx.page("survey_form", data, f.staff_entry ? "skm.entry_title" : "skm.form_title",
                  status);
}

Result<FormSetting> ticket_setting(const Context& ctx, const queue::Ticket& t,
                                   const desk::Service& service) {
  auto unit =
      TRY(ctx.services.db.read([&](db::Tx& tx) { return org::find_unit_by_id(tx, t.unit_id); }));
  return FormSetting{*unit,        "/s/" + ctx.param("token"),
                     service.name, {},
                     t.label,      t.status == queue::TicketStatus::kWaiting,
                     false};
}

// A response from a unit's link or kiosk: the service chosen, the answers, and the
// guards that keep one person from answering again and again.
struct Anonymous {
  Channel channel;
  std::vector<std::pair<std::string, GuardPolicy>> guards;  // source -> policy
};

Reply submit_anonymous(Context& ctx, const org::Unit& unit, FormSetting setting,
                       const Anonymous& how, const std::string& done_refresh) {
  setting.services = TRY(
      ctx.services.db.read([&](db::Tx& tx) { return desk::list_services(tx, unit.id, false); }));
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  std::vector<std::string> codes;
  for (const auto& s : setting.services) codes.push_back(s.code);
  auto code = in.choice("service", codes);
  Response response = read_response(in);
  Status valid = in.finish();
  if (valid.ok()) valid = validate(response);
  if (!valid.ok()) return survey_page(ctx, setting, &in, &valid.error());
  int64_t service_id = 0;
  for (const auto& s : setting.services) {
    if (s.code == *code) service_id = s.id;
  }
  const Date day = today(ctx);
  const std::string day_text = format_date(day), fingerprint = answers_fingerprint(response);
  StoredResponse stored{unit.id, unit.instansi_id, service_id,   std::nullopt,
                        0,       how.channel,      std::nullopt, ctx.now_ms(),
                        day,     response,         std::nullopt};
  auto saved = ctx.services.db.write([&](db::Tx& tx) -> Result<int64_t> {
    std::vector<std::string> keys;
    for (const auto& [source, policy] : how.guards) {
      std::string key = TRY(guard_key(tx, day_text, source, ctx.services.random));
      TRY(check_guard(TRY(load_guard(tx, key, unit.id, day_text)), policy, ctx.now_ms(),
                      fingerprint));
      keys.push_back(key);
    }
    stored.questionnaire_id = TRY(builtin_questionnaire_id(tx, ctx.services.clock.now_seconds()));
    int64_t id = TRY(record_response(tx, stored));
    for (const auto& key : keys)
      TRY(bump_guard(tx, key, unit.id, day_text, ctx.now_ms(), fingerprint));
    return id;
  });
  if (!saved.ok()) {
    if (saved.error().kind == ErrorKind::kInternal || saved.error().kind == ErrorKind::kUnavailable)
      return saved.error();
    return survey_page(ctx, setting, &in, &saved.error());
  }
  auto res = ctx.page("survey_done", {{"already", false}}, "skm.done_title");
  if (!done_refresh.empty()) res.set_header("Refresh", "5; url=" + done_refresh);
  return res;
}

// The index of a period as table rows, one per element.
nlohmann::json element_rows(const Context& ctx, const IndexResult& r) {
  const std::string lang = ctx.lang == "en" ? "en" : "id";
  nlohmann::json rows = nlohmann::json::array();
  for (int i = 0; i < kElements; ++i) {
    std::string code = "U" + std::to_string(i + 1);
    rows.push_back({{"code", code},
                    {"title", builtin_definition()["elements"][code][lang]["title"]},
                    {"nrr", r.elements[i].nrr_e4 ? format_fixed(*r.elements[i].nrr_e4, 4) : "–"},
                    {"answered", r.elements[i].answered}});
  }
  return rows;
}

std::string element_title(const Context& ctx, const std::string& code) {
  const auto& e = builtin_definition()["elements"];
  if (!e.contains(code)) return ctx.t("followup.whole_service");
  return code + " " + e[code][ctx.lang == "en" ? "en" : "id"]["title"].get<std::string>();
}

// The follow-up plan of a unit for one results period: the elements from the lowest
// NRR up (where to act first), the actions planned, and a form to add one.
Reply followup_page(Context& ctx, const org::Unit& unit, const Date& from, const Date& to,
                    const web::Input* sent, const Error* error) {
  const std::string f = format_date(from), t = format_date(to);
  CountsQuery q{.unit_id = unit.id};
  q.period = TRY(plan_period(from, to));
  auto [counts, items] = TRY(ctx.services.db.read(
      [&](db::Tx& tx) -> Result<std::pair<AnswerCounts, std::vector<FollowUp>>> {
        return std::pair{TRY(load_counts(tx, q)), TRY(list_followups(tx, unit.id, f, t))};
      }));
  IndexResult r = compute_index(counts, Weight::kExact);
  nlohmann::json ranked = element_rows(ctx, r);
  std::stable_sort(
      ranked.begin(), ranked.end(), [&](const nlohmann::json& a, const nlohmann::json& b) {
        auto nrr = [&](const nlohmann::json& row) {
          const auto& e = r.elements[std::stoi(row["code"].get<std::string>().substr(1)) - 1];
          return e.nrr_e4 ? static_cast<int64_t>(*e.nrr_e4) : std::numeric_limits<int64_t>::max();
        };
        return nrr(a) < nrr(b);
      });
  for (size_t i = 0; i < ranked.size(); ++i)
    ranked[i]["priority"] = i < 3 && ranked[i]["nrr"] != "–";
  const bool can_edit = ctx.user().can(Permission::kDeskManage);
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& item : items) {
    nlohmann::json statuses = nlohmann::json::array();
    for (FollowUpStatus st : kFollowUpStatuses) {
      std::string name(followup_status_name(st));
      statuses.push_back({{"value", name},
                          {"label", ctx.t("followup.status." + name)},
                          {"selected", st == item.status}});
    }
    rows.push_back(
        {{"id", item.id},
         {"element", element_title(ctx, item.element)},
         {"issue", item.issue},
         {"action", item.action},
         {"responsible", item.responsible},
         {"due_date", item.due_date},
         {"status", ctx.t("followup.status." + std::string(followup_status_name(item.status)))},
         {"statuses", statuses}});
  }
  nlohmann::json element_choices = nlohmann::json::array();
  std::string chosen = sent ? sent->raw("element") : "";
  element_choices.push_back(
      {{"value", ""}, {"label", ctx.t("followup.whole_service")}, {"selected", chosen.empty()}});
  for (const auto& row : ranked) {
    std::string code = row["code"];
    element_choices.push_back(
        {{"value", code}, {"label", element_title(ctx, code)}, {"selected", chosen == code}});
  }
  nlohmann::json data = {{"unit", {{"id", unit.id}, {"name", unit.name}}},
                         {"from", f},
                         {"to", t},
                         {"ranked", ranked},
                         {"items", rows},
                         {"has_items", !rows.empty()},
                         {"can_edit", can_edit},
                         {"elements", element_choices},
                         {"sent",
                          {{"issue", sent ? sent->raw("issue") : ""},
                           {"action", sent ? sent->raw("action") : ""},
                           {"responsible", sent ? sent->raw("responsible") : ""},
                           {"due_date", sent ? sent->raw("due_date") : ""}}}};
  if (error) data["errors"] = ctx.field_errors(*error);
  int status = !error ? 200 : error->kind == ErrorKind::kInvalid ? 422 : web::status_for(*error);
  return ctx.page("followup", data, "followup.title", status);
}

nlohmann::json index_summary(const Context& ctx, const IndexResult& r) {
  if (!r.score_e2) return false;
  return {{"score", format_fixed(*r.score_e2, 2)},
          {"mutu", mutu_letter(*r.mutu)},
          {"kinerja", ctx.t(kinerja_key(*r.mutu))},
          {"respondents", r.respondents}};
}

std::string minutes_text(double ms) { return ms > 0 ? fmt::format("{:.1f}", ms / 60000.0) : "–"; }

// One officer's results: every element (U6 competence and U7 courtesy first among
// them), their service times at this unit and what citizens wrote.
Reply officer_page(Context& ctx, const org::Asn& officer, std::optional<org::Unit> unit) {
  auto [from, to] = TRY(period_params(ctx));
  CountsQuery q{.officer_asn_id = officer.id};
  q.period = TRY(plan_period(from, to));
  auto [counts, written] = TRY(ctx.services.db.read(
      [&](db::Tx& tx) -> Result<std::pair<AnswerCounts, std::vector<Suggestion>>> {
        return std::pair{
            TRY(load_counts(tx, q)),
            TRY(suggestions(tx, std::nullopt, officer.id, format_date(from), format_date(to), 50))};
      }));
  IndexResult r = compute_index(counts, Weight::kExact);
  nlohmann::json notes = nlohmann::json::array();
  for (const auto& s : written) notes.push_back({{"day", s.day}, {"text", s.text}});
  nlohmann::json data = {
      {"officer", {{"name", officer.name}, {"nip", officer.nip}}},
      {"from", format_date(from)},
      {"to", format_date(to)},
      {"respondents", r.respondents},
      {"u6", nrr_text(r, 5)},
      {"u7", nrr_text(r, 6)},
      {"elements", element_rows(ctx, r)},
      {"suggestions", notes},
      {"has_suggestions", !notes.empty()},
      {"back", unit ? nlohmann::json("/desk/" + std::to_string(unit->id) + "/results")
                    : nlohmann::json(false)}};
  return ctx.page("officer_results", data, "results.officer_title");
}

// A paper form as typed in by staff: the service, the visit's day, optionally the
// officer who served (NIP), and the answers.
struct PaperForm {
  std::string service_code;
  std::string officer_nip;
  Date day;
  Response response;
};

PaperForm read_paper_form(const Context& ctx, web::Input& in) {
  PaperForm f;
  f.service_code = in.text("service", {.max_chars = 32}).value_or("");
  f.officer_nip = in.text("officer", {.required = false, .max_chars = 32}).value_or("");
  f.day = today(ctx);
  if (auto text = in.text("date", {.required = false, .max_chars = 10}); text && !text->empty()) {
    if (auto d = parse_date(*text)) {
      if (*d > today(ctx)) in.add_error("date", "skm.date_future");
      f.day = *d;
    } else {
      in.add_error("date", "skm.date_invalid");
    }
  }
  f.response = read_response(in);
  return f;
}

// Stores a checked paper form for the unit; returns the response id and service code.
Result<std::pair<int64_t, std::string>> store_paper_form(Context& ctx, const org::Unit& unit,
                                                         const PaperForm& f) {
  auto service = TRY(ctx.services.db.read([&](db::Tx& tx) {
    return desk::find_service(tx, unit.id, org::upper_code(f.service_code));
  }));
  if (!service || !service->active) return Error::field("service", "service.unknown");
  std::optional<int64_t> officer;
  if (!f.officer_nip.empty()) {
    auto asn = TRY(ctx.services.db.read(
        [&](db::Tx& tx) { return org::find_asn_by_nip(tx, org::normalize_nip(f.officer_nip)); }));
    if (!asn || asn->instansi_id != unit.instansi_id)
      return Error::field("officer", "asn.not_found");
    officer = asn->id;
  }
  StoredResponse stored{unit.id,
                        unit.instansi_id,
                        service->id,
                        officer,
                        0,
                        ctx.user().via_api_token ? Channel::kApi : Channel::kPaper,
                        std::nullopt,
                        ctx.now_ms(),
                        f.day,
                        f.response,
                        ctx.user().user_id};
  int64_t id = TRY(ctx.services.db.write([&](db::Tx& tx) -> Result<int64_t> {
    stored.questionnaire_id = TRY(builtin_questionnaire_id(tx, ctx.services.clock.now_seconds()));
    int64_t id = TRY(record_response(tx, stored));
    TRY(audit::append(tx,
                      ctx.audit("skm.entry", "skm_response", std::to_string(id), unit.instansi_id),
                      ctx.now_ms()));
    return id;
  }));
  return std::pair{id, service->code};
}

Reply entry_page(Context& ctx, const org::Unit& unit, const web::Input* sent, const Error* error) {
  FormSetting f{unit, "/desk/" + std::to_string(unit.id) + "/entry"};
  f.services = TRY(
      ctx.services.db.read([&](db::Tx& tx) { return desk::list_services(tx, unit.id, false); }));
  f.staff_entry = true;
  f.entry_date = sent && !sent->raw("date").empty() ? sent->raw("date") : format_date(today(ctx));
  f.entry_officer = sent ? sent->raw("officer") : "";
  return survey_page(ctx, f, sent, error);
}

}  // namespace

void register_routes(web::App& app) {
  auto& r = app.router();
  app.add_nav({45,
               "nav.feedback",
               "/feedback",
               std::nullopt,
               {auth::Role::kOfficer, auth::Role::kUnitHead}});

  // A paper form typed in by staff (or sent by another system with a bearer token).
  r.add({"POST",
         "/api/v1/skm/responses",
         [](Context& ctx) -> Reply {
           auto in = TRY(ctx.input());
           auto unit_id = in.integer("unit", {.min = 1});
           auto entry = read_paper_form(ctx, in);
           TRY(in.finish());
           TRY(validate(entry.response));
           org::Unit unit =
               TRY(desk::staff_unit(ctx, std::to_string(*unit_id), Permission::kSurveyEntry));
           auto [id, service_code] = TRY(store_paper_form(ctx, unit, entry));
           return ctx.json(201, {{"id", id},
                                 {"unit", unit.id},
                                 {"service", service_code},
                                 {"date", format_date(entry.day)}});
         },
         {.permission = Permission::kSurveyEntry, .body_limit = 16 * 1024}});

  // The same through a page: one paper form after another.
  r.add({"GET",
         "/desk/{unit_id}/entry",
         [](Context& ctx) -> Reply {
           org::Unit unit =
               TRY(desk::staff_unit(ctx, ctx.param("unit_id"), Permission::kSurveyEntry));
           return entry_page(ctx, unit, nullptr, nullptr);
         },
         {.permission = Permission::kSurveyEntry}});

  r.add({"POST",
         "/desk/{unit_id}/entry",
         [](Context& ctx) -> Reply {
           org::Unit unit =
               TRY(desk::staff_unit(ctx, ctx.param("unit_id"), Permission::kSurveyEntry));
           auto in = TRY(ctx.input());
           in.ignore("_csrf");
           auto entry = read_paper_form(ctx, in);
           Status valid = in.finish();
           if (valid.ok()) valid = validate(entry.response);
           if (valid.ok()) {
             auto stored = store_paper_form(ctx, unit, entry);
             if (stored.ok())
               return ctx.redirect("/desk/" + std::to_string(unit.id) + "/entry",
                                   "skm.entry_saved");
             if (stored.error().kind == ErrorKind::kInternal ||
                 stored.error().kind == ErrorKind::kUnavailable) {
               return stored.error();
             }
             valid = stored.error();
           }
           return entry_page(ctx, unit, &in, &valid.error());
         },
         {.permission = Permission::kSurveyEntry, .body_limit = 16 * 1024}});

  // The index for a unit (optionally one service and/or officer), or a whole instansi.
  r.add(
      {"GET",
       "/api/v1/ikm",
       [](Context& ctx) -> Reply {
         const auto& req = ctx.request;
         const auto& p = ctx.user();
         auto weight = parse_weight(req.query_param("weight").value_or(""));
         if (!weight)
           return Error::field("weight", "input.not_allowed", {{"allowed", "exact, 0.111, 0.11"}});
         auto [from, to] = TRY(period_params(ctx));
         CountsQuery q;
         q.period = TRY(plan_period(from, to));
         nlohmann::json scope;
         std::string unit_param = req.query_param("unit").value_or("");
         if (unit_param.empty() && p.role == auth::Role::kUnitHead && p.unit_id)
           unit_param = std::to_string(*p.unit_id);
         int64_t instansi_id = 0;
         if (!unit_param.empty()) {
           org::Unit unit = TRY(desk::staff_unit(ctx, unit_param, Permission::kIkmRead));
           q.unit_id = unit.id;
           instansi_id = unit.instansi_id;
           scope["unit"] = {{"id", unit.id}, {"code", unit.code}, {"name", unit.name}};
           if (auto code = req.query_param("service"); code && !code->empty()) {
             auto s = TRY(ctx.services.db.read([&](db::Tx& tx) {
               return desk::find_service(tx, unit.id, org::upper_code(*code));
             }));
             if (!s) return Error::field("service", "service.unknown");
             q.service_id = s->id;
             scope["service"] = s->code;
           }
         } else {
           if (req.query_param("service")) return Error::field("service", "skm.service_needs_unit");
           if (p.role == auth::Role::kUnitHead) return Error::forbidden();
           std::optional<int64_t> wanted = p.instansi_id;
           if (auto code = req.query_param("instansi")) {
             auto i = TRY(ctx.services.db.read([&](db::Tx& tx) {
               return org::find_instansi_by_code(tx, org::upper_code(*code));
             }));
             if (!i || !p.in_instansi(i->id)) return Error::not_found("instansi.not_found");
             wanted = i->id;
           }
           if (!wanted) return Error::field("instansi", "input.required");
           q.instansi_id = instansi_id = *wanted;
           scope["instansi"] = *wanted;
         }
         if (auto nip = req.query_param("officer"); nip && !nip->empty()) {
           auto asn = TRY(ctx.services.db.read(
               [&](db::Tx& tx) { return org::find_asn_by_nip(tx, org::normalize_nip(*nip)); }));
           if (!asn || !p.sees_unit(asn->instansi_id, asn->unit_path) ||
               asn->instansi_id != instansi_id) {
             return Error::not_found("asn.not_found");
           }
           bool own = p.asn_id && *p.asn_id == asn->id;
           bool head =
               p.role == auth::Role::kUnitHead && p.sees_unit(asn->instansi_id, asn->unit_path);
           if (!own && !head) return Error::forbidden("results.officer_private");
           q.officer_asn_id = asn->id;
           scope["officer"] = asn->nip;
           // Results of one named officer are about a person: the read is audited.
           TRY(web::record_audit(ctx, ctx.audit("ikm.officer_read", "asn", std::to_string(asn->id),
                                                asn->instansi_id)));
         }
         auto [counts, population] =
             TRY(ctx.services.db.read([&](db::Tx& tx) -> Result<std::pair<AnswerCounts, int64_t>> {
               return std::pair{TRY(load_counts(tx, q)),
                                TRY(served_visits(tx, q, format_date(from), format_date(to)))};
             }));
         nlohmann::json body = index_json(ctx, compute_index(counts, *weight));
         int64_t required = required_sample(population);
         body["sample"] = {{"population", population},
                           {"required", required},
                           {"adequate", population > 0 && counts.respondents >= required}};
         body["period"] = {{"from", format_date(from)}, {"to", format_date(to)}};
         body["scope"] = scope;
         return ctx.json(200, body);
       },
       {.permission = Permission::kIkmRead}});
  // ---- citizens: the survey of one visit, from the ticket's QR ----
  r.add({"GET",
         "/s/{token}",
         [](Context& ctx) -> Reply {
           auto [ticket, service] = TRY(survey_ticket(ctx));
           if (TRY(ticket_answered(ctx, ticket.id)))
             return ctx.page("survey_done", {{"already", true}}, "skm.done_title");
           return survey_page(ctx, TRY(ticket_setting(ctx, ticket, service)), nullptr, nullptr);
         },
         {.access = web::Access::kPublic}});

  r.add({"POST",
         "/s/{token}",
         [](Context& ctx) -> Reply {
           auto [ticket, service] = TRY(survey_ticket(ctx));
           auto in = TRY(ctx.input());
           in.ignore("_csrf");
           Response response = read_response(in);
           Status valid = in.finish();
           if (valid.ok()) valid = validate(response);
           if (!valid.ok())
             return survey_page(ctx, TRY(ticket_setting(ctx, ticket, service)), &in,
                                &valid.error());
           if (ticket.status == queue::TicketStatus::kWaiting)
             return Error::conflict("skm.not_served_yet");
           auto instansi = TRY(ctx.services.db.read([&](db::Tx& tx) {
                             return org::find_unit_by_id(tx, ticket.unit_id);
                           }))->instansi_id;
           StoredResponse stored{
               ticket.unit_id,   instansi,  ticket.service_id, ticket.officer_asn_id,   0,
               Channel::kTicket, ticket.id, ctx.now_ms(),      *parse_date(ticket.day), response,
               std::nullopt};
           auto saved = ctx.services.db.write([&](db::Tx& tx) -> Result<int64_t> {
             stored.questionnaire_id =
                 TRY(builtin_questionnaire_id(tx, ctx.services.clock.now_seconds()));
             return record_response(tx, stored);
           });
           if (!saved.ok() && saved.error().key == "skm.ticket_used") {
             return ctx.page("survey_done", {{"already", true}}, "skm.done_title", 409);
           }
           TRY(saved);
           return ctx.page("survey_done", {{"already", false}}, "skm.done_title");
         },
         {.access = web::Access::kPublic, .body_limit = 16 * 1024}});
  // ---- staff: results of a unit and of its officers ----
  r.add(
      {"GET",
       "/desk/{unit_id}/results",
       [](Context& ctx) -> Reply {
         org::Unit unit = TRY(desk::staff_unit(ctx, ctx.param("unit_id"), Permission::kIkmRead));
         auto [from, to] = TRY(period_params(ctx));
         CountsQuery q{.unit_id = unit.id};
         q.period = TRY(plan_period(from, to));
         const std::string f = format_date(from), t = format_date(to);
         auto [counts, by_officer, times, officer_times, services, population] =
             TRY(ctx.services.db.read(
                 [&](db::Tx& tx) -> Result<std::tuple<AnswerCounts, std::map<int64_t, AnswerCounts>,
                                                      std::vector<queue::TimeStats>,
                                                      std::vector<queue::TimeStats>,
                                                      std::vector<desk::Service>, int64_t>> {
                   return std::tuple{
                       TRY(load_counts(tx, q)),
                       TRY(load_counts_by_officer(tx, unit.id, q.period)),
                       TRY(queue::time_stats(tx, unit.id, f, t, queue::StatsBy::kServiceAndClass)),
                       TRY(queue::time_stats(tx, unit.id, f, t, queue::StatsBy::kOfficer)),
                       TRY(desk::list_services(tx, unit.id, true)),
                       TRY(served_visits(tx, q, f, t))};
                 }));
         IndexResult r = compute_index(counts, Weight::kExact);
         std::map<int64_t, std::string> service_names;
         for (const auto& s : services) service_names[s.id] = s.name;
         nlohmann::json time_rows = nlohmann::json::array();
         for (const auto& st : times) {
           time_rows.push_back(
               {{"service", service_names[st.service_id]},
                {"class", ctx.t("queue.class." + std::string(queue::class_name(st.ticket_class)))},
                {"tickets", st.tickets},
                {"served", st.served},
                {"no_show", st.no_show},
                {"wait", minutes_text(st.avg_wait_ms)},
                {"service_time", minutes_text(st.avg_service_ms)},
                {"within",
                 st.served ? fmt::format("{}%", st.within_standard * 100 / st.served) : "–"}});
         }
         // Officers: everyone with results or served tickets in the period (heads only).
         const bool show_officers = sees_officer_results(ctx.user(), unit);
         if (!show_officers) {
           by_officer.clear();
           officer_times.clear();
         }
         std::map<int64_t, nlohmann::json> officers;
         for (const auto& [id, c] : by_officer) {
           IndexResult o = compute_index(c, Weight::kExact);
           officers[id] = {{"respondents", o.respondents},
                           {"u6", nrr_text(o, 5)},
                           {"u7", nrr_text(o, 6)},
                           {"served", 0},
                           {"service_time", "–"}};
         }
         for (const auto& st : officer_times) {
           auto& row = officers[st.officer_asn_id];
           if (!row.contains("respondents")) row = {{"respondents", 0}, {"u6", "–"}, {"u7", "–"}};
           row["served"] = st.served;
           row["service_time"] = minutes_text(st.avg_service_ms);
         }
         nlohmann::json officer_rows = nlohmann::json::array();
         TRY(ctx.services.db.read([&](db::Tx& tx) -> Status {
           for (auto& [id, row] : officers) {
             auto asn = TRY(org::find_asn_by_id(tx, id));
             if (!asn) continue;
             row["name"] = asn->name;
             row["nip"] = asn->nip;
             officer_rows.push_back(row);
           }
           return {};
         }));
         // Results per named officer are personal data: the head's view is audited.
         if (show_officers) {
           TRY(web::record_audit(ctx, ctx.audit("ikm.officers_read", "unit",
                                                std::to_string(unit.id), unit.instansi_id)));
         }
         int64_t required = required_sample(population);
         return ctx.page("unit_results",
                         {{"unit", {{"id", unit.id}, {"name", unit.name}}},
                          {"from", f},
                          {"to", t},
                          {"index", index_summary(ctx, r)},
                          {"elements", element_rows(ctx, r)},
                          {"population", population},
                          {"required", required},
                          {"adequate", population > 0 && r.respondents >= required},
                          {"times", time_rows},
                          {"has_times", !time_rows.empty()},
                          {"officers", officer_rows},
                          {"has_officers", !officer_rows.empty()},
                          {"show_officers", show_officers}},
                         "results.title");
       },
       {.permission = Permission::kIkmRead}});

  // The raw responses as a spreadsheet, streamed: built in constant memory in a
  // temporary file, then sent in chunks. An export that names officers: audited.
  r.add({"GET",
         "/desk/{unit_id}/responses.xlsx",
         [](Context& ctx) -> Reply {
           org::Unit unit = TRY(desk::staff_unit(ctx, ctx.param("unit_id"), Permission::kIkmRead));
           auto [from, to] = TRY(period_params(ctx));
           ExportQuery q{unit.id, format_date(from), format_date(to),
                         sees_officer_results(ctx.user(), unit)};
           Headings headings;
           for (const auto& key : export_heading_keys())
             headings.push_back(key.starts_with("U") ? key : ctx.t(key));
           TRY(web::record_audit(
               ctx, ctx.audit("skm.export", "unit", std::to_string(unit.id), unit.instansi_id,
                              fmt::format(R"({{"from":"{}","to":"{}"}})", q.from, q.to))));
           db::Database& database = ctx.services.db;
           const std::string tmpdir = ctx.services.config.upload_dir;
           return web::temp_file_download(
               ctx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
               fmt::format("skm-{}-{}-{}.xlsx", unit.code, q.from, q.to), ".xlsx",
               [&database, q, headings, tmpdir](const std::string& path) -> Status {
                 TRY(write_responses_xlsx(database, q, headings, path, tmpdir));
                 return {};
               });
         },
         {.permission = Permission::kIkmRead}});

  // The SKM report of a unit and period as a PDF (aggregates only; no one is named).
  r.add(
      {"GET",
       "/desk/{unit_id}/report.pdf",
       [](Context& ctx) -> Reply {
         org::Unit unit = TRY(desk::staff_unit(ctx, ctx.param("unit_id"), Permission::kIkmRead));
         auto weight = parse_weight(ctx.request.query_param("weight").value_or(""));
         if (!weight)
           return Error::field("weight", "input.not_allowed", {{"allowed", "exact, 0.111, 0.11"}});
         auto [from, to] = TRY(period_params(ctx));
         CountsQuery q{.unit_id = unit.id};
         q.period = TRY(plan_period(from, to));
         const std::string f = format_date(from), t = format_date(to);
         ReportData d;
         TRY(ctx.services.db.read([&](db::Tx& tx) -> Status {
           AnswerCounts counts = TRY(load_counts(tx, q));
           int64_t population = TRY(served_visits(tx, q, f, t));
           auto instansi = TRY(org::find_instansi(tx, unit.instansi_id));
           IndexResult r = compute_index(counts, *weight);
           int64_t required = required_sample(population);
           d.title = ctx.t("report.title");
           d.unit = unit.name;
           d.instansi = instansi ? instansi->name : "";
           d.period = ctx.t("report.period", {{"from", f}, {"to", t}});
           d.method = {{ctx.t("report.basis"), "PermenPANRB 14/2017"},
                       {ctx.t("report.weight"), std::string(weight_name(*weight))},
                       {ctx.t("results.respondents"), std::to_string(r.respondents)},
                       {ctx.t("report.population"), std::to_string(population)},
                       {ctx.t("report.required"), std::to_string(required) + " (Krejcie-Morgan)"},
                       {ctx.t("report.adequate"), ctx.t(population > 0 && r.respondents >= required
                                                            ? "results.adequate"
                                                            : "results.not_adequate")}};
           if (r.score_e2) {
             d.score = format_fixed(*r.score_e2, 2);
             d.mutu = std::string(mutu_letter(*r.mutu));
             d.kinerja = ctx.t(kinerja_key(*r.mutu));
           }
           for (const auto& row : element_rows(ctx, r)) {
             ReportElement e{row["code"], row["title"], 0, row["nrr"], row["answered"]};
             int i = std::stoi(e.code.substr(1)) - 1;
             if (r.elements[i].nrr_e4) e.nrr = static_cast<double>(*r.elements[i].nrr_e4) / 10000;
             d.elements.push_back(e);
           }
           for (auto item : kRespondentItems) {
             std::string name(item);
             ReportProfile p{ctx.t("skm.profile." + name), {}};
             for (const auto& [code, n] : TRY(profile_counts(tx, unit.id, name, f, t))) {
               p.counts.emplace_back(code.empty() ? ctx.t("skm.profile.none")
                                                  : ctx.t("skm.profile." + name + "." + code),
                                     n);
             }
             d.profile.push_back(std::move(p));
           }
           for (const auto& s : TRY(suggestions(tx, unit.id, std::nullopt, f, t, 60)))
             d.suggestions.push_back(s.day + ": " + s.text);
           for (const auto& item : TRY(list_followups(tx, unit.id, f, t))) {
             d.followups.push_back(
                 {element_title(ctx, item.element) + ": " + item.issue, item.action,
                  item.responsible,
                  item.due_date + " (" +
                      ctx.t("followup.status." + std::string(followup_status_name(item.status))) +
                      ")"});
           }
           return {};
         }));
         d.h_method = ctx.t("report.method");
         d.h_result = ctx.t("unit_public.ikm");
         d.h_elements = ctx.t("results.nrr_caption");
         d.h_chart = ctx.t("report.chart");
         d.h_profile = ctx.t("report.profile");
         d.h_suggestions = ctx.t("results.suggestions");
         d.h_followup = ctx.t("report.followup");
         d.h_none = ctx.t("unit_public.ikm_none");
         d.c_element = ctx.t("results.element");
         d.c_nrr = "NRR";
         d.c_answered = ctx.t("results.answered");
         d.c_issue = ctx.t("report.issue");
         d.c_action = ctx.t("report.action");
         d.c_who = ctx.t("report.who");
         d.c_when = ctx.t("report.when");
         d.footer = ctx.t("report.footer", {{"date", format_date(today(ctx))}});
         return web::temp_file_download(
             ctx, "application/pdf", fmt::format("skm-{}-{}-{}.pdf", unit.code, f, t), ".pdf",
             [d](const std::string& path) { return write_skm_report_pdf(d, path); });
       },
       {.permission = Permission::kIkmRead}});

  r.add({"GET",
         "/desk/{unit_id}/results/{nip}",
         [](Context& ctx) -> Reply {
           org::Unit unit = TRY(desk::staff_unit(ctx, ctx.param("unit_id"), Permission::kIkmRead));
           if (!sees_officer_results(ctx.user(), unit))
             return Error::forbidden("results.officer_private");
           auto asn = TRY(ctx.services.db.read([&](db::Tx& tx) {
             return org::find_asn_by_nip(tx, org::normalize_nip(ctx.param("nip")));
           }));
           if (!asn || !ctx.user().sees_unit(asn->instansi_id, asn->unit_path) ||
               asn->instansi_id != unit.instansi_id) {
             return Error::not_found("asn.not_found");
           }
           TRY(web::record_audit(ctx, ctx.audit("ikm.officer_read", "asn", std::to_string(asn->id),
                                                asn->instansi_id)));
           return officer_page(ctx, *asn, unit);
         },
         {.permission = Permission::kIkmRead}});

  // An officer's own U6/U7 and what citizens wrote about their service.
  r.add({"GET", "/feedback", [](Context& ctx) -> Reply {
           const auto& p = ctx.user();
           if (!p.asn_id) return Error::not_found("results.no_asn");
           auto asn = TRY(ctx.services.db.read(
               [&](db::Tx& tx) { return org::find_asn_by_id(tx, *p.asn_id); }));
           if (!asn) return Error::not_found("results.no_asn");
           return officer_page(ctx, *asn, std::nullopt);
         }});
  // ---- citizens: a unit's public survey link (poster QR) and its survey kiosk ----
  r.add({"GET",
         "/u/{unit_id}/survey",
         [](Context& ctx) -> Reply {
           org::Unit unit = TRY(desk::public_unit(ctx, ctx.param("unit_id")));
           FormSetting f{unit, "/u/" + std::to_string(unit.id) + "/survey"};
           f.services = TRY(ctx.services.db.read(
               [&](db::Tx& tx) { return desk::list_services(tx, unit.id, false); }));
           return survey_page(ctx, f, nullptr, nullptr);
         },
         {.access = web::Access::kPublic}});

  r.add({"POST",
         "/u/{unit_id}/survey",
         [](Context& ctx) -> Reply {
           org::Unit unit = TRY(desk::public_unit(ctx, ctx.param("unit_id")));
           // The browser is known by the public-form cookie; the address only as a salted daily
           // hash.
           std::string browser = ctx.request.cookie(web::kFormCsrfCookie);
           Anonymous how{Channel::kLink, {{"addr:" + ctx.request.remote_addr, kLinkAddressGuard}}};
           if (!browser.empty()) how.guards.push_back({"browser:" + browser, kLinkBrowserGuard});
           return submit_anonymous(
               ctx, unit, FormSetting{unit, "/u/" + std::to_string(unit.id) + "/survey"}, how, "");
         },
         {.access = web::Access::kPublic, .body_limit = 16 * 1024}});

  r.add({"GET",
         "/kiosk/{key}/survey",
         [](Context& ctx) -> Reply {
           org::Unit unit = TRY(desk::kiosk_unit(ctx, ctx.param("key")));
           FormSetting f{unit, "/kiosk/" + ctx.param("key") + "/survey"};
           f.kiosk = true;
           f.services = TRY(ctx.services.db.read(
               [&](db::Tx& tx) { return desk::list_services(tx, unit.id, false); }));
           return survey_page(ctx, f, nullptr, nullptr);
         },
         {.access = web::Access::kPublic}});

  r.add({"POST",
         "/kiosk/{key}/survey",
         [](Context& ctx) -> Reply {
           org::Unit unit = TRY(desk::kiosk_unit(ctx, ctx.param("key")));
           FormSetting f{unit, "/kiosk/" + ctx.param("key") + "/survey"};
           f.kiosk = true;
           Anonymous how{Channel::kKiosk, {{"kiosk:" + std::to_string(unit.id), kKioskGuard}}};
           // The kiosk thanks the citizen, then resets itself to a blank form.
           return submit_anonymous(ctx, unit, f, how, f.action);
         },
         {.access = web::Access::kPublic, .body_limit = 16 * 1024}});
  // ---- staff: the follow-up plan of a results period ----
  r.add({"GET",
         "/desk/{unit_id}/followup",
         [](Context& ctx) -> Reply {
           org::Unit unit = TRY(desk::staff_unit(ctx, ctx.param("unit_id"), Permission::kIkmRead));
           auto [from, to] = TRY(period_params(ctx));
           return followup_page(ctx, unit, from, to, nullptr, nullptr);
         },
         {.permission = Permission::kIkmRead}});

  r.add(
      {"POST",
       "/desk/{unit_id}/followup",
       [](Context& ctx) -> Reply {
         org::Unit unit = TRY(desk::staff_unit(ctx, ctx.param("unit_id"), Permission::kDeskManage));
         auto [from, to] = TRY(period_params(ctx));
         auto in = TRY(ctx.input());
         in.ignore("_csrf");
         FollowUp item{
             .unit_id = unit.id, .period_from = format_date(from), .period_to = format_date(to)};
         item.element = in.text("element", {.required = false, .max_chars = 3}).value_or("");
         item.issue =
             in.text("issue", {.min_chars = 3, .max_chars = 1000, .multiline = true}).value_or("");
         item.action =
             in.text("action", {.min_chars = 3, .max_chars = 2000, .multiline = true}).value_or("");
         item.responsible = in.text("responsible", {.max_chars = 200}).value_or("");
         item.due_date = in.text("due_date", {.max_chars = 10}).value_or("");
         Status valid = in.finish();
         if (valid.ok()) valid = validate(item);
         if (!valid.ok()) return followup_page(ctx, unit, from, to, &in, &valid.error());
         TRY(ctx.services.db.write([&](db::Tx& tx) -> Status {
           int64_t id =
               TRY(insert_followup(tx, item, ctx.user().user_id, ctx.services.clock.now_seconds()));
           return audit::append(
               tx,
               ctx.audit("skm.followup_add", "skm_followup", std::to_string(id), unit.instansi_id),
               ctx.now_ms());
         }));
         return ctx.redirect(fmt::format("/desk/{}/followup?from={}&to={}", unit.id,
                                         item.period_from, item.period_to),
                             "saved");
       },
       {.permission = Permission::kDeskManage, .body_limit = 16 * 1024}});

  r.add({"POST",
         "/desk/{unit_id}/followup/{id}/status",
         [](Context& ctx) -> Reply {
           org::Unit unit =
               TRY(desk::staff_unit(ctx, ctx.param("unit_id"), Permission::kDeskManage));
           auto id = web::id_param(ctx, "id");
           if (!id) return Error::not_found("followup.unknown");
           auto in = TRY(ctx.input());
           in.ignore("_csrf");
           std::vector<std::string> names;
           for (FollowUpStatus st : kFollowUpStatuses) names.emplace_back(followup_status_name(st));
           auto status = in.choice("status", names);
           TRY(in.finish());
           FollowUp item = TRY(ctx.services.db.write([&](db::Tx& tx) -> Result<FollowUp> {
             FollowUp changed =
                 TRY(set_followup_status(tx, unit.id, *id, *parse_followup_status(*status),
                                         ctx.services.clock.now_seconds()));
             TRY(audit::append(
                 tx,
                 ctx.audit("skm.followup_status", "skm_followup", std::to_string(*id),
                           unit.instansi_id, nlohmann::json({{"status", *status}}).dump()),
                 ctx.now_ms()));
             return changed;
           }));
           return ctx.redirect(fmt::format("/desk/{}/followup?from={}&to={}", unit.id,
                                           item.period_from, item.period_to),
                               "saved");
         },
         {.permission = Permission::kDeskManage, .body_limit = 4 * 1024}});
}

}  // namespace harmoni::survey
