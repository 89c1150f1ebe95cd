#include "calendar/calendar_cases.hpp"

#include <fmt/format.h>

#include <map>

#include "calendar/calendar_import.hpp"
#include "calendar/calendar_store.hpp"

namespace harmoni::calendar {
namespace {

Status require_manager(const Actor& actor) {
  if (!actor.signed_in() || !actor.user().can(auth::Permission::kCalendarManage))
    return Error::forbidden();
  return {};
}

}  // namespace

Result<std::vector<Holiday>> holidays_of_year(const Env& env, int year) {
  return env.db.read([&](db::Tx& tx) {
    return list_holidays(tx, Date{year, 1, 1}, Date{year, 12, 31});
  });
}

Result<std::vector<int>> calendar_years(const Env& env) {
  return env.db.read([](db::Tx& tx) { return known_years(tx); });
}

Status save_holiday(const Env& env, const Actor& actor, const Holiday& h) {
  TRY(require_manager(actor));
  TRY(validate(h));
  return env.db.write([&](db::Tx& tx) -> Status {
    const bool added = TRY(upsert_holiday(tx, h, env.now_seconds()));
    return audit::append(tx,
                         actor.audit(added ? "holiday.create" : "holiday.update", "holiday",
                                     format_date(h.day), std::nullopt),
                         env.now_ms());
  });
}

Status remove_holiday(const Env& env, const Actor& actor, const Date& day) {
  TRY(require_manager(actor));
  return env.db.write([&](db::Tx& tx) -> Status {
    if (!TRY(delete_holiday(tx, day))) return Error::not_found("calendar.day_unknown");
    return audit::append(
        tx, actor.audit("holiday.delete", "holiday", format_date(day), std::nullopt), env.now_ms());
  });
}

Result<csv::ImportReport> import_holidays(const Env& env, const Actor& actor,
                                          std::string_view csv_text,
                                          const csv::ImportOptions& options) {
  TRY(require_manager(actor));
  HolidayRows rows = TRY(read_holiday_csv(csv_text));
  csv::ImportReport report = std::move(rows.report);
  if (options.dry_run || (report.bad_rows > 0 && !options.import_good_rows)) return report;
  TRY(env.db.write([&](db::Tx& tx) -> Status {
    for (const Holiday& h : rows.holidays) {
      auto before = TRY(find_holiday(tx, h.day));
      if (before && before->name == h.name && before->kind == h.kind) {
        ++report.unchanged;
        continue;
      }
      TRY(upsert_holiday(tx, h, env.now_seconds()));
      ++(before ? report.updated : report.inserted);
    }
    return audit::append(tx,
                         actor.audit("holiday.import", "holiday", "csv", std::nullopt,
                                     fmt::format(R"({{"inserted":{},"updated":{}}})",
                                                 report.inserted, report.updated)),
                         env.now_ms());
  }));
  report.written = true;
  return report;
}

Result<WorkingCalendar> working_calendar(const Env& env, int from_year, int to_year) {
  return env.db.read([&](db::Tx& tx) { return load_calendar(tx, from_year, to_year); });
}

Status load_shipped_calendar(db::Database& db, int64_t now) {
  std::map<int, std::vector<Holiday>> by_year;
  for (Holiday& h : TRY(shipped_holidays())) by_year[h.day.year].push_back(std::move(h));
  return db.write([&](db::Tx& tx) -> Status {
    for (const auto& [year, days] : by_year) {
      if (TRY(shipped_year_loaded(tx, year))) continue;
      // A year an administrator entered already is theirs: it is left as it is.
      if (TRY(list_holidays(tx, Date{year, 1, 1}, Date{year, 12, 31})).empty()) {
        for (const Holiday& h : days) TRY(upsert_holiday(tx, h, now));
      }
      TRY(mark_shipped_year(tx, year));
    }
    return {};
  });
}

}  // namespace harmoni::calendar
