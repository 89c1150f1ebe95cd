#include "calendar/calendar_store.hpp"

#include "platform/db/row_map.hpp"

namespace harmoni::calendar {
namespace {

const db::RowMap<Holiday> kHolidayRow{
    {"day", &Holiday::day}, {"name", &Holiday::name}, {"kind", &Holiday::kind}};
const std::string kHolidaySelect = "SELECT " + kHolidayRow.columns() + " FROM holidays ";

}  // namespace

Result<std::vector<Holiday>> list_holidays(db::Tx& tx, const Date& from, const Date& to) {
  return kHolidayRow.all(tx, kHolidaySelect + "WHERE day >= ? AND day <= ? ORDER BY day",
                         {format_date(from), format_date(to)});
}

Result<std::optional<Holiday>> find_holiday(db::Tx& tx, const Date& day) {
  return kHolidayRow.one(tx, kHolidaySelect + "WHERE day = ?", {format_date(day)});
}

Result<bool> upsert_holiday(db::Tx& tx, const Holiday& h, int64_t now) {
  const bool existed = TRY(find_holiday(tx, h.day)).has_value();
  TRY(tx.exec(
      "INSERT INTO holidays (day, name, kind, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (day) "
      "DO UPDATE SET name = excluded.name, kind = excluded.kind, updated_at = excluded.updated_at",
      {format_date(h.day), h.name, std::string(enum_name(h.kind)), now}));
  return !existed;
}

Result<bool> delete_holiday(db::Tx& tx, const Date& day) {
  return TRY(tx.exec("DELETE FROM holidays WHERE day = ?", {format_date(day)})) > 0;
}

Result<WorkingCalendar> load_calendar(db::Tx& tx, int from_year, int to_year) {
  auto days = TRY(list_holidays(tx, Date{from_year, 1, 1}, Date{to_year, 12, 31}));
  return WorkingCalendar(days);
}

Result<std::vector<int>> known_years(db::Tx& tx) {
  std::vector<int> years;
  TRY(tx.each("SELECT DISTINCT substr(day, 1, 4) FROM holidays ORDER BY 1", {},
              [&](const db::Row& r) {
                years.push_back(static_cast<int>(r.i64(0)));
                return true;
              }));
  return years;
}

Result<bool> shipped_year_loaded(db::Tx& tx, int year) {
  return TRY(tx.query_one("SELECT 1 FROM settings WHERE name = ?",
                          {"holidays_shipped_" + std::to_string(year)}))
      .has_value();
}

Status mark_shipped_year(db::Tx& tx, int year) {
  TRY(tx.exec("INSERT INTO settings (name, value) VALUES (?, '1') ON CONFLICT (name) DO NOTHING",
              {"holidays_shipped_" + std::to_string(year)}));
  return {};
}

}  // namespace harmoni::calendar
