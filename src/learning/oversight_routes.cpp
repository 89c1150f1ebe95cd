// Compliance with the yearly 20-JP right (per unit, drill-down, follow-up list,
// export), importing an LMS's records, and the per-instansi settings. HR sees the whole
// instansi; a unit head their subtree.
#include <fmt/format.h>

#include "learning/compliance_xlsx.hpp"
#include "learning/learning_cases.hpp"
#include "learning/learning_web.hpp"
#include "platform/http/multipart.hpp"
#include "platform/web/routes_util.hpp"

namespace harmoni::learning {
namespace {

using auth::Permission;
using nlohmann::json;
using web::Context;
using web::Reply;

Result<json> compliance_json(const Context& ctx, int year) {
  auto units = TRY(compliance_of(ctx.env(), ctx.actor(), year));
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
  std::optional<int64_t> unit_id;
  if (auto unit = ctx.request.query_param("unit"); unit && !unit->empty()) {
    int64_t id = std::atoll(unit->c_str());
    if (id <= 0) return Error::field("unit", "unit.not_found");
    unit_id = id;
  }
  auto people = TRY(below_right(ctx.env(), ctx.actor(), year, unit_id, limit, offset));
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
  return s;
}

json settings_json(const LearningSettings& s) {
  return {{"minutes_per_jp", s.minutes_per_jp},
          {"peduli_jp_per_hour", jp_text(s.peduli_jp_per_hour_e2)},
          {"peduli_max_jp", jp_text(s.peduli_max_jp_e2)}};
}

int64_t offset_param(const Context& ctx) {
  return std::max<int64_t>(0, std::atoll(ctx.request.query_param("offset").value_or("0").c_str()));
}

// ---- handlers: compliance ----

Reply show_compliance(Context& ctx) {
  json data = TRY(compliance_json(ctx, TRY(web::year_param(ctx))));
  data["has_units"] = !data["units"].empty();
  data["can_list_people"] = follow_up_scope(ctx.user(), Detail::kPeople).has_value();
  data["previous_year"] = data["year"].get<int>() - 1;
  data["next_year"] = data["year"].get<int>() + 1;
  return ctx.page("compliance", data, "learning.compliance_title");
}

Reply show_below(Context& ctx) {
  json data = TRY(below_json(ctx, TRY(web::year_param(ctx)), 100, offset_param(ctx)));
  data["has_items"] = !data["items"].empty();
  data["unit"] = ctx.request.query_param("unit").value_or("");
  return ctx.page("compliance_people", data, "learning.below_title");
}

// Everyone in scope with their JP of the year: a personal-data export, audited.
Reply export_jp(Context& ctx) {
  const int year = TRY(web::year_param(ctx));
  std::string prefix = TRY(start_jp_export(ctx.env(), ctx.actor(), year));
  JpExport e{.instansi_id = ctx.user_instansi(),
             .year = year,
             .unit_path_prefix = std::move(prefix),
             .headings = {ctx.t("field.nip"), ctx.t("common.name"), ctx.t("field.unit"), "JP",
                          ctx.t("learning.export_met"), ctx.t("learning.export_missing")},
             .yes = ctx.t("common.yes"),
             .no = ctx.t("common.no")};
  db::Database& database = ctx.services.db;
  const std::string tmpdir = ctx.services.config.upload_dir;
  return web::temp_file_download(
      ctx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      fmt::format("jp-{}.xlsx", year), ".xlsx", [&database, e, tmpdir](const std::string& path) {
        return write_jp_xlsx(database, e, path, tmpdir);
      });
}

Reply api_compliance(Context& ctx) {
  return ctx.json(200, TRY(compliance_json(ctx, TRY(web::year_param(ctx)))));
}

Reply api_below(Context& ctx) {
  return ctx.json(200, TRY(below_json(ctx, TRY(web::year_param(ctx)),
                                      web::limit_param(ctx, 100, 1000), offset_param(ctx))));
}

// ---- handlers: the LMS import ----

Reply show_import(Context& ctx) { return import_page(ctx, json::object(), 200); }

Reply import_from_form(Context& ctx) {
  std::string boundary = http::multipart_boundary(ctx.request.header("content-type"));
  if (boundary.empty()) return Error::invalid("error.content_type");
  web::TempFile csv{ctx.request.body_file + ".csv"};
  auto parts = http::read_multipart(ctx.request.body_file, boundary, csv.path);
  if (!parts.ok()) return import_page(ctx, {{"error", ctx.t(parts.error().key)}}, 400);
  if (parts->file_bytes == 0) return import_page(ctx, {{"error", ctx.t("import.no_file")}}, 422);
  const std::string provider = parts->fields["provider"],
                    mode = parts->fields["mode"].empty() ? "all" : parts->fields["mode"];
  auto report = import_lms(ctx.env(), ctx.actor(), csv.path, provider, mode);
  if (!report.ok()) {
    if (report.error().kind != ErrorKind::kInvalid) return report.release_error();
    json problems = json::array();
    for (const auto& f : report.error().fields) {
      problems.push_back({{"line", 1}, {"column", f.field}, {"message", ctx.t(f.key, f.args)}});
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
}

Reply api_import(Context& ctx) {
  if (!ctx.request.header("content-type").starts_with("text/csv"))
    return Error::invalid("error.content_type");
  auto report = TRY(import_lms(ctx.env(), ctx.actor(), ctx.request.body_file,
                               ctx.request.query_param("provider").value_or(""),
                               ctx.request.query_param("mode").value_or("all")));
  return ctx.json(report.bad_rows > 0 ? 422 : 200, web::import_report_json(ctx, report));
}

// ---- handlers: settings ----

Reply show_settings(Context& ctx) {
  return ctx.page("learning_settings",
                  {{"settings", settings_json(TRY(settings_of(ctx.env(), ctx.actor())))}},
                  "learning.settings_title");
}

Reply save_settings_from_form(Context& ctx) {
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  auto s = read_settings(in);
  Status st = s.ok() ? save_learning_settings(ctx.env(), ctx.actor(), *s) : s.status();
  if (!st.ok()) {
    if (!st.error().is_users_fault()) return st.release_error();
    json sent = {{"minutes_per_jp", in.raw("minutes_per_jp")},
                 {"peduli_jp_per_hour", in.raw("peduli_jp_per_hour")},
                 {"peduli_max_jp", in.raw("peduli_max_jp")}};
    return ctx.form_page("learning_settings", {{"settings", sent}}, "learning.settings_title",
                         &st.error());
  }
  return ctx.redirect("/learning/settings", "saved");
}

Reply api_settings(Context& ctx) {
  return ctx.json(200, settings_json(TRY(settings_of(ctx.env(), ctx.actor()))));
}

Reply api_save_settings(Context& ctx) {
  auto in = TRY(ctx.input());
  LearningSettings s = TRY(read_settings(in));
  TRY(save_learning_settings(ctx.env(), ctx.actor(), s));
  return ctx.json(200, settings_json(s));
}

const web::RouteOptions kManage{.permission = Permission::kLearningManage};
const web::RouteOptions kUpload{.permission = Permission::kLearningManage,
                                .body_limit = web::kConfiguredUploadLimit,
                                .upload_to_file = true};
const web::RouteOptions kSettingsWrite{.permission = Permission::kLearningManage,
                                       .body_limit = 4 * 1024};

const web::RouteDef kRoutes[] = {
    {"GET", "/learning/compliance", show_compliance},
    {"GET", "/learning/compliance/people", show_below},
    {"GET", "/learning/compliance.xlsx", export_jp},
    {"GET", "/api/v1/learning/compliance", api_compliance},
    {"GET", "/api/v1/learning/compliance/people", api_below},
    {"GET", "/learning/import", show_import, kManage},
    {"POST", "/learning/import", import_from_form, kUpload},
    {"POST", "/api/v1/learning/lms-import", api_import, kUpload},
    {"GET", "/learning/settings", show_settings, kManage},
    {"POST", "/learning/settings", save_settings_from_form, kSettingsWrite},
    {"GET", "/api/v1/learning/settings", api_settings, kManage},
    {"PUT", "/api/v1/learning/settings", api_save_settings, kSettingsWrite},
};

}  // namespace

std::span<const web::RouteDef> oversight_routes() { return kRoutes; }

}  // namespace harmoni::learning
