#include "learning/lms_csv.hpp"

#include <algorithm>
#include <charconv>

#include "learning/jp.hpp"
#include "platform/csv/columns.hpp"

namespace harmoni::learning {
namespace {

using csv::cell;

const csv::ColumnSpec kColumns[] = {
    {"nip", {"nip"}, true},
    {"id_kursus", {"id_kursus", "course_id", "kode", "kode_kursus"}, true},
    {"judul", {"judul", "title", "kursus", "course"}, true},
    {"tanggal_selesai", {"tanggal_selesai", "completed_on", "tanggal", "completed"}, true},
    {"menit", {"menit", "minutes", "durasi_menit", "duration_minutes"}, false},
    {"jp", {"jp", "jam_pelajaran"}, false},
    {"nilai", {"nilai", "score"}, false},
    {"lulus", {"lulus", "passed"}, false},
};

std::optional<int64_t> whole_number(std::string_view text) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

}  // namespace

Result<LmsColumns> map_lms_header(const std::vector<std::string>& header) {
  std::vector<int> i = TRY(csv::map_columns(header, kColumns));
  if (i[4] < 0 && i[5] < 0) return Error::field("menit", "learning.minutes_or_jp");
  return LmsColumns{i[0], i[1], i[2], i[3], i[4], i[5], i[6], i[7]};
}

bool valid_provider(std::string_view p) {
  if (p.size() < 2 || p.size() > 32) return false;
  return std::all_of(p.begin(), p.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

LmsRow lms_row(const LmsColumns& c, const std::vector<std::string>& row, std::string_view provider,
               int minutes_per_jp, std::vector<FieldError>& problems) {
  LmsRow out;
  for (char ch : cell(row, c.nip)) {
    if (ch != ' ') out.nip += ch;
  }
  if (out.nip.size() != 18 || !std::all_of(out.nip.begin(), out.nip.end(),
                                           [](char ch) { return ch >= '0' && ch <= '9'; })) {
    problems.push_back({"nip", "learning.nip_shape", {}});
  }
  LearningRecord& r = out.record;
  r.source = Source::kLms;
  r.verb = "completed";
  r.activity_type = "lms";
  const std::string course = cell(row, c.course_id);
  if (course.empty() || course.size() > 100)
    problems.push_back({"id_kursus", "input.required", {}});
  r.source_ref = "lms:" + std::string(provider) + ":" + course + ":" + out.nip;
  r.title = cell(row, c.title);
  if (r.title.empty() || r.title.size() > 500) problems.push_back({"judul", "input.required", {}});
  if (auto d = parse_date(cell(row, c.completed_on))) {
    r.completed_on = *d;
  } else {
    problems.push_back({"tanggal_selesai", "learning.date_invalid", {}});
  }
  const std::string minutes_text = cell(row, c.minutes), jp_text_value = cell(row, c.jp);
  if (!minutes_text.empty()) {
    auto m = whole_number(minutes_text);
    if (!m || *m < 1 || *m > kMaxRecordMinutes) {
      problems.push_back({"menit",
                          "input.out_of_range",
                          {{"min", "1"}, {"max", std::to_string(kMaxRecordMinutes)}}});
    } else {
      r.minutes = *m;
      r.jp_e2 = minutes_to_jp_e2(*m, minutes_per_jp);
    }
  } else if (auto jp = parse_jp(jp_text_value); jp && *jp > 0) {
    r.jp_e2 = *jp;
    r.minutes = (*jp * minutes_per_jp + 50) / 100;
  } else {
    problems.push_back(
        {minutes_text.empty() && c.jp >= 0 ? "jp" : "menit", "learning.minutes_or_jp", {}});
  }
  if (const std::string s = cell(row, c.score); !s.empty()) {
    auto score = whole_number(s);
    if (!score || *score < 0 || *score > 100) {
      problems.push_back({"nilai", "input.out_of_range", {{"min", "0"}, {"max", "100"}}});
    } else {
      r.score = static_cast<int>(*score);
    }
  }
  if (const std::string p = cell(row, c.passed); !p.empty()) {
    auto passed = csv::parse_flag(p, true);
    if (!passed) {
      problems.push_back({"lulus", "csv.bad_flag", {}});
    } else {
      r.passed = *passed;
      if (!*passed) {
        // A course not passed is kept (the person did learn) but earns no JP.
        r.verb = "failed";
        r.jp_e2 = 0;
      }
    }
  }
  return out;
}

}  // namespace harmoni::learning
