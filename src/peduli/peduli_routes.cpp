// Peduli, the social-care programme: activities (HR makes them), signing up, the
// coordinator's confirmation of who came and for how long (which earns JP by the
// instansi's rule), the reflection journal, and the programme's evaluation.
#include "peduli/peduli_routes.hpp"

#include <fmt/format.h>

#include "peduli/peduli_cases.hpp"
#include "platform/chart/bar_chart.hpp"
#include "platform/web/routes_util.hpp"

namespace harmoni::peduli {
namespace {

using auth::Permission;
using nlohmann::json;
using web::Context;
using web::Reply;

// The fields a coordinator writes, as read_activity reads them.
json written_fields(const Activity& a) {
  return {{"title", a.title},       {"region", a.region_code},
          {"place", a.place},       {"starts_on", a.starts_on},
          {"ends_on", a.ends_on},   {"start_time", a.start_time},
          {"end_time", a.end_time}, {"partner", a.partner},
          {"capacity", a.capacity}, {"description", a.description}};
}

json activity_json(const Context& ctx, const ActivityRow& r) {
  const Activity& a = r.activity;
  json out = written_fields(a);
  out.update({{"id", a.id},
              {"target_group", enum_name(a.target_group)},
              {"target_label", ctx.t("peduli.target." + std::string(enum_name(a.target_group)))},
              {"region_name", r.region_name},
              {"places_left", std::max(0, a.capacity - r.signed_up)},
              {"signed_up", r.signed_up},
              {"attended", r.attended},
              {"coordinator", {{"nip", r.coordinator_nip}, {"name", r.coordinator_name}}},
              {"beneficiaries", a.beneficiaries},
              {"status", enum_name(a.status)},
              {"status_label", ctx.t("peduli.status." + std::string(enum_name(a.status)))},
              {"hours", fmt::format("{:.1f}", static_cast<double>(planned_minutes(a)) / 60)}});
  return out;
}

// Every field of an activity from a form or JSON; the coordinator's NIP beside it.
Result<std::pair<Activity, std::string>> read_activity(web::Input& in, Activity a) {
  if (auto v = in.text("title", {.min_chars = 3, .max_chars = 200})) a.title = *v;
  if (auto v = in.choice("target_group", enum_name_list<TargetGroup>()))
    a.target_group = *parse_enum<TargetGroup>(*v);
  a.region_code = in.text("region", {.required = false, .max_chars = 13}).value_or("");
  a.place = in.text("place", {.required = false, .max_chars = 300}).value_or("");
  if (auto v = in.text("starts_on", {.max_chars = 10})) a.starts_on = *v;
  if (auto v = in.text("ends_on", {.max_chars = 10})) a.ends_on = *v;
  if (auto v = in.text("start_time", {.max_chars = 5})) a.start_time = *v;
  if (auto v = in.text("end_time", {.max_chars = 5})) a.end_time = *v;
  a.partner = in.text("partner", {.required = false, .max_chars = 200}).value_or("");
  if (auto v = in.integer("capacity", {.min = 1, .max = 5000})) a.capacity = static_cast<int>(*v);
  a.description = in.text("description", {.required = false, .max_chars = 4000, .multiline = true})
                      .value_or("");
  auto coordinator = in.text("coordinator", {.max_chars = 32});
  TRY(in.finish());
  return std::pair{std::move(a), coordinator.value_or("")};
}

// Reads and saves an activity; new, or the one given.
Result<int64_t> save_from_request(const Context& ctx, web::Input& in, const Activity& base,
                                  bool creating) {
  auto [a, coordinator] = TRY(read_activity(in, base));
  return save_activity(ctx.env(), ctx.actor(), a, coordinator, creating);
}

Reply activity_form(Context& ctx, const Activity& a, const std::string& coordinator_nip,
                    bool creating, const Error* error) {
  json groups = json::array();
  for (const auto& [g, name] : kTargetGroupNames) {
    groups.push_back({{"value", name},
                      {"label", ctx.t("peduli.target." + std::string(name))},
                      {"selected", g == a.target_group}});
  }
  json fields = written_fields(a);
  fields["coordinator"] = coordinator_nip;
  json data = {{"activity", fields},
               {"groups", groups},
               {"creating", creating},
               {"action", creating ? "/peduli" : "/peduli/" + std::to_string(a.id)}};
  return ctx.form_page("peduli_form", data, creating ? "peduli.new_title" : "peduli.edit_title",
                       error);
}

Reply reflection_page(Context& ctx, const ActivityRow& row, const Reflection& r,
                      const std::string& mentor_nip, const Error* error) {
  json data = {{"activity", activity_json(ctx, row)},
               {"seen", r.answers[0]},
               {"felt", r.answers[1]},
               {"change", r.answers[2]},
               {"mentor", mentor_nip},
               {"private", r.sharing == Sharing::kPrivate},
               {"to_mentor", r.sharing == Sharing::kMentor},
               {"to_superior", r.sharing == Sharing::kSuperior}};
  return ctx.form_page("peduli_reflection", data, "peduli.reflection_title", error);
}

// A reflection from a form or JSON: "seen", "felt", "change", "sharing", "mentor" (NIP).
Result<std::pair<Reflection, std::string>> read_reflection(web::Input& in) {
  Reflection r;
  for (size_t i = 0; i < kQuestions.size(); ++i) {
    r.answers[i] =
        in.text(kQuestions[i], {.required = false, .max_chars = kMaxAnswerChars, .multiline = true})
            .value_or("");
  }
  if (auto v = in.choice("sharing", enum_name_list<Sharing>()))
    r.sharing = *parse_enum<Sharing>(*v);
  std::string mentor = in.text("mentor", {.required = false, .max_chars = 32}).value_or("");
  TRY(in.finish());
  return std::pair{std::move(r), std::move(mentor)};
}

Result<Reflection> save_from_request(const Context& ctx, web::Input& in, const Reflecting& who) {
  auto [r, mentor] = TRY(read_reflection(in));
  return save_reflection_of(ctx.env(), ctx.actor(), who, r, mentor);
}

json evaluation_json(const Context& ctx, const EvaluationFacts& f) {
  const Evaluation& e = f.evaluation;
  json months = json::array(), regions = json::array(), targets = json::array(),
       leaders = json::array();
  for (const auto& [month, m] : e.by_month) {
    months.push_back({{"month", month},
                      {"people", m.people},
                      {"activities", m.activities},
                      {"hours", fmt::format("{:.1f}", m.minutes / 60.0)}});
  }
  for (const auto& [region, n] : e.people_by_region) {
    regions.push_back({{"region", region}, {"name", f.region_names.at(region)}, {"people", n}});
  }
  for (const auto& [target, n] : e.activities_by_target) {
    auto beneficiaries = e.beneficiaries_by_target.find(target);
    targets.push_back(
        {{"target", target},
         {"label", ctx.t("peduli.target." + target)},
         {"activities", n},
         {"beneficiaries",
          beneficiaries == e.beneficiaries_by_target.end() ? 0 : beneficiaries->second}});
  }
  for (const auto& u : f.units) {
    auto s = f.shares.find(u.id);
    if (s == f.shares.end()) continue;
    const UnitShare& x = s->second;
    leaders.push_back({{"unit", u.code},
                       {"name", u.name},
                       {"heads", x.heads},
                       {"heads_took_part", x.heads_took_part},
                       {"heads_percent", x.heads ? x.heads_took_part * 100 / x.heads : 0},
                       {"staff", x.staff},
                       {"staff_took_part", x.staff_took_part},
                       {"staff_percent", x.staff ? x.staff_took_part * 100 / x.staff : 0}});
  }
  return json{{"from", f.from},
              {"to", f.to},
              {"participants", e.participants},
              {"returning", e.returning},
              {"returning_percent", e.participants ? e.returning * 100 / e.participants : 0},
              {"activities", e.activities},
              {"hours", fmt::format("{:.1f}", e.minutes / 60.0)},
              {"beneficiaries", e.beneficiaries},
              {"by_month", months},
              {"by_region", regions},
              {"by_target", targets},
              {"leaders", leaders}};
}

Result<json> evaluation_of_request(const Context& ctx) {
  EvaluationFacts facts =
      TRY(evaluation_of(ctx.env(), ctx.actor(), ctx.request.query_param("from").value_or(""),
                        ctx.request.query_param("to").value_or(""), ctx.t("peduli.no_region")));
  return evaluation_json(ctx, facts);
}

std::string today_text(const Context& ctx) { return format_date(date_in_wib(ctx.now_ms())); }

// An activity: its facts, one's sign-up, and for its coordinator the list to confirm.
Reply activity_page(Context& ctx, const ActivityRow& row, const Error* error) {
  Attendees who = TRY(attendees_of(ctx.env(), ctx.actor(), row));
  const bool coordinator = coordinates(ctx.user(), row.activity);
  json list = json::array();
  if (coordinator) {
    for (const auto& p : who.people) {
      list.push_back(
          {{"nip", p.nip},
           {"name", p.name},
           {"unit", p.unit_name},
           {"attendance", enum_name(p.attendance)},
           {"attendance_label", ctx.t("peduli.attendance." + std::string(enum_name(p.attendance)))},
           {"minutes", p.minutes ? p.minutes : planned_minutes(row.activity)},
           {"attended", p.attendance == Attendance::kAttended},
           {"absent", p.attendance == Attendance::kAbsent}});
    }
  }
  const auto& mine = who.mine;
  const bool signed_up = mine && mine->attendance == Attendance::kSignedUp;
  const bool open =
      row.activity.status == ActivityStatus::kPlanned && row.activity.ends_on >= today_text(ctx);
  return ctx.form_page("peduli_activity",
                       {{"activity", activity_json(ctx, row)},
                        {"coordinator", coordinator},
                        {"people", list},
                        {"has_people", !list.empty()},
                        {"linked", who.linked},
                        {"signed_up", signed_up},
                        {"can_sign_up", who.linked && open && !mine.has_value()},
                        {"can_sign_up_again",
                         who.linked && open && mine && mine->attendance == Attendance::kCancelled},
                        {"can_reflect", mine && mine->attendance == Attendance::kAttended},
                        {"can_edit", ctx.user().can(Permission::kLearningManage)},
                        {"done", row.activity.status == ActivityStatus::kDone},
                        {"errors", nullptr}},
                       "peduli.activity_title", error);
}

Result<ActivityRow> path_activity(const Context& ctx) {
  return activity_of(ctx.env(), ctx.actor(), web::id_param(ctx, "id"));
}

Result<Reflecting> path_reflecting(const Context& ctx) {
  return reflecting(ctx.env(), ctx.actor(), web::id_param(ctx, "id"));
}

std::string activity_url(const ActivityRow& row) {
  return "/peduli/" + std::to_string(row.activity.id);
}

// ---- handlers ----

Reply show_peduli(Context& ctx) {
  Overview o = TRY(overview(ctx.env(), ctx.actor()));
  json up = json::array(), my = json::array();
  for (const auto& a : o.upcoming) up.push_back(activity_json(ctx, a));
  for (const auto& m : o.mine) {
    json j = activity_json(ctx, m.row);
    j["attendance"] = enum_name(m.attendance);
    j["attendance_label"] = ctx.t("peduli.attendance." + std::string(enum_name(m.attendance)));
    j["can_reflect"] = m.attendance == Attendance::kAttended;
    j["reflected"] = m.reflected;
    my.push_back(j);
  }
  const auto& p = ctx.user();
  return ctx.page("peduli",
                  {{"upcoming", up},
                   {"has_upcoming", !up.empty()},
                   {"mine", my},
                   {"has_mine", !my.empty()},
                   {"can_manage", p.can(Permission::kLearningManage)},
                   {"can_evaluate", evaluation_scope(p).has_value()}},
                  "peduli.title");
}

Reply new_activity_page(Context& ctx) {
  const std::string today = today_text(ctx);
  return activity_form(ctx,
                       Activity{.instansi_id = ctx.user_instansi(),
                                .starts_on = today,
                                .ends_on = today,
                                .start_time = "08:00",
                                .end_time = "12:00"},
                       "", true, nullptr);
}

Reply create_activity_from_form(Context& ctx) {
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  auto id = save_from_request(ctx, in, Activity{.instansi_id = ctx.user_instansi()}, true);
  if (!id.ok()) {
    if (!id.error().is_users_fault()) return id.release_error();
    Activity shown{.instansi_id = ctx.user_instansi(),
                   .title = in.raw("title"),
                   .region_code = in.raw("region"),
                   .place = in.raw("place"),
                   .starts_on = in.raw("starts_on"),
                   .ends_on = in.raw("ends_on"),
                   .start_time = in.raw("start_time"),
                   .end_time = in.raw("end_time"),
                   .partner = in.raw("partner"),
                   .description = in.raw("description")};
    shown.target_group =
        parse_enum<TargetGroup>(in.raw("target_group")).value_or(TargetGroup::kOtherVulnerable);
    return activity_form(ctx, shown, in.raw("coordinator"), true, &id.error());
  }
  return ctx.redirect("/peduli/" + std::to_string(*id), "saved");
}

Reply show_shared_reflections(Context& ctx) {
  Shared shared = TRY(shared_with(ctx.env(), ctx.actor()));
  auto list = [](const std::vector<SharedReflection>& all) {
    json out = json::array();
    for (const auto& s : all) {
      out.push_back({{"writer", s.writer_name},
                     {"nip", s.writer_nip},
                     {"activity", s.activity_title},
                     {"seen", s.reflection.answers[0]},
                     {"felt", s.reflection.answers[1]},
                     {"change", s.reflection.answers[2]}});
    }
    return out;
  };
  json mentor = list(shared.to_mentor), superior = list(shared.to_superior);
  return ctx.page("peduli_reflections",
                  {{"to_mentor", mentor},
                   {"to_superior", superior},
                   {"has_mentor", !mentor.empty()},
                   {"has_superior", !superior.empty()},
                   {"has_any", !mentor.empty() || !superior.empty()}},
                  "peduli.reflections_title");
}

Reply show_evaluation(Context& ctx) {
  json data = TRY(evaluation_of_request(ctx));
  chart::BarChart people{ctx.t("peduli.chart_people"), {}};
  for (const auto& m : data["by_month"]) {
    people.bars.push_back({m["month"].get<std::string>(), m["people"].get<double>(),
                           std::to_string(m["people"].get<int>())});
  }
  data["chart"] = chart::bar_chart_svg(people);
  data["has_months"] = !data["by_month"].empty();
  data["has_regions"] = !data["by_region"].empty();
  data["has_targets"] = !data["by_target"].empty();
  data["has_leaders"] = !data["leaders"].empty();
  return ctx.page("peduli_evaluation", data, "peduli.evaluation_title");
}

Reply show_activity(Context& ctx) { return activity_page(ctx, TRY(path_activity(ctx)), nullptr); }

Reply update_activity_from_form(Context& ctx) {
  ActivityRow row = TRY(path_activity(ctx));
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  auto id = save_from_request(ctx, in, row.activity, false);
  if (!id.ok()) {
    if (!id.error().is_users_fault()) return id.release_error();
    return activity_form(ctx, row.activity, in.raw("coordinator"), false, &id.error());
  }
  return ctx.redirect(activity_url(row), "saved");
}

Reply edit_activity_page(Context& ctx) {
  ActivityRow row = TRY(path_activity(ctx));
  return activity_form(ctx, row.activity, row.coordinator_nip, false, nullptr);
}

template <bool kCancel, bool kApi>
Reply sign_up_or_cancel(Context& ctx) {
  ActivityRow row = TRY(path_activity(ctx));
  TRY(join(ctx.env(), ctx.actor(), row, kCancel));
  if (kApi) return ctx.json(200, {{"status", kCancel ? "cancelled" : "signed_up"}});
  return ctx.redirect(activity_url(row), kCancel ? "peduli.cancelled" : "peduli.signed_up");
}

// The coordinator's confirmation: a form line per participant ("attendance:NIP",
// "minutes:NIP") or JSON {"nip", "attendance", "minutes"}.
Reply confirm_from_form(Context& ctx) {
  ActivityRow row = TRY(path_activity(ctx));
  TRY(may_coordinate(ctx.actor(), row.activity));
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  std::vector<Mark> marks;
  for (const auto& nip : in.keys_with_prefix("attendance:")) {
    auto attendance = in.choice("attendance:" + nip, {"attended", "absent", "signed_up"});
    auto minutes = in.integer("minutes:" + nip, {.required = false, .min = 0, .max = 60 * 24 * 15});
    if (!attendance || *attendance == "signed_up") continue;
    const Attendance a = *parse_enum<Attendance>(*attendance);
    marks.push_back({nip, a, a == Attendance::kAbsent ? 0 : minutes.value_or(0), true});
  }
  Status st = in.finish();
  if (st.ok()) st = confirm_attendance(ctx.env(), ctx.actor(), row, marks);
  if (!st.ok()) {
    if (!st.error().is_users_fault()) return st.release_error();
    return activity_page(ctx, row, &st.error());
  }
  return ctx.redirect(activity_url(row), "saved");
}

Reply api_attendance(Context& ctx) {
  ActivityRow row = TRY(path_activity(ctx));
  TRY(may_coordinate(ctx.actor(), row.activity));
  auto in = TRY(ctx.input());
  auto nip = in.text("nip", {.max_chars = 32});
  auto attendance = in.choice("attendance", {"attended", "absent"});
  auto minutes = in.integer("minutes", {.required = false, .min = 0, .max = 60 * 24 * 15});
  TRY(in.finish());
  TRY(confirm_attendance(ctx.env(), ctx.actor(), row,
                         {{*nip, *parse_enum<Attendance>(*attendance), minutes.value_or(0)}}));
  return ctx.json(200, {{"status", *attendance}});
}

template <bool kApi>
Reply close_from_request(Context& ctx) {
  ActivityRow row = TRY(path_activity(ctx));
  TRY(may_coordinate(ctx.actor(), row.activity));
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  auto beneficiaries = in.integer("beneficiaries", {.min = 0, .max = 1000000});
  TRY(in.finish());
  TRY(close_activity(ctx.env(), ctx.actor(), row, static_cast<int>(*beneficiaries)));
  if (kApi) return ctx.json(200, {{"status", "done"}});
  return ctx.redirect(activity_url(row), "saved");
}

Reply show_reflection(Context& ctx) {
  Reflecting who = TRY(path_reflecting(ctx));
  auto [r, mentor_nip] = TRY(reflection_of(ctx.env(), who));
  return reflection_page(ctx, who.row, r, mentor_nip, nullptr);
}

Reply save_reflection_from_form(Context& ctx) {
  Reflecting who = TRY(path_reflecting(ctx));
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  auto saved = save_from_request(ctx, in, who);
  if (!saved.ok()) {
    if (!saved.error().is_users_fault()) return saved.release_error();
    Reflection shown{.answers = {in.raw("seen"), in.raw("felt"), in.raw("change")},
                     .sharing = parse_enum<Sharing>(in.raw("sharing")).value_or(Sharing::kPrivate)};
    return reflection_page(ctx, who.row, shown, in.raw("mentor"), &saved.error());
  }
  return ctx.redirect("/peduli", "peduli.reflection_saved");
}

Reply api_activities(Context& ctx) {
  json items = json::array();
  for (const auto& a :
       TRY(activities_from(ctx.env(), ctx.actor(), ctx.request.query_param("from").value_or("")))) {
    items.push_back(activity_json(ctx, a));
  }
  return ctx.json(200, {{"items", items}});
}

Reply api_create_activity(Context& ctx) {
  auto in = TRY(ctx.input());
  int64_t id = TRY(save_from_request(ctx, in, Activity{.instansi_id = ctx.user_instansi()}, true));
  return ctx.json(201, activity_json(ctx, TRY(activity_of(ctx.env(), ctx.actor(), id))));
}

Reply api_activity(Context& ctx) {
  ActivityRow row = TRY(path_activity(ctx));
  json out = activity_json(ctx, row);
  if (coordinates(ctx.user(), row.activity)) {
    json list = json::array();
    for (const auto& p : TRY(attendees_of(ctx.env(), ctx.actor(), row)).people) {
      list.push_back({{"nip", p.nip},
                      {"name", p.name},
                      {"attendance", enum_name(p.attendance)},
                      {"minutes", p.minutes}});
    }
    out["participants"] = list;
  }
  return ctx.json(200, out);
}

Reply api_save_reflection(Context& ctx) {
  Reflecting who = TRY(path_reflecting(ctx));
  auto in = TRY(ctx.input());
  Reflection r = TRY(save_from_request(ctx, in, who));
  return ctx.json(200, {{"status", "saved"}, {"sharing", enum_name(r.sharing)}});
}

Reply api_evaluation(Context& ctx) { return ctx.json(200, TRY(evaluation_of_request(ctx))); }

const web::RouteOptions kManage{.permission = Permission::kLearningManage};
const web::RouteOptions kManageWrite{.permission = Permission::kLearningManage,
                                     .body_limit = 32 * 1024};
const web::RouteOptions kSmall{.body_limit = 4 * 1024};
const web::RouteOptions kText{.body_limit = 32 * 1024};

const web::RouteDef kRoutes[] = {
    {"GET", "/peduli", show_peduli},
    {"GET", "/peduli/new", new_activity_page, kManage},
    {"POST", "/peduli", create_activity_from_form, kManageWrite},
    {"GET", "/peduli/reflections", show_shared_reflections},
    {"GET", "/peduli/evaluation", show_evaluation},
    {"GET", "/peduli/{id}", show_activity},
    {"POST", "/peduli/{id}", update_activity_from_form, kManageWrite},
    {"GET", "/peduli/{id}/edit", edit_activity_page, kManage},
    {"POST", "/peduli/{id}/signup", sign_up_or_cancel<false, false>, kSmall},
    {"POST", "/peduli/{id}/cancel", sign_up_or_cancel<true, false>, kSmall},
    {"POST", "/api/v1/peduli/activities/{id}/signup", sign_up_or_cancel<false, true>, kSmall},
    {"POST", "/api/v1/peduli/activities/{id}/cancel", sign_up_or_cancel<true, true>, kSmall},
    {"POST", "/peduli/{id}/confirm", confirm_from_form, {.body_limit = 64 * 1024}},
    {"POST", "/api/v1/peduli/activities/{id}/attendance", api_attendance, kSmall},
    {"POST", "/peduli/{id}/close", close_from_request<false>, kSmall},
    {"POST", "/api/v1/peduli/activities/{id}/close", close_from_request<true>, kSmall},
    {"GET", "/peduli/{id}/reflection", show_reflection},
    {"POST", "/peduli/{id}/reflection", save_reflection_from_form, kText},
    {"GET", "/api/v1/peduli/activities", api_activities},
    {"POST", "/api/v1/peduli/activities", api_create_activity, kManageWrite},
    {"GET", "/api/v1/peduli/activities/{id}", api_activity},
    {"PUT", "/api/v1/peduli/activities/{id}/reflection", api_save_reflection, kText},
    {"GET", "/api/v1/peduli/evaluation", api_evaluation},
};

}  // namespace

void register_routes(web::App& app) {
  app.add_nav({68,
               "nav.peduli",
               "/peduli",
               std::nullopt,
               {auth::Role::kInstansiAdmin, auth::Role::kUnitHead, auth::Role::kOfficer,
                auth::Role::kHrDeveloper, auth::Role::kCaseHandler, auth::Role::kAuditor}});
  app.router().add(kRoutes);
}

}  // namespace harmoni::peduli
