// The survey's pages and API: the citizen's form (from a ticket, a unit's link or its
// kiosk), typing in paper forms, the index, an officer's results, the SKM report, the
// export and the follow-up plan.
#include "survey/survey_routes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "desk/desk_cases.hpp"
#include "platform/web/routes_util.hpp"
#include "survey/report_pdf.hpp"
#include "survey/survey_cases.hpp"
#include "survey/survey_web.hpp"

namespace harmoni::survey {
namespace {

using auth::Permission;
using web::Context;
using web::Reply;

Result<Weight> weight_param(const Context& ctx) {
  auto weight = parse_weight(ctx.request.query_param("weight").value_or(""));
  if (!weight) {
    return Error::field("weight", "input.not_allowed", {{"allowed", "exact, 0.111, 0.11"}});
  }
  return *weight;
}

Result<org::Unit> results_unit(const Context& ctx) {
  return desk::staff_unit(ctx.env(), ctx.actor(), ctx.param("unit_id"), Permission::kIkmRead);
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
                        {"weight", enum_name(r.weight)}};
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
nlohmann::json form_data(const Context& ctx, const web::Input* sent, FormOrder order) {
  const nlohmann::json& definition = questionnaire_definition();
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

// Where a form is answered: a ticket's visit (service known) or a unit's link or
// kiosk (the citizen picks the service), or typed in by staff from paper.
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
  FormOrder order = TRY(form_order_of(ctx.env(), f.unit.id));
  nlohmann::json data = form_data(ctx, sent, order);
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
  return ctx.form_page("survey_form", data, f.staff_entry ? "skm.entry_title" : "skm.form_title",
                       error);
}

FormSetting ticket_setting(const Context& ctx, const VisitSurvey& v) {
  return FormSetting{.unit = v.unit,
                     .action = "/s/" + ctx.param("token"),
                     .service_name = v.visit.service_name,
                     .ticket_label = v.visit.ticket_label,
                     .not_served = v.visit.waiting};
}

// A unit's public link or kiosk form.
Result<FormSetting> open_setting(const Context& ctx, const org::Unit& unit, bool kiosk) {
  auto services = TRY(desk::services_of(ctx.env(), unit.id, false));
  return FormSetting{.unit = unit,
                     .action = kiosk ? "/kiosk/" + ctx.param("key") + "/survey"
                                     : "/u/" + std::to_string(unit.id) + "/survey",
                     .services = std::move(services),
                     .kiosk = kiosk};
}

http::Response thanks_page(Context& ctx, bool already, int status = 200) {
  return ctx.page("survey_done", {{"already", already}}, "skm.done_title", status);
}

// The form, again after `error` when the citizen can correct it; other errors go on.
Reply form_again(Context& ctx, const FormSetting& f, const web::Input& in, const Error& error) {
  if (!error.is_users_fault()) return error;
  return survey_page(ctx, f, &in, &error);
}

// A response from a unit's link or kiosk: the service chosen, the answers, and the
// guards that keep one person from answering again and again.
Reply submit_open(Context& ctx, const FormSetting& setting, FromLink door,
                  const std::string& done_refresh) {
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  std::vector<std::string> codes;
  for (const auto& s : setting.services) codes.push_back(s.code);
  door.service_code = in.choice("service", codes).value_or("");
  Response response = read_response(in);
  Status valid = in.finish();
  if (!valid.ok()) return form_again(ctx, setting, in, valid.error());
  auto saved = submit_response(ctx.env(), ctx.actor(), {std::move(door), response});
  if (!saved.ok()) return form_again(ctx, setting, in, saved.error());
  auto res = thanks_page(ctx, false);
  if (!done_refresh.empty()) res.set_header("Refresh", "5; url=" + done_refresh);
  return res;
}

// A paper form as typed in by staff: the service, the visit's day, optionally the
// officer who served (NIP), and the answers.
FromPaper read_paper_form(const Context& ctx, web::Input& in, const org::Unit& unit) {
  FromPaper f{.unit = unit, .day = office_today(ctx.env())};
  f.service_code = in.text("service", {.max_chars = 32}).value_or("");
  f.officer_nip = in.text("officer", {.required = false, .max_chars = 32}).value_or("");
  if (auto text = in.text("date", {.required = false, .max_chars = 10}); text && !text->empty()) {
    if (auto d = parse_date(*text)) {
      if (*d > office_today(ctx.env())) in.add_error("date", "skm.date_future");
      f.day = *d;
    } else {
      in.add_error("date", "skm.date_invalid");
    }
  }
  return f;
}

Reply entry_page(Context& ctx, const org::Unit& unit, const web::Input* sent, const Error* error) {
  auto services = TRY(desk::services_of(ctx.env(), unit.id, false));
  FormSetting f{.unit = unit,
                .action = "/desk/" + std::to_string(unit.id) + "/entry",
                .services = std::move(services),
                .staff_entry = true};
  f.entry_date =
      sent && !sent->raw("date").empty() ? sent->raw("date") : format_date(office_today(ctx.env()));
  f.entry_officer = sent ? sent->raw("officer") : "";
  return survey_page(ctx, f, sent, error);
}

std::string element_title(const Context& ctx, const std::string& code) {
  const auto& e = questionnaire_definition()["elements"];
  if (!e.contains(code)) return ctx.t("followup.whole_service");
  return code + " " + e[code][ctx.lang == "en" ? "en" : "id"]["title"].get<std::string>();
}

std::string followup_status_label(const Context& ctx, FollowUpStatus status) {
  return ctx.t("followup.status." + std::string(enum_name(status)));
}

// The follow-up plan of a unit for one results period: the elements from the lowest
// NRR up (where to act first), the actions planned, and a form to add one.
Reply followup_page(Context& ctx, const org::Unit& unit, const Date& from, const Date& to,
                    const web::Input* sent, const Error* error) {
  FollowUpPlan plan = TRY(followup_plan(ctx.env(), unit, from, to));
  const IndexResult& r = plan.index;
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
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& item : plan.items) {
    nlohmann::json statuses = nlohmann::json::array();
    for (const auto& [st, name] : kFollowUpStatusNames) {
      statuses.push_back({{"value", name},
                          {"label", followup_status_label(ctx, st)},
                          {"selected", st == item.status}});
    }
    rows.push_back({{"id", item.id},
                    {"element", element_title(ctx, item.element)},
                    {"issue", item.issue},
                    {"action", item.action},
                    {"responsible", item.responsible},
                    {"due_date", item.due_date},
                    {"status", followup_status_label(ctx, item.status)},
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
  auto sent_text = [&](const char* name) { return sent ? sent->raw(name) : ""; };
  return ctx.form_page("followup",
                       {{"unit", {{"id", unit.id}, {"name", unit.name}}},
                        {"from", format_date(from)},
                        {"to", format_date(to)},
                        {"ranked", ranked},
                        {"items", rows},
                        {"has_items", !rows.empty()},
                        {"can_edit", ctx.user().can(Permission::kDeskManage)},
                        {"elements", element_choices},
                        {"sent",
                         {{"issue", sent_text("issue")},
                          {"action", sent_text("action")},
                          {"responsible", sent_text("responsible")},
                          {"due_date", sent_text("due_date")}}}},
                       "followup.title", error);
}

// One officer's results: every element (U6 competence and U7 courtesy first among
// them) and what citizens wrote.
Reply officer_page(Context& ctx, const OfficerResults& o, const Date& from, const Date& to,
                   const std::optional<org::Unit>& unit) {
  nlohmann::json notes = nlohmann::json::array();
  for (const auto& s : o.suggestions) notes.push_back({{"day", s.day}, {"text", s.text}});
  nlohmann::json data = {
      {"officer", {{"name", o.officer.name}, {"nip", o.officer.nip}}},
      {"from", format_date(from)},
      {"to", format_date(to)},
      {"respondents", o.index.respondents},
      {"u6", nrr_text(o.index, 5)},
      {"u7", nrr_text(o.index, 6)},
      {"elements", element_rows(ctx, o.index)},
      {"suggestions", notes},
      {"has_suggestions", !notes.empty()},
      {"back", unit ? nlohmann::json("/desk/" + std::to_string(unit->id) + "/results")
                    : nlohmann::json(false)}};
  return ctx.page("officer_results", data, "results.officer_title");
}

// The report's text in the reader's language around the figures.
ReportData report_data(const Context& ctx, const org::Unit& unit, const ReportFigures& fig,
                       const Date& from, const Date& to, Weight weight) {
  const std::string f = format_date(from), t = format_date(to);
  const IndexResult& r = fig.index;
  int64_t required = required_sample(fig.population);
  ReportData d;
  d.title = ctx.t("report.title");
  d.unit = unit.name;
  d.instansi = fig.instansi_name;
  d.period = ctx.t("report.period", {{"from", f}, {"to", t}});
  d.method = {{ctx.t("report.basis"), "PermenPANRB 14/2017"},
              {ctx.t("report.weight"), std::string(enum_name(weight))},
              {ctx.t("results.respondents"), std::to_string(r.respondents)},
              {ctx.t("report.population"), std::to_string(fig.population)},
              {ctx.t("report.required"), std::to_string(required) + " (Krejcie-Morgan)"},
              {ctx.t("report.adequate"),
               ctx.t(fig.population > 0 && r.respondents >= required ? "results.adequate"
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
  for (size_t i = 0; i < kRespondentItems.size(); ++i) {
    std::string name(kRespondentItems[i]);
    ReportProfile p{ctx.t("skm.profile." + name), {}};
    for (const auto& [code, n] : fig.profile[i]) {
      p.counts.emplace_back(
          code.empty() ? ctx.t("skm.profile.none") : ctx.t("skm.profile." + name + "." + code), n);
    }
    d.profile.push_back(std::move(p));
  }
  for (const auto& s : fig.suggestions) d.suggestions.push_back(s.day + ": " + s.text);
  for (const auto& item : fig.followups) {
    d.followups.push_back({element_title(ctx, item.element) + ": " + item.issue, item.action,
                           item.responsible,
                           item.due_date + " (" + followup_status_label(ctx, item.status) + ")"});
  }
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
  d.footer = ctx.t("report.footer", {{"date", format_date(office_today(ctx.env()))}});
  return d;
}

// ---- handlers: paper forms ----

// A paper form typed in by staff (or sent by another system with a bearer token).
Reply api_post_response(Context& ctx) {
  auto in = TRY(ctx.input());
  auto unit_id = in.integer("unit", {.min = 1});
  FromPaper door = read_paper_form(ctx, in, org::Unit{});
  Response response = read_response(in);
  TRY(in.finish());
  TRY(validate(response));
  door.unit = TRY(
      desk::staff_unit(ctx.env(), ctx.actor(), std::to_string(*unit_id), Permission::kSurveyEntry));
  const org::Unit& unit = door.unit;
  Submitted saved = TRY(submit_response(ctx.env(), ctx.actor(), {door, response}));
  return ctx.json(201, {{"id", saved.id},
                        {"unit", unit.id},
                        {"service", saved.service_code},
                        {"date", format_date(saved.day)}});
}

Result<org::Unit> entry_unit(const Context& ctx) {
  return desk::staff_unit(ctx.env(), ctx.actor(), ctx.param("unit_id"), Permission::kSurveyEntry);
}

// The same through a page: one paper form after another.
Reply show_entry(Context& ctx) { return entry_page(ctx, TRY(entry_unit(ctx)), nullptr, nullptr); }

Reply post_entry(Context& ctx) {
  org::Unit unit = TRY(entry_unit(ctx));
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  FromPaper door = read_paper_form(ctx, in, unit);
  Response response = read_response(in);
  Status saved = in.finish();
  if (saved.ok()) {
    auto submitted = submit_response(ctx.env(), ctx.actor(), {door, response});
    if (submitted.ok()) {
      return ctx.redirect("/desk/" + std::to_string(unit.id) + "/entry", "skm.entry_saved");
    }
    saved = submitted.release_error();
  }
  if (!saved.error().is_users_fault()) return saved.release_error();
  return entry_page(ctx, unit, &in, &saved.error());
}

// ---- handlers: the index and results ----

// The index for a unit (optionally one service and/or officer), or a whole instansi.
Reply api_index(Context& ctx) {
  const auto& req = ctx.request;
  Weight weight = TRY(weight_param(ctx));
  auto [from, to] = TRY(period_params(ctx));
  IndexQuery q{.unit = req.query_param("unit").value_or(""),
               .service = req.query_param("service"),
               .instansi = req.query_param("instansi"),
               .officer = req.query_param("officer"),
               .from = from,
               .to = to,
               .weight = weight};
  IndexAnswer a = TRY(index_for(ctx.env(), ctx.actor(), q));
  nlohmann::json scope;
  if (a.unit) scope["unit"] = {{"id", a.unit->id}, {"code", a.unit->code}, {"name", a.unit->name}};
  if (a.service_code) scope["service"] = *a.service_code;
  if (a.instansi_id) scope["instansi"] = *a.instansi_id;
  if (a.officer_nip) scope["officer"] = *a.officer_nip;
  nlohmann::json body = index_json(ctx, a.index);
  int64_t required = required_sample(a.population);
  body["sample"] = {{"population", a.population},
                    {"required", required},
                    {"adequate", a.population > 0 && a.index.respondents >= required}};
  body["period"] = {{"from", format_date(from)}, {"to", format_date(to)}};
  body["scope"] = scope;
  return ctx.json(200, body);
}

// The raw responses as a spreadsheet, streamed: built in constant memory in a
// temporary file, then sent in chunks. An export that names officers: audited.
Reply export_responses(Context& ctx) {
  org::Unit unit = TRY(results_unit(ctx));
  auto [from, to] = TRY(period_params(ctx));
  Headings headings;
  for (const auto& key : export_heading_keys())
    headings.push_back(key.starts_with("U") ? key : ctx.t(key));
  ExportQuery q = TRY(start_export(ctx.env(), ctx.actor(), unit, from, to));
  db::Database& database = ctx.services.db;
  const std::string tmpdir = ctx.services.config.upload_dir;
  return web::temp_file_download(
      ctx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      fmt::format("skm-{}-{}-{}.xlsx", unit.code, q.from, q.to), ".xlsx",
      [&database, q, headings, tmpdir](const std::string& path) -> Status {
        TRY(write_responses_xlsx(database, q, headings, path, tmpdir));
        return {};
      });
}

// The SKM report of a unit and period as a PDF (aggregates only; no one is named).
Reply report_pdf(Context& ctx) {
  org::Unit unit = TRY(results_unit(ctx));
  Weight weight = TRY(weight_param(ctx));
  auto [from, to] = TRY(period_params(ctx));
  ReportFigures figures = TRY(report_figures(ctx.env(), unit, from, to, weight));
  ReportData d = report_data(ctx, unit, figures, from, to, weight);
  return web::temp_file_download(
      ctx, "application/pdf",
      fmt::format("skm-{}-{}-{}.pdf", unit.code, format_date(from), format_date(to)), ".pdf",
      [d](const std::string& path) { return write_skm_report_pdf(d, path); });
}

// A unit head's view of one officer of the unit.
Reply unit_officer_results(Context& ctx) {
  org::Unit unit = TRY(results_unit(ctx));
  auto [from, to] = TRY(period_params(ctx));
  OfficerResults o = TRY(officer_results(
      ctx.env(), ctx.actor(), {.nip = ctx.param("nip"), .unit = unit, .from = from, .to = to}));
  return officer_page(ctx, o, from, to, unit);
}

// An officer's own U6/U7 and what citizens wrote about their service.
Reply own_feedback(Context& ctx) {
  auto [from, to] = TRY(period_params(ctx));
  OfficerResults o = TRY(officer_results(ctx.env(), ctx.actor(), {.from = from, .to = to}));
  return officer_page(ctx, o, from, to, std::nullopt);
}

// ---- handlers: citizens ----

// The survey of one visit, from the ticket's QR.
Reply show_visit_survey(Context& ctx) {
  VisitSurvey v = TRY(visit_survey(ctx.env(), ctx.param("token")));
  if (v.answered) return thanks_page(ctx, true);
  return survey_page(ctx, ticket_setting(ctx, v), nullptr, nullptr);
}

Reply submit_visit_survey(Context& ctx) {
  VisitSurvey v = TRY(visit_survey(ctx.env(), ctx.param("token")));
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  Response response = read_response(in);
  Status valid = in.finish();
  if (valid.ok()) valid = validate(response);
  if (!valid.ok()) return survey_page(ctx, ticket_setting(ctx, v), &in, &valid.error());
  auto saved = submit_response(ctx.env(), ctx.actor(), {FromTicket{ctx.param("token")}, response});
  if (!saved.ok() && saved.error().key == "skm.ticket_used") return thanks_page(ctx, true, 409);
  TRY(saved);
  return thanks_page(ctx, false);
}

// A unit's public survey link (poster QR) and its survey kiosk.
Reply show_link_survey(Context& ctx) {
  org::Unit unit = TRY(desk::public_unit(ctx.env(), ctx.param("unit_id")));
  return survey_page(ctx, TRY(open_setting(ctx, unit, false)), nullptr, nullptr);
}

Reply submit_link_survey(Context& ctx) {
  org::Unit unit = TRY(desk::public_unit(ctx.env(), ctx.param("unit_id")));
  // The browser is known by the public-form cookie; the address only as a salted daily hash.
  FromLink door{.unit = unit, .channel = Channel::kLink};
  door.guards.push_back({"addr:" + ctx.request.remote_addr, kLinkAddressGuard});
  std::string browser = ctx.request.cookie(web::kFormCsrfCookie);
  if (!browser.empty()) door.guards.push_back({"browser:" + browser, kLinkBrowserGuard});
  return submit_open(ctx, TRY(open_setting(ctx, unit, false)), std::move(door), "");
}

Reply show_kiosk_survey(Context& ctx) {
  org::Unit unit = TRY(desk::kiosk_unit(ctx.env(), ctx.param("key")));
  return survey_page(ctx, TRY(open_setting(ctx, unit, true)), nullptr, nullptr);
}

Reply submit_kiosk_survey(Context& ctx) {
  org::Unit unit = TRY(desk::kiosk_unit(ctx.env(), ctx.param("key")));
  FormSetting setting = TRY(open_setting(ctx, unit, true));
  FromLink door{.unit = unit,
                .channel = Channel::kKiosk,
                .guards = {{"kiosk:" + std::to_string(unit.id), kKioskGuard}}};
  // The kiosk thanks the citizen, then resets itself to a blank form.
  return submit_open(ctx, setting, std::move(door), setting.action);
}

// ---- handlers: the follow-up plan of a results period ----

Reply show_followup(Context& ctx) {
  org::Unit unit = TRY(results_unit(ctx));
  auto [from, to] = TRY(period_params(ctx));
  return followup_page(ctx, unit, from, to, nullptr, nullptr);
}

Result<org::Unit> managed_unit(const Context& ctx) {
  return desk::staff_unit(ctx.env(), ctx.actor(), ctx.param("unit_id"), Permission::kDeskManage);
}

std::string followup_url(const org::Unit& unit, const std::string& from, const std::string& to) {
  return fmt::format("/desk/{}/followup?from={}&to={}", unit.id, from, to);
}

Reply add_followup_item(Context& ctx) {
  org::Unit unit = TRY(managed_unit(ctx));
  auto [from, to] = TRY(period_params(ctx));
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  FollowUp item{
      .unit_id = unit.id,
      .period_from = format_date(from),
      .period_to = format_date(to),
      .element = in.text("element", {.required = false, .max_chars = 3}).value_or(""),
      .issue =
          in.text("issue", {.min_chars = 3, .max_chars = 1000, .multiline = true}).value_or(""),
      .action =
          in.text("action", {.min_chars = 3, .max_chars = 2000, .multiline = true}).value_or(""),
      .responsible = in.text("responsible", {.max_chars = 200}).value_or(""),
      .due_date = in.text("due_date", {.max_chars = 10}).value_or("")};
  Status added = in.finish();
  if (added.ok()) {
    auto id = add_followup(ctx.env(), ctx.actor(), unit, item);
    if (!id.ok()) added = id.release_error();
  }
  if (!added.ok()) {
    if (!added.error().is_users_fault()) return added.release_error();
    return followup_page(ctx, unit, from, to, &in, &added.error());
  }
  return ctx.redirect(followup_url(unit, item.period_from, item.period_to), "saved");
}

Reply set_followup_item_status(Context& ctx) {
  org::Unit unit = TRY(managed_unit(ctx));
  auto id = web::id_param(ctx, "id");
  if (!id) return Error::not_found("followup.unknown");
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  auto status = in.choice("status", enum_name_list<FollowUpStatus>());
  TRY(in.finish());
  FollowUp item = TRY(change_followup_status(ctx.env(), ctx.actor(), unit, *id,
                                             *parse_enum<FollowUpStatus>(*status)));
  return ctx.redirect(followup_url(unit, item.period_from, item.period_to), "saved");
}

constexpr size_t kFormLimit = 16 * 1024;
const web::RouteOptions kPublic{.access = web::Access::kPublic};
const web::RouteOptions kPublicForm{.access = web::Access::kPublic, .body_limit = kFormLimit};
const web::RouteOptions kRead{.permission = Permission::kIkmRead};
const web::RouteOptions kEntry{.permission = Permission::kSurveyEntry};
const web::RouteOptions kEntryForm{.permission = Permission::kSurveyEntry,
                                   .body_limit = kFormLimit};

const web::RouteDef kRoutes[] = {
    {"POST", "/api/v1/skm/responses", api_post_response, kEntryForm},
    {"GET", "/desk/{unit_id}/entry", show_entry, kEntry},
    {"POST", "/desk/{unit_id}/entry", post_entry, kEntryForm},
    {"GET", "/api/v1/ikm", api_index, kRead},
    {"GET", "/desk/{unit_id}/responses.xlsx", export_responses, kRead},
    {"GET", "/desk/{unit_id}/report.pdf", report_pdf, kRead},
    {"GET", "/desk/{unit_id}/results/{nip}", unit_officer_results, kRead},
    {"GET", "/feedback", own_feedback},
    {"GET", "/s/{token}", show_visit_survey, kPublic},
    {"POST", "/s/{token}", submit_visit_survey, kPublicForm},
    {"GET", "/u/{unit_id}/survey", show_link_survey, kPublic},
    {"POST", "/u/{unit_id}/survey", submit_link_survey, kPublicForm},
    {"GET", "/kiosk/{key}/survey", show_kiosk_survey, kPublic},
    {"POST", "/kiosk/{key}/survey", submit_kiosk_survey, kPublicForm},
    {"GET", "/desk/{unit_id}/followup", show_followup, kRead},
    {"POST",
     "/desk/{unit_id}/followup",
     add_followup_item,
     {.permission = Permission::kDeskManage, .body_limit = kFormLimit}},
    {"POST",
     "/desk/{unit_id}/followup/{id}/status",
     set_followup_item_status,
     {.permission = Permission::kDeskManage, .body_limit = 4 * 1024}},
};

}  // namespace

void register_routes(web::App& app) {
  app.add_nav({45,
               "nav.feedback",
               "/feedback",
               std::nullopt,
               {auth::Role::kOfficer, auth::Role::kUnitHead}});
  app.router().add(kRoutes);
}

}  // namespace harmoni::survey
