// The days off from a CSV file: a header row, then one day a row with its date
// (tanggal / date, YYYY-MM-DD), name (nama / name) and kind (jenis / kind: national or
// libur nasional, collective_leave or cuti bersama). The decree's list pastes in as it is.
// Files are small (a year is a few dozen rows): read whole.
#pragma once

#include <string_view>
#include <vector>

#include "calendar/calendar.hpp"
#include "platform/csv/import_report.hpp"

namespace harmoni::calendar {

struct HolidayRows {
  std::vector<Holiday> holidays;  // the good rows, in file order
  csv::ImportReport report;       // rows read, bad rows and why
};

// Every problem found: malformed dates, names or kinds, a day given twice.
Result<HolidayRows> read_holiday_csv(std::string_view text);
// The calendar shipped with Harmoni (data/holidays/YEAR.csv), for years an installation
// has not entered yet.
Result<std::vector<Holiday>> shipped_holidays();

}  // namespace harmoni::calendar
