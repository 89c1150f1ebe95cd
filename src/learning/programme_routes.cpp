// HR's programmes and classes: the catalogue of programmes, classes with dates,
// place or link and capacity, enrolling people, attendance, and completion, which
// writes the JP ledger, issues a certificate and marks the plan actions it met as done.
#include <fmt/format.h>

#include "competency/shipped_catalog.hpp"
#include "learning/learning_web.hpp"
#include "org/org_cases.hpp"
#include "platform/audit/audit.hpp"
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
  std::vector<std::string> types, modes;
  for (ProgrammeType t : enum_values<ProgrammeType>()) types.emplace_back(enum_name(t));
  for (Mode m : enum_values<Mode>()) modes.emplace_back(enum_name(m));
  if (auto v = in.choice("type", types)) p.type = *parse_enum<ProgrammeType>(*v);
  if (auto v = in.choice("mode", modes)) p.mode = *parse_enum<Mode>(*v);
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
  // Items must be known: the catalogue's, or (X.) the instansi's own.
  const auto& catalog = *TRY(competency::shipped_catalog());
  for (const auto& code : p.items) {
    if (!code.starts_with(competency::kCustomPrefix) && !catalog.find(code, "2023")) {
      return Error::field("items", "competency.item_unknown", {{"code", code}});
    }
  }
  TRY(validate(p));
  return p;
}

Result<Programme> programme_of(const Context& ctx, std::string_view code) {
  auto p = TRY(ctx.services.db.read(
      [&](db::Tx& tx) { return find_programme(tx, ctx.user_instansi(), org::upper_code(code)); }));
  if (!p) return Error::not_found("learning.programme_unknown");
  return *p;
}

Result<Programme> save_programme(Context& ctx, web::Input& in, Programme base, bool creating) {
  Programme p = TRY(read_programme(in, std::move(base), creating));
  TRY(ctx.services.db.write([&](db::Tx& tx) -> Status {
    const int64_t now = ctx.services.clock.now_seconds();
    if (creating) {
      p.id = TRY(insert_programme(tx, p, now));
    } else {
      TRY(update_programme(tx, p, now));
    }
    return audit::append(
        tx,
        ctx.audit(creating ? "learning.programme_create" : "learning.programme_update", "programme",
                  std::to_string(p.id), p.instansi_id),
        ctx.now_ms());
  }));
  return p;
}

Reply programme_page(Context& ctx, const Programme& p, bool creating, const Error* error,
                     std::vector<ClassRow> classes = {}) {
  const auto& catalog = *competency::shipped_catalog().value();
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
  if (error) data["errors"] = ctx.field_errors(*error);
  return ctx.page("programme", data,
                  creating ? "learning.programme_new" : "learning.programme_title",
                  form_status(error));
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
  TRY(validate(c));
  return c;
}

// A class of the caller's instansi, with its programme.
struct ClassAndProgramme {
  ClassSession session;
  Programme programme;
};

Result<ClassAndProgramme> class_of(const Context& ctx) {
  auto id = web::id_param(ctx, "id");
  if (!id) return Error::not_found("learning.class_unknown");
  auto found =
      TRY(ctx.services.db.read([&](db::Tx& tx) -> Result<std::optional<ClassAndProgramme>> {
        auto c = TRY(find_class(tx, *id));
        if (!c) return std::optional<ClassAndProgramme>();
        auto p = TRY(find_programme_by_id(tx, c->programme_id));
        if (!p) return std::optional<ClassAndProgramme>();
        return std::optional<ClassAndProgramme>(ClassAndProgramme{*c, *p});
      }));
  if (!found || found->programme.instansi_id != ctx.user_instansi())
    return Error::not_found("learning.class_unknown");
  return *found;
}

Result<json> roster_json(const Context& ctx, const ClassAndProgramme& cp) {
  auto [people, days] = TRY(ctx.services.db.read(
      [&](db::Tx& tx) -> Result<std::pair<std::vector<Enrolment>, std::map<int64_t, int>>> {
        auto list = TRY(class_enrolments(tx, cp.session.id));
        return std::pair{std::move(list), TRY(days_attended(tx, cp.session.id))};
      }));
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
  data["today"] = format_date(today_wib(ctx));
  data["ended"] = data["today"].get<std::string>() >= cp.session.ends_on;
  data["open"] = cp.session.status == ClassStatus::kPlanned;
  if (error) data["errors"] = ctx.field_errors(*error);
  return ctx.page("class", data, "learning.class_title", form_status(error));
}

// HR enrols a person by NIP (seat permitting).
Status enrol_action(Context& ctx, const ClassAndProgramme& cp, const std::string& nip_text) {
  auto person = org::person_by_nip(ctx.env(), nip_text, ctx.user_instansi());
  if (!person.ok()) return Error::field("nip", "asn.not_found");
  if (cp.session.status != ClassStatus::kPlanned) return Error::conflict("learning.class_not_open");
  return ctx.services.db.write([&](db::Tx& tx) -> Status {
    int64_t id = TRY(move_enrolment(tx, cp.session, person->id, EnrolmentStatus::kEnrolled,
                                    ctx.user().user_id, "", ctx.services.clock.now_seconds()));
    return audit::append(
        tx, ctx.audit("learning.enrol", "enrolment", std::to_string(id), ctx.user_instansi()),
        ctx.now_ms());
  });
}

Status attendance_action(Context& ctx, const ClassAndProgramme& cp, const std::string& day,
                         const std::vector<std::pair<int64_t, bool>>& marks) {
  auto d = parse_date(day);
  auto start = parse_date(cp.session.starts_on), end = parse_date(cp.session.ends_on);
  if (!d || (start && *d < *start) || (end && *end < *d))
    return Error::field("day", "learning.day_outside_class");
  return ctx.services.db.write([&](db::Tx& tx) -> Status {
    const int64_t now = ctx.services.clock.now_seconds();
    for (const auto& [asn, present] : marks)
      TRY(record_attendance(tx, cp.session.id, asn, day, present, ctx.user().user_id, now));
    return audit::append(
        tx,
        ctx.audit("learning.attendance", "class", std::to_string(cp.session.id),
                  ctx.user_instansi(), json({{"day", day}, {"people", marks.size()}}).dump()),
        ctx.now_ms());
  });
}

// Completion of the participants: the ledger, the certificates and the plans follow.
Status completion_action(Context& ctx, const ClassAndProgramme& cp,
                         const std::vector<ClassOutcome>& outcomes) {
  for (const auto& o : outcomes) {
    if (o.completed && o.passed && !*o.passed)
      return Error::field("passed", "learning.completed_not_passed");
  }
  const auto end = parse_date(cp.session.ends_on);
  if (!end || today_wib(ctx) < *end)
    return Error::conflict("learning.class_not_ended", {{"date", cp.session.ends_on}});
  return ctx.services.db.write([&](db::Tx& tx) -> Status {
    const int64_t now = ctx.services.clock.now_seconds();
    for (const auto& o : outcomes) {
      TRY(record_outcome(tx, cp.session, cp.programme, o, ctx.services.random.token(12),
                         ctx.user().user_id, now));
    }
    return audit::append(tx,
                         ctx.audit("learning.completion", "class", std::to_string(cp.session.id),
                                   ctx.user_instansi(), json({{"people", outcomes.size()}}).dump()),
                         ctx.now_ms());
  });
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

}  // namespace

void register_programme_routes(web::App& app) {
  auto& r = app.router();
  const web::RouteOptions manage{.permission = Permission::kLearningManage};
  const web::RouteOptions manage_write{.permission = Permission::kLearningManage,
                                       .body_limit = 64 * 1024};

  r.add({"GET", "/learning/programmes",
         [](Context& ctx) -> Reply {
           auto list = TRY(ctx.services.db.read(
               [&](db::Tx& tx) { return list_programmes(tx, ctx.user_instansi(), true); }));
           json items = json::array();
           for (const auto& p : list) items.push_back(programme_json(ctx, p));
           return ctx.page("programmes",
                           {{"programmes", items}, {"has_programmes", !items.empty()}},
                           "learning.programmes_title");
         },
         manage});

  r.add({"GET", "/learning/programmes/new",
         [](Context& ctx) -> Reply {
           return programme_page(ctx, Programme{.instansi_id = ctx.user_instansi(), .jp_e2 = 0},
                                 true, nullptr);
         },
         manage});

  r.add({"POST", "/learning/programmes",
         [](Context& ctx) -> Reply {
           auto in = TRY(ctx.input());
           in.ignore("_csrf");
           auto saved =
               save_programme(ctx, in, Programme{.instansi_id = ctx.user_instansi()}, true);
           if (!saved.ok()) {
             Programme shown{.instansi_id = ctx.user_instansi(),
                             .code = in.raw("code"),
                             .title = in.raw("title"),
                             .organiser = in.raw("organiser"),
                             .description = in.raw("description")};
             shown.items = in.keys_with_prefix("item:");
             shown.type = parse_enum<ProgrammeType>(in.raw("type")).value_or(shown.type);
             shown.mode = parse_enum<Mode>(in.raw("mode")).value_or(shown.mode);
             shown.jp_e2 = parse_jp(in.raw("jp")).value_or(0);
             return saved.error().kind == ErrorKind::kInvalid
                        ? programme_page(ctx, shown, true, &saved.error())
                        : Reply(saved.release_error());
           }
           return ctx.redirect("/learning/programmes/" + saved->code, "saved");
         },
         manage_write});

  r.add({"GET", "/learning/programmes/{code}",
         [](Context& ctx) -> Reply {
           Programme p = TRY(programme_of(ctx, ctx.param("code")));
           auto classes =
               TRY(ctx.services.db.read([&](db::Tx& tx) { return list_classes(tx, p.id); }));
           return programme_page(ctx, p, false, nullptr, classes);
         },
         manage});

  r.add({"POST", "/learning/programmes/{code}",
         [](Context& ctx) -> Reply {
           Programme p = TRY(programme_of(ctx, ctx.param("code")));
           auto in = TRY(ctx.input());
           in.ignore("_csrf");
           auto saved = save_programme(ctx, in, p, false);
           if (!saved.ok())
             return saved.error().kind == ErrorKind::kInvalid
                        ? programme_page(ctx, p, false, &saved.error())
                        : Reply(saved.release_error());
           return ctx.redirect("/learning/programmes/" + p.code, "saved");
         },
         manage_write});

  r.add(
      {"POST", "/learning/programmes/{code}/classes",
       [](Context& ctx) -> Reply {
         Programme p = TRY(programme_of(ctx, ctx.param("code")));
         auto in = TRY(ctx.input());
         in.ignore("_csrf");
         auto made = read_class(in, ClassSession{.programme_id = p.id});
         Result<int64_t> id = made.ok() ? ctx.services.db.write([&](db::Tx& tx) -> Result<int64_t> {
           int64_t id = TRY(insert_class(tx, *made, ctx.services.clock.now_seconds()));
           TRY(audit::append(
               tx, ctx.audit("learning.class_create", "class", std::to_string(id), p.instansi_id),
               ctx.now_ms()));
           return id;
         })
                                        : Result<int64_t>(made.error());
         if (!id.ok()) {
           if (id.error().kind != ErrorKind::kInvalid) return id.release_error();
           auto classes =
               TRY(ctx.services.db.read([&](db::Tx& tx) { return list_classes(tx, p.id); }));
           return programme_page(ctx, p, false, &id.error(), classes);
         }
         return ctx.redirect("/learning/classes/" + std::to_string(*id), "saved");
       },
       manage_write});

  r.add({"GET", "/learning/classes/{id}",
         [](Context& ctx) -> Reply { return class_page(ctx, TRY(class_of(ctx)), nullptr); },
         manage});

  r.add({"POST", "/learning/classes/{id}/enrol",
         [](Context& ctx) -> Reply {
           ClassAndProgramme cp = TRY(class_of(ctx));
           auto in = TRY(ctx.input());
           in.ignore("_csrf");
           auto nip = in.text("nip", {.max_chars = 32});
           Status st = in.finish();
           if (st.ok()) st = enrol_action(ctx, cp, *nip);
           if (!st.ok()) return class_page(ctx, cp, &st.error());
           return ctx.redirect("/learning/classes/" + std::to_string(cp.session.id), "saved");
         },
         manage_write});

  r.add({"POST", "/learning/classes/{id}/attendance",
         [](Context& ctx) -> Reply {
           ClassAndProgramme cp = TRY(class_of(ctx));
           auto in = TRY(ctx.input());
           in.ignore("_csrf");
           auto day = in.text("day", {.max_chars = 10});
           std::vector<std::pair<int64_t, bool>> marks;
           for (const auto& id : in.keys_with_prefix("seated:")) {
             in.ignore("seated:" + id);
             marks.emplace_back(std::atoll(id.c_str()), in.flag("present:" + id));
           }
           Status st = in.finish();
           if (st.ok()) st = attendance_action(ctx, cp, *day, marks);
           if (!st.ok()) return class_page(ctx, cp, &st.error());
           return ctx.redirect("/learning/classes/" + std::to_string(cp.session.id), "saved");
         },
         manage_write});

  r.add({"POST", "/learning/classes/{id}/completion",
         [](Context& ctx) -> Reply {
           ClassAndProgramme cp = TRY(class_of(ctx));
           auto in = TRY(ctx.input());
           in.ignore("_csrf");
           auto outcomes = read_outcomes(ctx, in);
           Status st =
               outcomes.ok() ? completion_action(ctx, cp, *outcomes) : Status(outcomes.error());
           if (!st.ok()) return class_page(ctx, cp, &st.error());
           return ctx.redirect("/learning/classes/" + std::to_string(cp.session.id), "saved");
         },
         manage_write});

  r.add({"POST", "/learning/classes/{id}/status",
         [](Context& ctx) -> Reply {
           ClassAndProgramme cp = TRY(class_of(ctx));
           auto in = TRY(ctx.input());
           in.ignore("_csrf");
           auto status = in.choice("status", {"planned", "done", "cancelled"});
           TRY(in.finish());
           cp.session.status = *parse_enum<ClassStatus>(*status);
           TRY(ctx.services.db.write([&](db::Tx& tx) -> Status {
             TRY(update_class(tx, cp.session, ctx.services.clock.now_seconds()));
             return audit::append(
                 tx,
                 ctx.audit("learning.class_status", "class", std::to_string(cp.session.id),
                           ctx.user_instansi(), json({{"status", *status}}).dump()),
                 ctx.now_ms());
           }));
           return ctx.redirect("/learning/classes/" + std::to_string(cp.session.id), "saved");
         },
         manage_write});

  // ---- API ----
  r.add({"GET", "/api/v1/learning/programmes",
         [](Context& ctx) -> Reply {
           auto list = TRY(ctx.services.db.read(
               [&](db::Tx& tx) { return list_programmes(tx, ctx.user_instansi(), true); }));
           json items = json::array();
           for (const auto& p : list) items.push_back(programme_json(ctx, p));
           return ctx.json(200, {{"items", items}});
         },
         manage});

  r.add({"POST", "/api/v1/learning/programmes",
         [](Context& ctx) -> Reply {
           auto in = TRY(ctx.input());
           Programme p =
               TRY(save_programme(ctx, in, Programme{.instansi_id = ctx.user_instansi()}, true));
           return ctx.json(201, programme_json(ctx, p));
         },
         manage_write});

  r.add({"PUT", "/api/v1/learning/programmes/{code}",
         [](Context& ctx) -> Reply {
           Programme current = TRY(programme_of(ctx, ctx.param("code")));
           auto in = TRY(ctx.input());
           in.ignore("code");
           return ctx.json(200, programme_json(ctx, TRY(save_programme(ctx, in, current, false))));
         },
         manage_write});

  r.add({"GET", "/api/v1/learning/programmes/{code}/classes",
         [](Context& ctx) -> Reply {
           Programme p = TRY(programme_of(ctx, ctx.param("code")));
           auto classes =
               TRY(ctx.services.db.read([&](db::Tx& tx) { return list_classes(tx, p.id); }));
           json items = json::array();
           for (const auto& c : classes) {
             json j = class_json(ctx, c.session);
             j["seats_taken"] = c.seats_taken;
             j["waiting"] = c.waiting;
             items.push_back(j);
           }
           return ctx.json(200, {{"items", items}});
         },
         manage});

  r.add({"POST", "/api/v1/learning/programmes/{code}/classes",
         [](Context& ctx) -> Reply {
           Programme p = TRY(programme_of(ctx, ctx.param("code")));
           auto in = TRY(ctx.input());
           ClassSession c = TRY(read_class(in, ClassSession{.programme_id = p.id}));
           c.id = TRY(ctx.services.db.write([&](db::Tx& tx) -> Result<int64_t> {
             int64_t id = TRY(insert_class(tx, c, ctx.services.clock.now_seconds()));
             TRY(audit::append(
                 tx, ctx.audit("learning.class_create", "class", std::to_string(id), p.instansi_id),
                 ctx.now_ms()));
             return id;
           }));
           return ctx.json(201, class_json(ctx, c));
         },
         manage_write});

  r.add({"GET", "/api/v1/learning/classes/{id}",
         [](Context& ctx) -> Reply {
           ClassAndProgramme cp = TRY(class_of(ctx));
           return ctx.json(200, TRY(roster_json(ctx, cp)));
         },
         manage});

  r.add({"POST", "/api/v1/learning/classes/{id}/attendance",
         [](Context& ctx) -> Reply {
           ClassAndProgramme cp = TRY(class_of(ctx));
           auto in = TRY(ctx.input());
           auto nip = in.text("nip", {.max_chars = 32});
           auto day = in.text("day", {.max_chars = 10});
           const bool present = in.is_json() && !in.has("present") ? true : in.flag("present");
           TRY(in.finish());
           auto person = org::person_by_nip(ctx.env(), *nip, ctx.user_instansi());
           if (!person.ok()) return Error::field("nip", "asn.not_found");
           TRY(attendance_action(ctx, cp, *day, {{person->id, present}}));
           return ctx.json(200, {{"status", "recorded"}});
         },
         manage_write});

  r.add({"POST", "/api/v1/learning/classes/{id}/completion",
         [](Context& ctx) -> Reply {
           ClassAndProgramme cp = TRY(class_of(ctx));
           auto in = TRY(ctx.input());
           auto outcomes = TRY(read_outcomes(ctx, in));
           TRY(completion_action(ctx, cp, outcomes));
           return ctx.json(200, TRY(roster_json(ctx, cp)));
         },
         manage_write});
}

}  // namespace harmoni::learning
