#include "calendar/calendar_import.hpp"

#include <set>
#include <sstream>

#include "platform/csv/columns.hpp"
#include "platform/embedded.hpp"

namespace harmoni::calendar {
namespace {

const csv::ColumnSpec kColumns[] = {{"tanggal", {"tanggal", "date", "day", "hari"}, true},
                                    {"nama", {"nama", "name", "keterangan"}, true},
                                    {"jenis", {"jenis", "kind", "type"}, true}};

std::optional<HolidayKind> parse_kind(std::string_view text) {
  const std::string k = csv::lower_trim(text);
  if (k == "national" || k == "libur nasional" || k == "libur_nasional" || k == "nasional")
    return HolidayKind::kNational;
  if (k == "collective_leave" || k == "cuti bersama" || k == "cuti_bersama")
    return HolidayKind::kCollectiveLeave;
  return std::nullopt;
}

}  // namespace

Result<HolidayRows> read_holiday_csv(std::string_view text) {
  std::istringstream in{std::string(text)};
  const std::string first_line = std::string(text.substr(0, text.find('\n')));
  csv::Reader reader(in, csv::detect_delimiter(first_line));
  HolidayRows out;
  std::vector<std::string> row;
  auto has_header = reader.next(row);
  if (!has_header.ok()) return has_header.release_error();
  if (!*has_header) return Error::invalid("csv.empty");
  auto columns = TRY(csv::map_columns(row, kColumns));
  std::set<Date> seen;
  for (;;) {
    auto more = reader.next(row);
    if (!more.ok()) {
      out.report.add_read_error(more.error());
      break;
    }
    if (!*more) break;
    ++out.report.rows;
    const int64_t line = reader.record_line();
    const size_t problems_before = out.report.problems.size() + out.report.problems_not_listed;
    Holiday h;
    const auto day = parse_date(csv::cell(row, columns[0]));
    if (day) {
      h.day = *day;
      if (!seen.insert(*day).second) out.report.add(line, "tanggal", "calendar.day_repeated");
    } else {
      out.report.add(line, "tanggal", "calendar.date_invalid");
    }
    h.name = csv::cell(row, columns[1]);
    if (auto kind = parse_kind(csv::cell(row, columns[2]))) {
      h.kind = *kind;
    } else {
      out.report.add(line, "jenis", "calendar.kind_invalid");
    }
    if (Status valid = validate(h); !valid.ok()) {
      for (const auto& f : valid.error().fields) {
        if (f.field == "date" && !day) continue;  // already said: not a date
        out.report.add(line, f.field == "date" ? "tanggal" : "nama", f.key, f.args);
      }
    }
    if (out.report.problems.size() + out.report.problems_not_listed > problems_before) {
      ++out.report.bad_rows;
    } else {
      out.holidays.push_back(std::move(h));
    }
  }
  return out;
}

Result<std::vector<Holiday>> shipped_holidays() {
  std::vector<Holiday> all;
  for (const auto& file : embedded_files()) {
    if (!file.path.starts_with("data/holidays/") || !file.path.ends_with(".csv")) continue;
    auto rows = TRY(read_holiday_csv(file.data));
    if (rows.report.bad_rows > 0)
      return Error::internal("shipped holidays malformed: " + std::string(file.path));
    all.insert(all.end(), rows.holidays.begin(), rows.holidays.end());
  }
  return all;
}

}  // namespace harmoni::calendar
