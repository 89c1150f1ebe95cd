// Use cases of the working-day calendar: reading the days off (anyone), keeping them (system
// administrators: one day at a time, or a year's decree as CSV), and the calendar other
// capabilities count deadlines with.
#pragma once

#include <string_view>
#include <vector>

#include "calendar/calendar.hpp"
#include "platform/cases/env.hpp"
#include "platform/csv/import_report.hpp"

namespace harmoni::calendar {

Result<std::vector<Holiday>> holidays_of_year(const Env& env, int year);
Result<std::vector<int>> calendar_years(const Env& env);
// Adds or changes a day (audited); system administrators only.
Status save_holiday(const Env& env, const Actor& actor, const Holiday& h);
// Not found when the day is not a day off.
Status remove_holiday(const Env& env, const Actor& actor, const Date& day);
// The whole file is checked first; by default every good row is stored only when no row
// is bad (`import_good_rows` stores the good ones anyway, `dry_run` stores nothing).
Result<csv::ImportReport> import_holidays(const Env& env, const Actor& actor,
                                          std::string_view csv_text,
                                          const csv::ImportOptions& options);
Result<WorkingCalendar> working_calendar(const Env& env, int from_year, int to_year);
// At start: the days shipped with Harmoni for years this installation never had.
Status load_shipped_calendar(db::Database& db, int64_t now);

}  // namespace harmoni::calendar
