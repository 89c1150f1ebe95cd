// HR's programmes and classes: the catalogue of programmes, classes with dates,
// place or link and capacity, enrolling people, attendance, and completion, which
// writes the JP ledger, issues a certificate and marks the plan actions it met as done.
#include <fmt/format.h>

#include "competency/shipped_catalog.hpp"
#include "learning/learning_cases.hpp"
#include "learning/learning_web.hpp"
#include "org/org_cases.hpp"
#include "platform/web/routes_util.hpp"

namespace harmoni::learning {
namespace {

using auth::Permission;
using nlohmann::json;
using web::Context;
using web::Reply;

// ---- programmes ----

Result<Programme> read_programme(web::Input& in, Programme p, bool creating) {
  if (creating) {
    if (auto v = in.text("code", {.max_chars = 32})) p.code = org::upper_code(*v);
  }
  if (auto v = in.text("title", {.min_chars = 3, .max_chars = 200})) p.title = *v;
  if (auto v = in.choice("type", enum_name_list<ProgrammeType>()))
    p.type = *parse_enum<ProgrammeType>(*v);
  if (auto v = in.choice("mode", enum_name_list<Mode>())) p.mode = *parse_enum<Mode>(*v);
  if (auto v = in.text("jp", {.max_chars = 8})) {
    if (auto jp = parse_jp(*v))
      p.jp_e2 = *jp;
    else
      in.add_error("jp", "learning.jp_invalid");
  }
  if (auto v = in.text("organiser", {.max_chars = 200})) p.organiser = *v;
  p.description = in.text("description", {.required = false, .max_chars = 4000, .multiline = true})
                      .value_or("");
  if (in.is_json()) {
    if (auto items = in.text_list("items", 50, {.required = false, .max_chars = 40}))
      p.items = *items;
  } else {
    p.items = in.keys_with_prefix("item:");
  }
  p.active = in.is_json() && !in.has("active") ? true : in.flag("active");
  TRY(in.finish());
  return p;
}

Reply programme_page(Context& ctx, const Programme& p, bool creating, const Error* error,
                     std::vector<ClassRow> classes = {}) {
  const auto& catalog = competency::catalog();
  json types = json::array(), modes = json::array(), items = json::array();
  for (ProgrammeType t : enum_values<ProgrammeType>()) {
    types.push_back({{"value", enum_name(t)},
                     {"label", ctx.t("learning.type." + std::string(enum_name(t)))},
                     {"selected", t == p.type}});
  }
  for (Mode m : enum_values<Mode>()) {
    modes.push_back({{"value", enum_name(m)},
                     {"label", ctx.t("learning.mode." + std::string(enum_name(m)))},
                     {"selected", m == p.mode}});
  }
  for (const auto& i : catalog.items("2023")) {
    if (i.kind == competency::ItemKind::kManagerial) continue;
    items.push_back(
        {{"code", i.code},
         {"text", i.text.in(ctx.lang)},
         {"checked", std::find(p.items.begin(), p.items.end(), i.code) != p.items.end()}});
  }
  json class_list = json::array();
  for (const auto& c : classes) {
    json j = class_json(ctx, c.session);
    j["seats_taken"] = c.seats_taken;
    j["waiting"] = c.waiting;
    class_list.push_back(j);
  }
  json data = {{"programme", programme_json(ctx, p)},
               {"types", types},
               {"modes", modes},
               {"items", items},
               {"creating", creating},
               {"classes", class_list},
               {"has_classes", !class_list.empty()},
               {"action", creating ? "/learning/programmes" : "/learning/programmes/" + p.code},
               {"jp_value", p.jp_e2 ? jp_text(p.jp_e2) : ""}};
  return ctx.form_page("programme", data,
                       creating ? "learning.programme_new" : "learning.programme_title", error);
}

// ---- classes ----

Result<ClassSession> read_class(web::Input& in, ClassSession c) {
  if (auto v = in.text("starts_on", {.max_chars = 10})) c.starts_on = *v;
  if (auto v = in.text("ends_on", {.max_chars = 10})) c.ends_on = *v;
  c.place = in.text("place", {.required = false, .max_chars = 300}).value_or("");
  c.link = in.text("link", {.required = false, .max_chars = 500}).value_or("");
  if (auto v = in.integer("capacity", {.min = 1, .max = 10000})) c.capacity = static_cast<int>(*v);
  c.self_registration = in.flag("self_registration");
  TRY(in.finish());
  return c;
}

Result<json> roster_json(const Context& ctx, const ClassAndProgramme& cp) {
  Roster roster = TRY(roster_of(ctx.env(), cp));
  const auto& people = roster.people;
  const auto& days = roster.days;
  json rows = json::array();
  for (const auto& e : people) {
    auto d = days.find(e.asn_id);
    rows.push_back(
        {{"id", e.id},
         {"asn_id", e.asn_id},
         {"nip", e.nip},
         {"name", e.name},
         {"unit", e.unit_name},
         {"status", enum_name(e.status)},
         {"status_label", ctx.t("learning.enrolment." + std::string(enum_name(e.status)))},
         {"seated", holds_seat(e.status)},
         {"days", d == days.end() ? 0 : d->second},
         {"score", e.score ? json(*e.score) : json()},
         {"passed", e.passed ? json(*e.passed) : json()}});
  }
  return json{{"class", class_json(ctx, cp.session)},
              {"programme", programme_json(ctx, cp.programme)},
              {"people", rows},
              {"seats_taken", learning::seats_taken(people)}};
}

Reply class_page(Context& ctx, const ClassAndProgramme& cp, const Error* error) {
  json data = TRY(roster_json(ctx, cp));
  data["has_people"] = !data["people"].empty();
  data["today"] = format_date(date_in_wib(ctx.now_ms()));
  data["ended"] = data["today"].get<std::string>() >= cp.session.ends_on;
  data["open"] = cp.session.status == ClassStatus::kPlanned;
  return ctx.form_page("class", data, "learning.class_title", error);
}

// Completion from a form ("result:ASN" = completed | not_completed, "score:ASN",
// "passed:ASN") or JSON ({"nip", "completed", "score", "passed"}).
Result<std::vector<ClassOutcome>> read_outcomes(Context& ctx, web::Input& in) {
  std::vector<ClassOutcome> out;
  const web::IntRule score_rule{.required = false, .min = 0, .max = 100};
  if (in.is_json()) {
    auto nip = in.text("nip", {.max_chars = 32});
    ClassOutcome o;
    o.completed = in.flag("completed");
    if (auto s = in.integer("score", score_rule)) o.score = static_cast<int>(*s);
    if (in.has("passed")) o.passed = in.flag("passed");
    TRY(in.finish());
    auto person = org::person_by_nip(ctx.env(), *nip, ctx.user_instansi());
    if (!person.ok()) return Error::field("nip", "asn.not_found");
    o.asn_id = person->id;
    out.push_back(o);
    return out;
  }
  for (const auto& id_text : in.keys_with_prefix("result:")) {
    ClassOutcome o;
    o.asn_id = std::atoll(id_text.c_str());
    auto result = in.choice("result:" + id_text, {"completed", "not_completed", ""}, false);
    if (!result || result->empty()) continue;
    o.completed = *result == "completed";
    if (auto s = in.integer("score:" + id_text, score_rule)) o.score = static_cast<int>(*s);
    if (!in.raw("passed:" + id_text).empty()) o.passed = in.raw("passed:" + id_text) == "yes";
    out.push_back(o);
  }
  TRY(in.finish());
  if (out.empty()) return Error::field("result", "learning.nothing_marked");
  return out;
}

json classes_json(const Context& ctx, const std::vector<ClassRow>& classes) {
  json items = json::array();
  for (const auto& c : classes) {
    json j = class_json(ctx, c.session);
    j["seats_taken"] = c.seats_taken;
    j["waiting"] = c.waiting;
    items.push_back(j);
  }
  return items;
}

Result<Programme> path_programme(const Context& ctx) {
  return programme_of(ctx.env(), ctx.actor(), ctx.param("code"));
}

Result<ClassAndProgramme> path_class(const Context& ctx) {
  return class_of(ctx.env(), ctx.actor(), web::id_param(ctx, "id"));
}

std::string class_url(const ClassAndProgramme& cp) {
  return "/learning/classes/" + std::to_string(cp.session.id);
}

// Attendance from a form: "seated:ASN" for each row shown, "present:ASN" when ticked.
std::vector<std::pair<int64_t, bool>> read_marks(web::Input& in) {
  std::vector<std::pair<int64_t, bool>> marks;
  for (const auto& id : in.keys_with_prefix("seated:")) {
    in.ignore("seated:" + id);
    marks.emplace_back(std::atoll(id.c_str()), in.flag("present:" + id));
  }
  return marks;
}

// ---- handlers: programmes ----

Reply list_programmes_page(Context& ctx) {
  json items = json::array();
  for (const auto& p : TRY(programmes_of(ctx.env(), ctx.actor()))) {
    items.push_back(programme_json(ctx, p));
  }
  return ctx.page("programmes", {{"programmes", items}, {"has_programmes", !items.empty()}},
                  "learning.programmes_title");
}

Reply new_programme_page(Context& ctx) {
  return programme_page(ctx, Programme{.instansi_id = ctx.user_instansi(), .jp_e2 = 0}, true,
                        nullptr);
}

Reply create_programme_from_form(Context& ctx) {
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  auto read = read_programme(in, Programme{.instansi_id = ctx.user_instansi()}, true);
  auto saved = read.ok() ? save_programme(ctx.env(), ctx.actor(), *read, true) : read;
  if (!saved.ok()) {
    if (!saved.error().is_users_fault()) return saved.release_error();
    Programme shown{.instansi_id = ctx.user_instansi(),
                    .code = in.raw("code"),
                    .title = in.raw("title"),
                    .organiser = in.raw("organiser"),
                    .description = in.raw("description")};
    shown.items = in.keys_with_prefix("item:");
    shown.type = parse_enum<ProgrammeType>(in.raw("type")).value_or(shown.type);
    shown.mode = parse_enum<Mode>(in.raw("mode")).value_or(shown.mode);
    shown.jp_e2 = parse_jp(in.raw("jp")).value_or(0);
    return programme_page(ctx, shown, true, &saved.error());
  }
  return ctx.redirect("/learning/programmes/" + saved->code, "saved");
}

Reply show_programme(Context& ctx) {
  Programme p = TRY(path_programme(ctx));
  return programme_page(ctx, p, false, nullptr, TRY(classes_of(ctx.env(), p)));
}

Reply update_programme_from_form(Context& ctx) {
  Programme p = TRY(path_programme(ctx));
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  auto read = read_programme(in, p, false);
  auto saved = read.ok() ? save_programme(ctx.env(), ctx.actor(), *read, false) : read;
  if (!saved.ok()) {
    if (!saved.error().is_users_fault()) return saved.release_error();
    return programme_page(ctx, p, false, &saved.error());
  }
  return ctx.redirect("/learning/programmes/" + p.code, "saved");
}

Reply create_class_from_form(Context& ctx) {
  Programme p = TRY(path_programme(ctx));
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  auto read = read_class(in, ClassSession{.programme_id = p.id});
  auto made = read.ok() ? create_class(ctx.env(), ctx.actor(), p, *read) : read;
  if (!made.ok()) {
    if (!made.error().is_users_fault()) return made.release_error();
    return programme_page(ctx, p, false, &made.error(), TRY(classes_of(ctx.env(), p)));
  }
  return ctx.redirect("/learning/classes/" + std::to_string(made->id), "saved");
}

// ---- handlers: a class ----

Reply show_class(Context& ctx) { return class_page(ctx, TRY(path_class(ctx)), nullptr); }

Reply enrol_from_form(Context& ctx) {
  ClassAndProgramme cp = TRY(path_class(ctx));
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  auto nip = in.text("nip", {.max_chars = 32});
  Status st = in.finish();
  if (st.ok()) st = enrol(ctx.env(), ctx.actor(), cp, *nip).status();
  if (!st.ok()) return class_page(ctx, cp, &st.error());
  return ctx.redirect(class_url(cp), "saved");
}

Reply attendance_from_form(Context& ctx) {
  ClassAndProgramme cp = TRY(path_class(ctx));
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  auto day = in.text("day", {.max_chars = 10});
  auto marks = read_marks(in);
  Status st = in.finish();
  if (st.ok()) st = mark_attendance(ctx.env(), ctx.actor(), cp, *day, marks);
  if (!st.ok()) return class_page(ctx, cp, &st.error());
  return ctx.redirect(class_url(cp), "saved");
}

Reply completion_from_form(Context& ctx) {
  ClassAndProgramme cp = TRY(path_class(ctx));
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  auto outcomes = read_outcomes(ctx, in);
  Status st = outcomes.ok() ? complete(ctx.env(), ctx.actor(), cp, *outcomes) : outcomes.status();
  if (!st.ok()) return class_page(ctx, cp, &st.error());
  return ctx.redirect(class_url(cp), "saved");
}

Reply class_status_from_form(Context& ctx) {
  ClassAndProgramme cp = TRY(path_class(ctx));
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  auto status = in.choice("status", enum_name_list<ClassStatus>());
  TRY(in.finish());
  TRY(change_class_status(ctx.env(), ctx.actor(), cp, *parse_enum<ClassStatus>(*status)));
  return ctx.redirect(class_url(cp), "saved");
}

// ---- handlers: the API ----

Reply api_programmes(Context& ctx) {
  json items = json::array();
  for (const auto& p : TRY(programmes_of(ctx.env(), ctx.actor()))) {
    items.push_back(programme_json(ctx, p));
  }
  return ctx.json(200, {{"items", items}});
}

Reply api_create_programme(Context& ctx) {
  auto in = TRY(ctx.input());
  Programme p = TRY(read_programme(in, Programme{.instansi_id = ctx.user_instansi()}, true));
  return ctx.json(201, programme_json(ctx, TRY(save_programme(ctx.env(), ctx.actor(), p, true))));
}

Reply api_update_programme(Context& ctx) {
  Programme current = TRY(path_programme(ctx));
  auto in = TRY(ctx.input());
  in.ignore("code");
  Programme p = TRY(read_programme(in, current, false));
  return ctx.json(200, programme_json(ctx, TRY(save_programme(ctx.env(), ctx.actor(), p, false))));
}

Reply api_classes(Context& ctx) {
  Programme p = TRY(path_programme(ctx));
  return ctx.json(200, {{"items", classes_json(ctx, TRY(classes_of(ctx.env(), p)))}});
}

Reply api_create_class(Context& ctx) {
  Programme p = TRY(path_programme(ctx));
  auto in = TRY(ctx.input());
  ClassSession c = TRY(read_class(in, ClassSession{.programme_id = p.id}));
  return ctx.json(201, class_json(ctx, TRY(create_class(ctx.env(), ctx.actor(), p, c))));
}

Reply api_class(Context& ctx) { return ctx.json(200, TRY(roster_json(ctx, TRY(path_class(ctx))))); }

Reply api_attendance(Context& ctx) {
  ClassAndProgramme cp = TRY(path_class(ctx));
  auto in = TRY(ctx.input());
  auto nip = in.text("nip", {.max_chars = 32});
  auto day = in.text("day", {.max_chars = 10});
  const bool present = in.is_json() && !in.has("present") ? true : in.flag("present");
  TRY(in.finish());
  auto person = org::person_by_nip(ctx.env(), *nip, ctx.user_instansi());
  if (!person.ok()) return Error::field("nip", "asn.not_found");
  TRY(mark_attendance(ctx.env(), ctx.actor(), cp, *day, {{person->id, present}}));
  return ctx.json(200, {{"status", "recorded"}});
}

Reply api_completion(Context& ctx) {
  ClassAndProgramme cp = TRY(path_class(ctx));
  auto in = TRY(ctx.input());
  auto outcomes = TRY(read_outcomes(ctx, in));
  TRY(complete(ctx.env(), ctx.actor(), cp, outcomes));
  return ctx.json(200, TRY(roster_json(ctx, cp)));
}

const web::RouteOptions kManage{.permission = Permission::kLearningManage};
const web::RouteOptions kManageWrite{.permission = Permission::kLearningManage,
                                     .body_limit = 64 * 1024};

const web::RouteDef kRoutes[] = {
    {"GET", "/learning/programmes", list_programmes_page, kManage},
    {"GET", "/learning/programmes/new", new_programme_page, kManage},
    {"POST", "/learning/programmes", create_programme_from_form, kManageWrite},
    {"GET", "/learning/programmes/{code}", show_programme, kManage},
    {"POST", "/learning/programmes/{code}", update_programme_from_form, kManageWrite},
    {"POST", "/learning/programmes/{code}/classes", create_class_from_form, kManageWrite},
    {"GET", "/learning/classes/{id}", show_class, kManage},
    {"POST", "/learning/classes/{id}/enrol", enrol_from_form, kManageWrite},
    {"POST", "/learning/classes/{id}/attendance", attendance_from_form, kManageWrite},
    {"POST", "/learning/classes/{id}/completion", completion_from_form, kManageWrite},
    {"POST", "/learning/classes/{id}/status", class_status_from_form, kManageWrite},
    {"GET", "/api/v1/learning/programmes", api_programmes, kManage},
    {"POST", "/api/v1/learning/programmes", api_create_programme, kManageWrite},
    {"PUT", "/api/v1/learning/programmes/{code}", api_update_programme, kManageWrite},
    {"GET", "/api/v1/learning/programmes/{code}/classes", api_classes, kManage},
    {"POST", "/api/v1/learning/programmes/{code}/classes", api_create_class, kManageWrite},
    {"GET", "/api/v1/learning/classes/{id}", api_class, kManage},
    {"POST", "/api/v1/learning/classes/{id}/attendance", api_attendance, kManageWrite},
    {"POST", "/api/v1/learning/classes/{id}/completion", api_completion, kManageWrite},
};

}  // namespace

std::span<const web::RouteDef> programme_routes() { return kRoutes; }

}  // namespace harmoni::learning
