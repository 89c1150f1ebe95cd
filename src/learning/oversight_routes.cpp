// Compliance with the yearly 20-JP right (per unit, drill-down, follow-up list,
// export), importing an LMS's records, and the per-instansi settings. HR sees the whole
// instansi; a unit head their subtree.
#include <fmt/format.h>

#include "learning/learning_routes.hpp"
#include "learning/learning_web.hpp"
#include "learning/lms_import.hpp"
#include "platform/audit/audit.hpp"
#include "platform/http/multipart.hpp"
#include "platform/web/routes_util.hpp"
#include "platform/xlsx/sheet_writer.hpp"

namespace harmoni::learning {
namespace {

using auth::Permission;
using nlohmann::json;
using web::Context;
using web::Reply;

// The part of the instansi the caller follows up: "" for the whole instansi, a unit
// head's subtree. Counts per unit go to whoever runs learning; lists of people (and
// their export) to HR and unit heads only.
enum class Detail { kCounts, kPeople };
Result<std::string> scope_of(const Context& ctx, Detail detail) {
  const auto& p = ctx.user();
  if (p.can(detail == Detail::kCounts ? Permission::kLearningManage
                                      : Permission::kDevelopmentOversee))
    return std::string();
  if (p.role == auth::Role::kUnitHead && !p.unit_path.empty()) return p.unit_path;
  return Error::forbidden();
}

Result<json> compliance_json(const Context& ctx, int year) {
  const std::string prefix = TRY(scope_of(ctx, Detail::kCounts));
  auto units = TRY(ctx.services.db.read(
      [&](db::Tx& tx) { return compliance(tx, ctx.user_instansi(), year, prefix); }));
  json rows = json::array();
  int64_t people = 0, met = 0, jp = 0;
  for (const auto& u : units) {
    people += u.people;
    met += u.met;
    jp += u.jp_e2;
    rows.push_back({{"unit_id", u.unit_id},
                    {"unit", u.unit_code},
                    {"name", u.unit_name},
                    {"people", u.people},
                    {"met", u.met},
                    {"below", u.people - u.met},
                    {"percent", u.people ? u.met * 100 / u.people : 0},
                    {"average", jp_json(u.people ? u.jp_e2 / u.people : 0)}});
  }
  return json{{"year", year},
              {"units", rows},
              {"total",
               {{"people", people},
                {"met", met},
                {"below", people - met},
                {"percent", people ? met * 100 / people : 0},
                {"average", jp_json(people ? jp / people : 0)}}}};
}

Result<json> below_json(const Context& ctx, int year, int limit, int64_t offset) {
  std::string prefix = TRY(scope_of(ctx, Detail::kPeople));
  BelowQuery q{.instansi_id = ctx.user_instansi(),
               .year = year,
               .unit_path_prefix = std::move(prefix),
               .limit = limit,
               .offset = offset};
  if (auto unit = ctx.request.query_param("unit"); unit && !unit->empty()) {
    int64_t id = std::atoll(unit->c_str());
    if (id <= 0) return Error::field("unit", "unit.not_found");
    q.unit_id = id;
  }
  auto people = TRY(ctx.services.db.read([&](db::Tx& tx) -> Result<std::vector<PersonJp>> {
    if (q.unit_id) {
      // A unit outside the caller's subtree shows nobody.
      auto unit = TRY(tx.query_one("SELECT path FROM units WHERE id = ? AND instansi_id = ?",
                                   {*q.unit_id, q.instansi_id}));
      if (!unit || !unit->text(0).starts_with(q.unit_path_prefix)) return std::vector<PersonJp>();
    }
    return people_below(tx, q);
  }));
  json items = json::array();
  for (const auto& p : people) {
    json j = standing_json(ctx, p.jp_e2);
    j.update({{"nip", p.nip}, {"name", p.name}, {"unit", p.unit_name}});
    items.push_back(j);
  }
  return json{
      {"year", year},
      {"items", items},
      {"offset", offset},
      {"limit", limit},
      {"next_offset", static_cast<int>(items.size()) == limit ? json(offset + limit) : json()}};
}

Reply import_page(Context& ctx, json extra, int status) {
  json data = {{"provider", "lms"}};
  data.update(extra);
  return ctx.page("learning_import", data, "learning.import_title", status);
}

Result<csv::ImportReport> import_action(Context& ctx, const std::string& path,
                                        const std::string& provider, const std::string& mode) {
  if (mode != "all" && mode != "good_rows" && mode != "check") {
    return Error::field("mode", "input.not_allowed", {{"allowed", "all, good_rows, check"}});
  }
  return import_lms_csv(
      ctx.services.db, ctx.user_instansi(), path, provider,
      csv::ImportOptions{.import_good_rows = mode == "good_rows", .dry_run = mode == "check"},
      ctx.services.clock.now_seconds(),
      ctx.audit("learning.lms_import", "instansi", std::to_string(ctx.user_instansi()),
                ctx.user_instansi()),
      ctx.now_ms());
}

Result<LearningSettings> read_settings(web::Input& in) {
  LearningSettings s;
  if (auto v = in.integer("minutes_per_jp", {.min = 30, .max = 120}))
    s.minutes_per_jp = static_cast<int>(*v);
  if (auto v = in.text("peduli_jp_per_hour", {.max_chars = 8})) {
    if (auto jp = parse_jp(*v))
      s.peduli_jp_per_hour_e2 = *jp;
    else
      in.add_error("peduli_jp_per_hour", "learning.jp_invalid");
  }
  if (auto v = in.text("peduli_max_jp", {.max_chars = 8})) {
    if (auto jp = parse_jp(*v))
      s.peduli_max_jp_e2 = *jp;
    else
      in.add_error("peduli_max_jp", "learning.jp_invalid");
  }
  TRY(in.finish());
  TRY(validate(s));
  return s;
}

json settings_json(const LearningSettings& s) {
  return {{"minutes_per_jp", s.minutes_per_jp},
          {"peduli_jp_per_hour", jp_text(s.peduli_jp_per_hour_e2)},
          {"peduli_max_jp", jp_text(s.peduli_max_jp_e2)}};
}

Status save_settings_action(Context& ctx, const LearningSettings& s) {
  return ctx.services.db.write([&](db::Tx& tx) -> Status {
    TRY(save_settings(tx, ctx.user_instansi(), s, ctx.services.clock.now_seconds()));
    return audit::append(
        tx,
        ctx.audit("learning.settings", "instansi", std::to_string(ctx.user_instansi()),
                  ctx.user_instansi(), settings_json(s).dump()),
        ctx.now_ms());
  });
}

}  // namespace

void register_oversight_routes(web::App& app) {
  auto& r = app.router();

  r.add({"GET", "/learning/compliance", [](Context& ctx) -> Reply {
           json data = TRY(compliance_json(ctx, TRY(year_param(ctx))));
           data["has_units"] = !data["units"].empty();
           data["can_list_people"] = scope_of(ctx, Detail::kPeople).ok();
           data["previous_year"] = data["year"].get<int>() - 1;
           data["next_year"] = data["year"].get<int>() + 1;
           return ctx.page("compliance", data, "learning.compliance_title");
         }});

  r.add({"GET", "/learning/compliance/people", [](Context& ctx) -> Reply {
           const int year = TRY(year_param(ctx));
           const int64_t offset = std::max<int64_t>(
               0, std::atoll(ctx.request.query_param("offset").value_or("0").c_str()));
           json data = TRY(below_json(ctx, year, 100, offset));
           data["has_items"] = !data["items"].empty();
           data["unit"] = ctx.request.query_param("unit").value_or("");
           return ctx.page("compliance_people", data, "learning.below_title");
         }});

  // Everyone in scope with their JP of the year: a personal-data export, audited.
  r.add({"GET", "/learning/compliance.xlsx", [](Context& ctx) -> Reply {
           const int year = TRY(year_param(ctx));
           const std::string prefix = TRY(scope_of(ctx, Detail::kPeople));
           TRY(web::record_audit(
               ctx, ctx.audit("learning.export", "instansi", std::to_string(ctx.user_instansi()),
                              ctx.user_instansi(), json({{"year", year}}).dump())));
           const std::vector<std::string> headings = {
               ctx.t("field.nip"),           ctx.t("common.name"),
               ctx.t("field.unit"),          "JP",
               ctx.t("learning.export_met"), ctx.t("learning.export_missing")};
           const std::string yes = ctx.t("common.yes"), no = ctx.t("common.no");
           db::Database& database = ctx.services.db;
           const int64_t instansi = ctx.user_instansi();
           const std::string tmpdir = ctx.services.config.upload_dir;
           return web::temp_file_download(
               ctx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
               fmt::format("jp-{}.xlsx", year), ".xlsx",
               [&database, instansi, year, prefix, headings, yes, no,
                tmpdir](const std::string& path) -> Status {
                 auto sheet = TRY(xlsx::SheetWriter::create(
                     path, tmpdir, "JP " + std::to_string(year), headings));
                 Status failure;
                 TRY(database.read([&](db::Tx& tx) {
                   return each_person_jp(tx, instansi, year, prefix, [&](const PersonJp& p) {
                     Standing s = standing(p.jp_e2);
                     failure = sheet->add_row({p.nip, p.name, p.unit_name,
                                               static_cast<double>(p.jp_e2) / 100, s.met ? yes : no,
                                               static_cast<double>(s.missing_e2) / 100});
                     return failure.ok() && !sheet->full();
                   });
                 }));
                 TRY(failure);
                 TRY(sheet->close());
                 return {};
               });
         }});

  r.add({"GET", "/api/v1/learning/compliance", [](Context& ctx) -> Reply {
           return ctx.json(200, TRY(compliance_json(ctx, TRY(year_param(ctx)))));
         }});

  r.add({"GET", "/api/v1/learning/compliance/people", [](Context& ctx) -> Reply {
           const int64_t offset = std::max<int64_t>(
               0, std::atoll(ctx.request.query_param("offset").value_or("0").c_str()));
           return ctx.json(200, TRY(below_json(ctx, TRY(year_param(ctx)),
                                               web::limit_param(ctx, 100, 1000), offset)));
         }});

  // ---- the LMS import ----
  const size_t upload_limit =
      static_cast<size_t>(app.services().config.max_upload_mb) * 1024 * 1024;
  r.add({"GET",
         "/learning/import",
         [](Context& ctx) -> Reply { return import_page(ctx, json::object(), 200); },
         {.permission = Permission::kLearningManage}});

  r.add({"POST",
         "/learning/import",
         [](Context& ctx) -> Reply {
           std::string boundary = http::multipart_boundary(ctx.request.header("content-type"));
           if (boundary.empty()) return Error::invalid("error.content_type");
           web::TempFile csv{ctx.request.body_file + ".csv"};
           auto parts = http::read_multipart(ctx.request.body_file, boundary, csv.path);
           if (!parts.ok()) return import_page(ctx, {{"error", ctx.t(parts.error().key)}}, 400);
           if (parts->file_bytes == 0)
             return import_page(ctx, {{"error", ctx.t("import.no_file")}}, 422);
           const std::string provider = parts->fields["provider"],
                             mode = parts->fields["mode"].empty() ? "all" : parts->fields["mode"];
           auto report = import_action(ctx, csv.path, provider, mode);
           if (!report.ok()) {
             if (report.error().kind != ErrorKind::kInvalid) return report.release_error();
             json problems = json::array();
             for (const auto& f : report.error().fields) {
               problems.push_back(
                   {{"line", 1}, {"column", f.field}, {"message", ctx.t(f.key, f.args)}});
             }
             return import_page(ctx,
                                {{"error", ctx.t(report.error().key, report.error().args)},
                                 {"provider", provider},
                                 {"report", {{"problems", problems}}}},
                                422);
           }
           json j = web::import_report_json(ctx, *report);
           j["dry_run"] = mode == "check";
           j["has_problems"] = !report->problems.empty();
           return import_page(ctx, {{"report", j}, {"provider", provider}},
                              report->bad_rows > 0 ? 422 : 200);
         },
         {.permission = Permission::kLearningManage,
          .body_limit = upload_limit,
          .upload_to_file = true}});

  r.add({"POST",
         "/api/v1/learning/lms-import",
         [](Context& ctx) -> Reply {
           if (!ctx.request.header("content-type").starts_with("text/csv"))
             return Error::invalid("error.content_type");
           auto report = TRY(import_action(ctx, ctx.request.body_file,
                                           ctx.request.query_param("provider").value_or(""),
                                           ctx.request.query_param("mode").value_or("all")));
           return ctx.json(report.bad_rows > 0 ? 422 : 200, web::import_report_json(ctx, report));
         },
         {.permission = Permission::kLearningManage,
          .body_limit = upload_limit,
          .upload_to_file = true}});

  // ---- settings ----
  r.add({"GET",
         "/learning/settings",
         [](Context& ctx) -> Reply {
           auto s = TRY(ctx.services.db.read(
               [&](db::Tx& tx) { return load_settings(tx, ctx.user_instansi()); }));
           return ctx.page("learning_settings", {{"settings", settings_json(s)}},
                           "learning.settings_title");
         },
         {.permission = Permission::kLearningManage}});

  r.add({"POST",
         "/learning/settings",
         [](Context& ctx) -> Reply {
           auto in = TRY(ctx.input());
           in.ignore("_csrf");
           auto s = read_settings(in);
           Status st = s.ok() ? save_settings_action(ctx, *s) : Status(s.error());
           if (!st.ok()) {
             if (st.error().kind != ErrorKind::kInvalid) return st.release_error();
             json sent = {{"minutes_per_jp", in.raw("minutes_per_jp")},
                          {"peduli_jp_per_hour", in.raw("peduli_jp_per_hour")},
                          {"peduli_max_jp", in.raw("peduli_max_jp")}};
             return ctx.page("learning_settings",
                             {{"settings", sent}, {"errors", ctx.field_errors(st.error())}},
                             "learning.settings_title", 422);
           }
           return ctx.redirect("/learning/settings", "saved");
         },
         {.permission = Permission::kLearningManage, .body_limit = 4 * 1024}});

  r.add({"GET",
         "/api/v1/learning/settings",
         [](Context& ctx) -> Reply {
           auto s = TRY(ctx.services.db.read(
               [&](db::Tx& tx) { return load_settings(tx, ctx.user_instansi()); }));
           return ctx.json(200, settings_json(s));
         },
         {.permission = Permission::kLearningManage}});

  r.add({"PUT",
         "/api/v1/learning/settings",
         [](Context& ctx) -> Reply {
           auto in = TRY(ctx.input());
           LearningSettings s = TRY(read_settings(in));
           TRY(save_settings_action(ctx, s));
           return ctx.json(200, settings_json(s));
         },
         {.permission = Permission::kLearningManage, .body_limit = 4 * 1024}});
}

void register_routes(web::App& app) {
  using auth::Role;
  register_programme_routes(app);
  register_oversight_routes(app);
  register_person_routes(app);
  app.add_nav({62,
               "nav.learning",
               "/learning",
               std::nullopt,
               {Role::kInstansiAdmin, Role::kUnitHead, Role::kOfficer, Role::kHrDeveloper,
                Role::kCaseHandler, Role::kAuditor}});
  app.add_nav({64, "nav.programmes", "/learning/programmes", Permission::kLearningManage, {}});
  app.add_nav({66,
               "nav.compliance",
               "/learning/compliance",
               std::nullopt,
               {Role::kInstansiAdmin, Role::kUnitHead, Role::kHrDeveloper}});
}

}  // namespace harmoni::learning
