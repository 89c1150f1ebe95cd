// The working-day calendar's page and API: the days off of a year, one day added,
// changed or removed, a year's decree imported as CSV.
#include "calendar/calendar_routes.hpp"

#include "calendar/calendar_cases.hpp"
#include "platform/util/display.hpp"
#include "platform/web/routes_util.hpp"

namespace harmoni::calendar {
namespace {

using auth::Permission;
using nlohmann::json;
using web::Context;
using web::Reply;

json holiday_json(const Context& ctx, const Holiday& h) {
  return {{"day", format_date(h.day)},
          {"day_text", long_date(h.day, ctx.lang)},
          {"weekday", ctx.t("calendar.weekday." + std::to_string(iso_weekday(h.day)))},
          {"name", h.name},
          {"kind", enum_name(h.kind)},
          {"kind_label", ctx.t("calendar.kind." + std::string(enum_name(h.kind)))}};
}

Result<Date> day_param(const Context& ctx) {
  auto day = parse_date(ctx.param("day"));
  if (!day) return Error::not_found("calendar.day_unknown");
  return *day;
}

// A day off from a form or JSON; the day from the path when the API names it there.
Result<Holiday> read_holiday(web::Input& in, std::optional<Date> day) {
  in.ignore("_csrf");
  Holiday h;
  if (day) {
    h.day = *day;
  } else if (auto text = in.text("date", {.max_chars = 10})) {
    if (auto parsed = parse_date(*text)) {
      h.day = *parsed;
    } else {
      in.add_error("date", "calendar.date_invalid");
    }
  }
  h.name = in.text("name", {.max_chars = 120}).value_or("");
  if (auto kind = in.choice("kind", enum_name_list<HolidayKind>())) {
    h.kind = *parse_enum<HolidayKind>(*kind);
  }
  TRY(in.finish_with(validate(h)));
  return h;
}

csv::ImportOptions import_options(std::string_view mode) {
  return {.import_good_rows = mode == "good_rows", .dry_run = mode == "check"};
}

Reply calendar_page(Context& ctx, int year, web::Input* in, const Error* error, json extra = {}) {
  auto days = TRY(holidays_of_year(ctx.env(), year));
  auto years = TRY(calendar_years(ctx.env()));
  json rows = json::array();
  int national = 0, leave = 0;
  for (const auto& h : days) {
    rows.push_back(holiday_json(ctx, h));
    ++(h.kind == HolidayKind::kNational ? national : leave);
  }
  const int this_year = date_in_wib(ctx.now_ms()).year;
  json year_links = json::array();
  for (int y : years) year_links.push_back({{"year", y}, {"current", y == year}});
  json data = {{"year", year},
               {"previous", year - 1},
               {"next", year + 1},
               {"years", year_links},
               {"days", rows},
               {"national", national},
               {"leave", leave},
               {"empty", days.empty()},
               {"future_year", year > this_year},
               {"can_manage", ctx.user().can(Permission::kCalendarManage)},
               {"form",
                {{"date", in ? in->raw("date") : ""},
                 {"name", in ? in->raw("name") : ""},
                 {"leave", in && in->raw("kind") == "collective_leave"}}}};
  for (auto& [k, v] : extra.items()) data[k] = v;
  return ctx.form_page("holidays", data, "calendar.title", error);
}

// ---- pages ----

Reply show_calendar(Context& ctx) {
  return calendar_page(ctx, TRY(web::year_param(ctx)), nullptr, nullptr);
}

Reply add_from_form(Context& ctx) {
  auto in = TRY(ctx.input());
  auto h = read_holiday(in, std::nullopt);
  Status saved = h.ok() ? save_holiday(ctx.env(), ctx.actor(), *h) : h.status();
  if (!saved.ok()) {
    if (!saved.error().is_users_fault()) return saved.release_error();
    auto year = parse_date(in.raw("date"));
    return calendar_page(ctx, year ? year->year : date_in_wib(ctx.now_ms()).year, &in,
                         &saved.error());
  }
  return ctx.redirect("/holidays?year=" + std::to_string(h->day.year), "saved");
}

Reply delete_from_form(Context& ctx) {
  const Date day = TRY(day_param(ctx));
  TRY(remove_holiday(ctx.env(), ctx.actor(), day));
  return ctx.redirect("/holidays?year=" + std::to_string(day.year), "calendar.deleted");
}

Reply import_from_form(Context& ctx) {
  auto in = TRY(ctx.input());
  in.ignore("_csrf");
  auto text = in.text("csv", {.max_chars = 200'000, .multiline = true});
  auto mode = in.choice("mode", {"all", "good_rows", "check"});
  const int year = date_in_wib(ctx.now_ms()).year;
  if (Status read = in.finish(); !read.ok()) return calendar_page(ctx, year, &in, &read.error());
  auto report = import_holidays(ctx.env(), ctx.actor(), *text, import_options(*mode));
  if (!report.ok()) {
    if (!report.error().is_users_fault()) return report.release_error();
    return calendar_page(ctx, year, &in, &report.error());
  }
  json j = web::import_report_json(ctx, *report);
  j["dry_run"] = *mode == "check";
  j["has_problems"] = !report->problems.empty();
  return calendar_page(ctx, year, nullptr, nullptr, {{"report", j}, {"csv_text", *text}});
}

// ---- API ----

Reply api_list(Context& ctx) {
  const int year = TRY(web::year_param(ctx));
  json items = json::array();
  for (const auto& h : TRY(holidays_of_year(ctx.env(), year))) {
    items.push_back({{"day", format_date(h.day)}, {"name", h.name}, {"kind", enum_name(h.kind)}});
  }
  const auto years = TRY(calendar_years(ctx.env()));
  return ctx.json(200, {{"year", year}, {"items", items}, {"years", years}});
}

Reply api_put(Context& ctx) {
  const Date day = TRY(day_param(ctx));
  auto in = TRY(ctx.input());
  Holiday h = TRY(read_holiday(in, day));
  TRY(save_holiday(ctx.env(), ctx.actor(), h));
  return ctx.json(200,
                  {{"day", format_date(h.day)}, {"name", h.name}, {"kind", enum_name(h.kind)}});
}

Reply api_delete(Context& ctx) {
  const Date day = TRY(day_param(ctx));
  TRY(remove_holiday(ctx.env(), ctx.actor(), day));
  return ctx.json(200, {{"deleted", format_date(day)}});
}

Reply api_import(Context& ctx) {
  if (!ctx.request.header("content-type").starts_with("text/csv"))
    return Error::invalid("error.content_type");
  auto report =
      TRY(import_holidays(ctx.env(), ctx.actor(), ctx.request.body,
                          import_options(ctx.request.query_param("mode").value_or("all"))));
  return ctx.json(report.bad_rows > 0 ? 422 : 200, web::import_report_json(ctx, report));
}

constexpr web::RouteOptions kManage{.permission = Permission::kCalendarManage};

const web::RouteDef kRoutes[] = {
    {"GET", "/holidays", show_calendar},
    {"POST", "/holidays", add_from_form, kManage},
    {"POST", "/holidays/import", import_from_form, kManage},
    {"POST", "/holidays/{day}/delete", delete_from_form, kManage},
    {"GET", "/api/v1/holidays", api_list},
    {"PUT", "/api/v1/holidays/{day}", api_put, kManage},
    {"DELETE", "/api/v1/holidays/{day}", api_delete, kManage},
    {"POST", "/api/v1/holidays/import", api_import, kManage},
};

}  // namespace

void register_routes(web::App& app) {
  app.add_nav({85, "nav.holidays", "/holidays", Permission::kCalendarManage, {}});
  app.router().add(kRoutes);
}

}  // namespace harmoni::calendar
