// Peduli, the social-care programme: activities (HR makes them), signing up, the
// coordinator's confirmation of who came and for how long (which earns JP by the
// instansi's rule), the reflection journal, and the programme's evaluation.
#include "peduli/peduli_routes.hpp"

#include <fmt/format.h>

#include "learning/learning_store.hpp"
#include "org/org_cases.hpp"
#include "org/org_store.hpp"
#include "peduli/peduli_store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/chart/bar_chart.hpp"
#include "platform/web/routes_util.hpp"

namespace harmoni::peduli {
namespace {

using auth::Permission;
using nlohmann::json;
using web::Context;
using web::Reply;

std::string today_text(const Context& ctx) { return format_date(date_in_wib(ctx.now_ms())); }

int form_status(const Error* error) {
  if (!error) return 200;
  return error->kind == ErrorKind::kInvalid ? 422 : web::status_for(*error);
}

Result<ActivityRow> activity_of(const Context& ctx) {
  auto id = web::id_param(ctx, "id");
  auto row =
      TRY(ctx.services.db.read([&](db::Tx& tx) { return activity_row(tx, id.value_or(0)); }));
  if (!row || row->activity.instansi_id != ctx.user_instansi())
    return Error::not_found("peduli.activity_unknown");
  return *row;
}

// Who confirms attendance and closes an activity: its coordinator, or HR.
bool coordinates(const Context& ctx, const Activity& a) {
  const auto& p = ctx.user();
  return p.can(Permission::kLearningManage) || (p.asn_id && *p.asn_id == a.coordinator_asn_id);
}
// Checked before the input is read: nobody else learns what the form expects.
Status require_coordinator(const Context& ctx, const Activity& a) {
  return coordinates(ctx, a) ? Status{} : Status(Error::forbidden("peduli.not_coordinator"));
}

json activity_json(const Context& ctx, const ActivityRow& r) {
  const Activity& a = r.activity;
  return {{"id", a.id},
          {"title", a.title},
          {"target_group", enum_name(a.target_group)},
          {"target_label", ctx.t("peduli.target." + std::string(enum_name(a.target_group)))},
          {"region", a.region_code},
          {"region_name", r.region_name},
          {"place", a.place},
          {"starts_on", a.starts_on},
          {"ends_on", a.ends_on},
          {"start_time", a.start_time},
          {"end_time", a.end_time},
          {"partner", a.partner},
          {"capacity", a.capacity},
          {"places_left", std::max(0, a.capacity - r.signed_up)},
          {"signed_up", r.signed_up},
          {"attended", r.attended},
          {"coordinator", {{"nip", r.coordinator_nip}, {"name", r.coordinator_name}}},
          {"beneficiaries", a.beneficiaries},
          {"description", a.description},
          {"status", enum_name(a.status)},
          {"status_label", ctx.t("peduli.status." + std::string(enum_name(a.status)))},
          {"hours", fmt::format("{:.1f}", static_cast<double>(planned_minutes(a)) / 60)}};
}

// Every field of an activity from a form or JSON; the coordinator by NIP.
Result<Activity> read_activity(Context& ctx, web::Input& in, Activity a) {
  if (auto v = in.text("title", {.min_chars = 3, .max_chars = 200})) a.title = *v;
  std::vector<std::string> groups;
  for (TargetGroup g : enum_values<TargetGroup>()) groups.emplace_back(enum_name(g));
  if (auto v = in.choice("target_group", groups)) a.target_group = *parse_enum<TargetGroup>(*v);
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
  auto person = org::person_by_nip(ctx.env(), *coordinator, ctx.user_instansi());
  if (!person.ok()) return Error::field("coordinator", "asn.not_found");
  a.coordinator_asn_id = person->id;
  if (!a.region_code.empty()) {
    auto region =
        TRY(ctx.services.db.read([&](db::Tx& tx) { return org::find_region(tx, a.region_code); }));
    if (!region) return Error::field("region", "region.unknown");
  }
  TRY(validate(a));
  return a;
}

Reply activity_form(Context& ctx, const Activity& a, const std::string& coordinator_nip,
                    bool creating, const Error* error) {
  json groups = json::array();
  for (TargetGroup g : enum_values<TargetGroup>()) {
    groups.push_back({{"value", enum_name(g)},
                      {"label", ctx.t("peduli.target." + std::string(enum_name(g)))},
                      {"selected", g == a.target_group}});
  }
  json data = {{"activity",
                {{"title", a.title},
                 {"region", a.region_code},
                 {"place", a.place},
                 {"starts_on", a.starts_on},
                 {"ends_on", a.ends_on},
                 {"start_time", a.start_time},
                 {"end_time", a.end_time},
                 {"partner", a.partner},
                 {"capacity", a.capacity},
                 {"description", a.description},
                 {"coordinator", coordinator_nip}}},
               {"groups", groups},
               {"creating", creating},
               {"action", creating ? "/peduli" : "/peduli/" + std::to_string(a.id)}};
  if (error) data["errors"] = ctx.field_errors(*error);
  return ctx.page("peduli_form", data, creating ? "peduli.new_title" : "peduli.edit_title",
                  form_status(error));
}

Result<int64_t> save_activity(Context& ctx, const Activity& a, bool creating) {
  return ctx.services.db.write([&](db::Tx& tx) -> Result<int64_t> {
    const int64_t now = ctx.services.clock.now_seconds();
    int64_t id = a.id;
    if (creating) {
      id = TRY(insert_activity(tx, a, ctx.user().user_id, now));
    } else {
      TRY(update_activity(tx, a, now));
    }
    TRY(audit::append(tx,
                      ctx.audit(creating ? "peduli.activity_create" : "peduli.activity_update",
                                "peduli_activity", std::to_string(id), a.instansi_id),
                      ctx.now_ms()));
    return id;
  });
}

// One line of the coordinator's confirmation; a form's line names its fields
// "minutes:NIP" so an error points at the line.
struct Mark {
  std::string nip;
  Attendance attendance = Attendance::kAttended;
  int64_t minutes = 0;
  bool from_form = false;
};

// Every line is checked before any is written: one bad line changes nothing.
Status confirm_action(Context& ctx, const ActivityRow& row, const std::vector<Mark>& marks) {
  TRY(require_coordinator(ctx, row.activity));
  if (row.activity.status == ActivityStatus::kCancelled) return Error::conflict("peduli.not_open");
  if (marks.empty()) return Error::field("attendance", "peduli.nothing_confirmed");
  std::vector<std::pair<int64_t, const Mark*>> people;
  for (const auto& m : marks) {
    auto person = org::person_by_nip(ctx.env(), m.nip, ctx.user_instansi());
    Status checked =
        person.ok() ? check_confirmation(row.activity, m.attendance, m.minutes)
                    : Status(Error::field(m.from_form ? "attendance" : "nip", "asn.not_found"));
    if (!checked.ok()) {
      Error e = checked.release_error();
      if (m.from_form) {
        for (auto& f : e.fields) f.field += ":" + m.nip;
      }
      return e;
    }
    people.emplace_back(person->id, &m);
  }
  return ctx.services.db.write([&](db::Tx& tx) -> Status {
    const int64_t now = ctx.services.clock.now_seconds();
    for (const auto& [asn_id, m] : people) {
      TRY(confirm(tx, row.activity, asn_id, m->attendance, m->minutes, ctx.user().user_id, now));
    }
    return audit::append(
        tx,
        ctx.audit("peduli.confirm", "peduli_activity", std::to_string(row.activity.id),
                  ctx.user_instansi(), json({{"people", people.size()}}).dump()),
        ctx.now_ms());
  });
}

// The coordinator closes the activity with the number of people it reached.
Status close_action(Context& ctx, const ActivityRow& row, int beneficiaries) {
  TRY(require_coordinator(ctx, row.activity));
  Activity a = row.activity;
  a.beneficiaries = beneficiaries;
  a.status = ActivityStatus::kDone;
  TRY(validate(a));
  return ctx.services.db.write([&](db::Tx& tx) -> Status {
    TRY(update_activity(tx, a, ctx.services.clock.now_seconds()));
    return audit::append(
        tx,
        ctx.audit("peduli.activity_close", "peduli_activity", std::to_string(a.id),
                  ctx.user_instansi(), json({{"beneficiaries", beneficiaries}}).dump()),
        ctx.now_ms());
  });
}

Status signup_action(Context& ctx, const ActivityRow& row, bool cancel) {
  org::Asn me = TRY(org::own_person(ctx.env(), ctx.actor()));
  if (row.activity.ends_on < today_text(ctx) && !cancel) return Error::conflict("peduli.not_open");
  return ctx.services.db.write([&](db::Tx& tx) -> Status {
    const int64_t now = ctx.services.clock.now_seconds();
    if (cancel)
      TRY(cancel_sign_up(tx, row.activity.id, me.id, now));
    else
      TRY(sign_up(tx, row.activity, me.id, now));
    return audit::append(tx,
                         ctx.audit(cancel ? "peduli.cancel" : "peduli.sign_up", "peduli_activity",
                                   std::to_string(row.activity.id), me.instansi_id),
                         ctx.now_ms());
  });
}

// A reflection from a form or JSON: "seen", "felt", "change", "sharing", "mentor" (NIP).
Result<Reflection> read_reflection(Context& ctx, web::Input& in, const org::Asn& me,
                                   int64_t activity_id) {
  Reflection r{.activity_id = activity_id, .asn_id = me.id};
  for (size_t i = 0; i < kQuestions.size(); ++i) {
    r.answers[i] =
        in.text(kQuestions[i], {.required = false, .max_chars = kMaxAnswerChars, .multiline = true})
            .value_or("");
  }
  if (auto v = in.choice("sharing", {"private", "mentor", "superior"}))
    r.sharing = *parse_enum<Sharing>(*v);
  const std::string mentor = in.text("mentor", {.required = false, .max_chars = 32}).value_or("");
  TRY(in.finish());
  if (r.sharing == Sharing::kMentor && !mentor.empty()) {
    auto person = org::person_by_nip(ctx.env(), mentor, me.instansi_id);
    if (!person.ok()) return Error::field("mentor", "asn.not_found");
    r.mentor_asn_id = person->id;
  }
  TRY(validate(r));
  return r;
}

Result<std::pair<org::Asn, ActivityRow>> reflecting(const Context& ctx) {
  org::Asn me = TRY(org::own_person(ctx.env(), ctx.actor()));
  ActivityRow row = TRY(activity_of(ctx));
  auto mine = TRY(
      ctx.services.db.read([&](db::Tx& tx) { return participant(tx, row.activity.id, me.id); }));
  if (!mine || mine->attendance != Attendance::kAttended)
    return Error::conflict("peduli.reflect_after_attending");
  return std::pair{me, row};
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
  if (error) data["errors"] = ctx.field_errors(*error);
  return ctx.page("peduli_reflection", data, "peduli.reflection_title", form_status(error));
}

Status save_reflection_action(Context& ctx, const Reflection& r) {
  return ctx.services.db.write([&](db::Tx& tx) -> Status {
    int64_t id = TRY(save_reflection(tx, r, ctx.services.clock.now_seconds()));
    // The audit says that it was written and with whom it is shared, never what it says.
    return audit::append(
        tx,
        ctx.audit("peduli.reflection", "peduli_reflection", std::to_string(id), ctx.user_instansi(),
                  json({{"sharing", enum_name(r.sharing)}}).dump()),
        ctx.now_ms());
  });
}

// The evaluation of a period for HR (the instansi) or a unit head (their subtree).
Result<json> evaluation_json(const Context& ctx) {
  const auto& p = ctx.user();
  std::string prefix;
  if (!p.can(Permission::kLearningManage)) {
    if (p.role != auth::Role::kUnitHead || p.unit_path.empty()) return Error::forbidden();
    prefix = p.unit_path;
  }
  const Date today = date_in_wib(ctx.now_ms());
  std::string from = ctx.request.query_param("from").value_or(""),
              to = ctx.request.query_param("to").value_or("");
  if (from.empty()) from = format_date(Date{today.year, 1, 1});
  if (to.empty()) to = format_date(today);
  auto f = parse_date(from), t = parse_date(to);
  if (!f || !t || *t < *f) return Error::field("to", "learning.date_range");
  auto [rows, everyone,
        units] = TRY(ctx.services.db.read([&](db::Tx& tx)
                                              -> Result<std::tuple<std::vector<Participation>,
                                                                   std::vector<Person>,
                                                                   std::vector<org::Unit>>> {
    auto r = TRY(participation(tx, ctx.user_instansi(), from, to, prefix));
    auto e = TRY(people(tx, ctx.user_instansi(), prefix));
    return std::tuple{std::move(r), std::move(e), TRY(org::list_units(tx, ctx.user_instansi()))};
  }));
  Evaluation e = evaluate(rows);
  std::set<int64_t> took_part;
  for (const auto& r : rows) took_part.insert(r.asn_id);
  auto shares = leader_shares(everyone, took_part);
  json months = json::array(), regions = json::array(), targets = json::array(),
       leaders = json::array();
  for (const auto& [month, m] : e.by_month) {
    months.push_back({{"month", month},
                      {"people", m.people},
                      {"activities", m.activities},
                      {"hours", fmt::format("{:.1f}", m.minutes / 60.0)}});
  }
  auto region_names =
      TRY(ctx.services.db.read([&](db::Tx& tx) -> Result<std::map<std::string, std::string>> {
        std::map<std::string, std::string> names;
        for (const auto& [code, n] : e.people_by_region) {
          auto region = code.empty() ? std::nullopt : TRY(org::find_region(tx, code));
          names[code] = region ? region->name : ctx.t("peduli.no_region");
        }
        return names;
      }));
  for (const auto& [region, n] : e.people_by_region) {
    regions.push_back({{"region", region}, {"name", region_names[region]}, {"people", n}});
  }
  for (const auto& [target, n] : e.activities_by_target) {
    targets.push_back({{"target", target},
                       {"label", ctx.t("peduli.target." + target)},
                       {"activities", n},
                       {"beneficiaries", e.beneficiaries_by_target[target]}});
  }
  for (const auto& u : units) {
    auto s = shares.find(u.id);
    if (s == shares.end()) continue;
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
  return json{{"from", from},
              {"to", to},
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

// An activity: its facts, one's sign-up, and for its coordinator the list to confirm.
Reply activity_page(Context& ctx, const ActivityRow& row, const Error* error) {
  auto me = org::own_person(ctx.env(), ctx.actor());
  auto [people, mine] = TRY(ctx.services.db.read(
      [&](db::Tx& tx) -> Result<std::pair<std::vector<Participant>, std::optional<Participant>>> {
        auto list = TRY(participants(tx, row.activity.id));
        std::optional<Participant> m;
        if (me.ok()) m = TRY(participant(tx, row.activity.id, me->id));
        return std::pair{std::move(list), m};
      }));
  const bool coordinator = coordinates(ctx, row.activity);
  json list = json::array();
  if (coordinator) {
    for (const auto& p : people) {
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
  const bool signed_up = mine && mine->attendance == Attendance::kSignedUp;
  const bool open =
      row.activity.status == ActivityStatus::kPlanned && row.activity.ends_on >= today_text(ctx);
  return ctx.page(
      "peduli_activity",
      {{"activity", activity_json(ctx, row)},
       {"coordinator", coordinator},
       {"people", list},
       {"has_people", !list.empty()},
       {"linked", me.ok()},
       {"signed_up", signed_up},
       {"can_sign_up", me.ok() && open && !mine.has_value()},
       {"can_sign_up_again", me.ok() && open && mine && mine->attendance == Attendance::kCancelled},
       {"can_reflect", mine && mine->attendance == Attendance::kAttended},
       {"can_edit", ctx.user().can(Permission::kLearningManage)},
       {"done", row.activity.status == ActivityStatus::kDone},
       {"errors", error ? ctx.field_errors(*error) : json()}},
      "peduli.activity_title", form_status(error));
}

template <bool kCancel, bool kApi>
Reply sign_up(Context& ctx) {
  ActivityRow row = TRY(activity_of(ctx));
  TRY(signup_action(ctx, row, kCancel));
  if (kApi) return ctx.json(200, {{"status", kCancel ? "cancelled" : "signed_up"}});
  return ctx.redirect("/peduli/" + std::to_string(row.activity.id),
                      kCancel ? "peduli.cancelled" : "peduli.signed_up");
}

template <bool kApi>
Reply close_activity(Context& ctx) {
  ActivityRow row = TRY(activity_of(ctx));
  TRY(require_coordinator(ctx, row.activity));
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  auto beneficiaries = in.integer("beneficiaries", {.min = 0, .max = 1000000});
  TRY(in.finish());
  TRY(close_action(ctx, row, static_cast<int>(*beneficiaries)));
  if (kApi) return ctx.json(200, {{"status", "done"}});
  return ctx.redirect("/peduli/" + std::to_string(row.activity.id), "saved");
}

}  // namespace

void register_routes(web::App& app) {
  auto& r = app.router();
  const web::RouteOptions manage{.permission = Permission::kLearningManage,
                                 .body_limit = 32 * 1024};

  r.add({"GET", "/peduli", [](Context& ctx) -> Reply {
           auto me = org::own_person(ctx.env(), ctx.actor());
           auto [upcoming, mine] = TRY(ctx.services.db.read(
               [&](db::Tx& tx)
                   -> Result<std::pair<std::vector<ActivityRow>, std::vector<MyActivity>>> {
                 auto u = TRY(list_activities(tx, ctx.user_instansi(), today_text(ctx)));
                 std::vector<MyActivity> m;
                 if (me.ok()) m = TRY(activities_of(tx, me->id));
                 return std::pair{std::move(u), std::move(m)};
               }));
           json up = json::array(), my = json::array();
           for (const auto& a : upcoming) up.push_back(activity_json(ctx, a));
           for (const auto& m : mine) {
             json j = activity_json(ctx, m.row);
             j["attendance"] = enum_name(m.attendance);
             j["attendance_label"] =
                 ctx.t("peduli.attendance." + std::string(enum_name(m.attendance)));
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
                            {"can_evaluate", p.can(Permission::kLearningManage) ||
                                                 p.role == auth::Role::kUnitHead}},
                           "peduli.title");
         }});

  r.add({"GET",
         "/peduli/new",
         [](Context& ctx) -> Reply {
           const std::string today = today_text(ctx);
           return activity_form(ctx,
                                Activity{.instansi_id = ctx.user_instansi(),
                                         .starts_on = today,
                                         .ends_on = today,
                                         .start_time = "08:00",
                                         .end_time = "12:00"},
                                "", true, nullptr);
         },
         {.permission = Permission::kLearningManage}});

  r.add({"POST", "/peduli",
         [](Context& ctx) -> Reply {
           auto in = TRY(ctx.input());
           in.ignore("_csrf");
           auto a = read_activity(ctx, in, Activity{.instansi_id = ctx.user_instansi()});
           Result<int64_t> id = a.ok() ? save_activity(ctx, *a, true) : Result<int64_t>(a.error());
           if (!id.ok()) {
             if (id.error().kind != ErrorKind::kInvalid) return id.release_error();
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
             shown.target_group = parse_enum<TargetGroup>(in.raw("target_group"))
                                      .value_or(TargetGroup::kOtherVulnerable);
             return activity_form(ctx, shown, in.raw("coordinator"), true, &id.error());
           }
           return ctx.redirect("/peduli/" + std::to_string(*id), "saved");
         },
         manage});

  r.add({"GET", "/peduli/reflections", [](Context& ctx) -> Reply {
           const auto& p = ctx.user();
           auto [to_me, to_superior] = TRY(ctx.services.db.read(
               [&](db::Tx& tx) -> Result<std::pair<std::vector<SharedReflection>,
                                                   std::vector<SharedReflection>>> {
                 std::vector<SharedReflection> mine, under;
                 if (p.asn_id) mine = TRY(reflections_shared_with_mentor(tx, *p.asn_id));
                 if (p.role == auth::Role::kUnitHead && !p.unit_path.empty()) {
                   under = TRY(reflections_shared_under(tx, ctx.user_instansi(), p.unit_path));
                 }
                 return std::pair{std::move(mine), std::move(under)};
               }));
           // A head reads their own shared reflections as the writer, not as a superior.
           std::erase_if(to_superior, [&](const SharedReflection& s) {
             return p.asn_id && s.reflection.asn_id == *p.asn_id;
           });
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
           json mentor = list(to_me), superior = list(to_superior);
           return ctx.page("peduli_reflections",
                           {{"to_mentor", mentor},
                            {"to_superior", superior},
                            {"has_mentor", !mentor.empty()},
                            {"has_superior", !superior.empty()},
                            {"has_any", !mentor.empty() || !superior.empty()}},
                           "peduli.reflections_title");
         }});

  r.add({"GET", "/peduli/evaluation", [](Context& ctx) -> Reply {
           json data = TRY(evaluation_json(ctx));
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
         }});

  r.add({"GET", "/peduli/{id}",
         [](Context& ctx) -> Reply { return activity_page(ctx, TRY(activity_of(ctx)), nullptr); }});

  r.add({"POST", "/peduli/{id}",
         [](Context& ctx) -> Reply {
           ActivityRow row = TRY(activity_of(ctx));
           auto in = TRY(ctx.input());
           in.ignore("_csrf");
           auto a = read_activity(ctx, in, row.activity);
           Result<int64_t> id = a.ok() ? save_activity(ctx, *a, false) : Result<int64_t>(a.error());
           if (!id.ok()) {
             if (id.error().kind != ErrorKind::kInvalid) return id.release_error();
             return activity_form(ctx, row.activity, in.raw("coordinator"), false, &id.error());
           }
           return ctx.redirect("/peduli/" + std::to_string(row.activity.id), "saved");
         },
         manage});

  r.add({"GET",
         "/peduli/{id}/edit",
         [](Context& ctx) -> Reply {
           ActivityRow row = TRY(activity_of(ctx));
           return activity_form(ctx, row.activity, row.coordinator_nip, false, nullptr);
         },
         {.permission = Permission::kLearningManage}});

  r.add({"POST", "/peduli/{id}/signup", sign_up<false, false>, {.body_limit = 4 * 1024}});
  r.add({"POST", "/peduli/{id}/cancel", sign_up<true, false>, {.body_limit = 4 * 1024}});
  r.add({"POST",
         "/api/v1/peduli/activities/{id}/signup",
         sign_up<false, true>,
         {.body_limit = 4 * 1024}});
  r.add({"POST",
         "/api/v1/peduli/activities/{id}/cancel",
         sign_up<true, true>,
         {.body_limit = 4 * 1024}});

  // The coordinator's confirmation: a form line per participant ("attendance:NIP",
  // "minutes:NIP") or JSON {"nip", "attendance", "minutes"}.
  r.add({"POST",
         "/peduli/{id}/confirm",
         [](Context& ctx) -> Reply {
           ActivityRow row = TRY(activity_of(ctx));
           TRY(require_coordinator(ctx, row.activity));
           auto in = TRY(ctx.input());
           in.ignore("_csrf");
           std::vector<Mark> marks;
           for (const auto& nip : in.keys_with_prefix("attendance:")) {
             auto attendance = in.choice("attendance:" + nip, {"attended", "absent", "signed_up"});
             auto minutes =
                 in.integer("minutes:" + nip, {.required = false, .min = 0, .max = 60 * 24 * 15});
             if (!attendance || *attendance == "signed_up") continue;
             const Attendance a = *parse_enum<Attendance>(*attendance);
             marks.push_back({nip, a, a == Attendance::kAbsent ? 0 : minutes.value_or(0), true});
           }
           Status st = in.finish();
           if (st.ok()) st = confirm_action(ctx, row, marks);
           if (!st.ok())
             return st.error().kind == ErrorKind::kInvalid ? activity_page(ctx, row, &st.error())
                                                           : Reply(st.release_error());
           return ctx.redirect("/peduli/" + std::to_string(row.activity.id), "saved");
         },
         {.body_limit = 64 * 1024}});

  r.add({"POST",
         "/api/v1/peduli/activities/{id}/attendance",
         [](Context& ctx) -> Reply {
           ActivityRow row = TRY(activity_of(ctx));
           TRY(require_coordinator(ctx, row.activity));
           auto in = TRY(ctx.input());
           auto nip = in.text("nip", {.max_chars = 32});
           auto attendance = in.choice("attendance", {"attended", "absent"});
           auto minutes = in.integer("minutes", {.required = false, .min = 0, .max = 60 * 24 * 15});
           TRY(in.finish());
           TRY(confirm_action(ctx, row,
                              {{*nip, *parse_enum<Attendance>(*attendance), minutes.value_or(0)}}));
           return ctx.json(200, {{"status", *attendance}});
         },
         {.body_limit = 4 * 1024}});

  r.add({"POST", "/peduli/{id}/close", close_activity<false>, {.body_limit = 4 * 1024}});
  r.add({"POST",
         "/api/v1/peduli/activities/{id}/close",
         close_activity<true>,
         {.body_limit = 4 * 1024}});

  r.add({"GET", "/peduli/{id}/reflection", [](Context& ctx) -> Reply {
           auto [me, row] = TRY(reflecting(ctx));
           auto existing = TRY(ctx.services.db.read(
               [&](db::Tx& tx) { return find_reflection(tx, row.activity.id, me.id); }));
           Reflection r =
               existing.value_or(Reflection{.activity_id = row.activity.id, .asn_id = me.id});
           std::string mentor_nip;
           if (r.mentor_asn_id) {
             auto m = TRY(ctx.services.db.read(
                 [&](db::Tx& tx) { return org::find_asn_by_id(tx, *r.mentor_asn_id); }));
             if (m) mentor_nip = m->nip;
           }
           return reflection_page(ctx, row, r, mentor_nip, nullptr);
         }});

  r.add({"POST",
         "/peduli/{id}/reflection",
         [](Context& ctx) -> Reply {
           auto [me, row] = TRY(reflecting(ctx));
           auto in = TRY(ctx.input());
           in.ignore("_csrf");
           auto r = read_reflection(ctx, in, me, row.activity.id);
           Status st = r.ok() ? save_reflection_action(ctx, *r) : Status(r.error());
           if (!st.ok()) {
             if (st.error().kind != ErrorKind::kInvalid) return st.release_error();
             Reflection shown{
                 .answers = {in.raw("seen"), in.raw("felt"), in.raw("change")},
                 .sharing = parse_enum<Sharing>(in.raw("sharing")).value_or(Sharing::kPrivate)};
             return reflection_page(ctx, row, shown, in.raw("mentor"), &st.error());
           }
           return ctx.redirect("/peduli", "peduli.reflection_saved");
         },
         {.body_limit = 32 * 1024}});

  // ---- API ----
  r.add({"GET", "/api/v1/peduli/activities", [](Context& ctx) -> Reply {
           const std::string from = ctx.request.query_param("from").value_or("");
           auto list = TRY(ctx.services.db.read(
               [&](db::Tx& tx) { return list_activities(tx, ctx.user_instansi(), from); }));
           json items = json::array();
           for (const auto& a : list) items.push_back(activity_json(ctx, a));
           return ctx.json(200, {{"items", items}});
         }});

  r.add({"POST", "/api/v1/peduli/activities",
         [](Context& ctx) -> Reply {
           auto in = TRY(ctx.input());
           Activity a = TRY(read_activity(ctx, in, Activity{.instansi_id = ctx.user_instansi()}));
           int64_t id = TRY(save_activity(ctx, a, true));
           auto row = TRY(ctx.services.db.read([&](db::Tx& tx) { return activity_row(tx, id); }));
           return ctx.json(201, activity_json(ctx, *row));
         },
         manage});

  r.add({"GET", "/api/v1/peduli/activities/{id}", [](Context& ctx) -> Reply {
           ActivityRow row = TRY(activity_of(ctx));
           json out = activity_json(ctx, row);
           if (coordinates(ctx, row.activity)) {
             auto people = TRY(ctx.services.db.read(
                 [&](db::Tx& tx) { return participants(tx, row.activity.id); }));
             json list = json::array();
             for (const auto& p : people) {
               list.push_back({{"nip", p.nip},
                               {"name", p.name},
                               {"attendance", enum_name(p.attendance)},
                               {"minutes", p.minutes}});
             }
             out["participants"] = list;
           }
           return ctx.json(200, out);
         }});

  r.add({"PUT",
         "/api/v1/peduli/activities/{id}/reflection",
         [](Context& ctx) -> Reply {
           auto [me, row] = TRY(reflecting(ctx));
           auto in = TRY(ctx.input());
           Reflection r = TRY(read_reflection(ctx, in, me, row.activity.id));
           TRY(save_reflection_action(ctx, r));
           return ctx.json(200, {{"status", "saved"}, {"sharing", enum_name(r.sharing)}});
         },
         {.body_limit = 32 * 1024}});

  r.add({"GET", "/api/v1/peduli/evaluation",
         [](Context& ctx) -> Reply { return ctx.json(200, TRY(evaluation_json(ctx))); }});

  app.add_nav({68,
               "nav.peduli",
               "/peduli",
               std::nullopt,
               {auth::Role::kInstansiAdmin, auth::Role::kUnitHead, auth::Role::kOfficer,
                auth::Role::kHrDeveloper, auth::Role::kCaseHandler, auth::Role::kAuditor}});
}

}  // namespace harmoni::peduli
