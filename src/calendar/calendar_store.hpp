// Storage of the days off. Functions take a transaction so callers combine a change with
// its audit entry. SQL stays in this file's .cpp.
#pragma once

#include <optional>
#include <vector>

#include "calendar/calendar.hpp"
#include "platform/db/database.hpp"

namespace harmoni::calendar {

// In [from, to], by day.
Result<std::vector<Holiday>> list_holidays(db::Tx& tx, const Date& from, const Date& to);
Result<std::optional<Holiday>> find_holiday(db::Tx& tx, const Date& day);
// Adds the day, or renames / re-kinds it; returns whether it was new.
Result<bool> upsert_holiday(db::Tx& tx, const Holiday& h, int64_t now);
// Whether there was such a day.
Result<bool> delete_holiday(db::Tx& tx, const Date& day);
// The calendar for working-day arithmetic from `from_year` to `to_year`.
Result<WorkingCalendar> load_calendar(db::Tx& tx, int from_year, int to_year);
// The years that hold at least one day off, ascending.
Result<std::vector<int>> known_years(db::Tx& tx);
// Whether the shipped days of `year` were once loaded (so days an administrator removed
// since do not come back), and marking it.
Result<bool> shipped_year_loaded(db::Tx& tx, int year);
Status mark_shipped_year(db::Tx& tx, int year);

}  // namespace harmoni::calendar
