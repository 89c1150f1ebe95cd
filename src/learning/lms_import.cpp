#include "learning/lms_import.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>

#include "learning/learning_store.hpp"
#include "learning/lms_csv.hpp"
#include "platform/db/sql_text.hpp"

namespace harmoni::learning {
namespace {

constexpr size_t kChunk = 2000;

// NIP -> ASN id for the NIPs of a chunk, of one instansi.
Result<std::map<std::string, int64_t>> resolve(db::Tx& tx, int64_t instansi_id,
                                               const std::vector<std::string>& nips) {
  std::map<std::string, int64_t> out;
  for (size_t start = 0; start < nips.size(); start += 500) {
    const size_t end = std::min(nips.size(), start + 500);
    db::Params p{instansi_id};
    for (size_t i = start; i < end; ++i) p.emplace_back(nips[i]);
    TRY(tx.each("SELECT nip, id FROM asn WHERE instansi_id = ? AND nip IN " +
                    db::row_placeholders(1, end - start),
                p, [&](const db::Row& r) {
                  out[r.text(0)] = r.i64(1);
                  return true;
                }));
  }
  return out;
}

struct Parsed {
  int64_t line = 0;
  LmsRow row;
  bool bad = false;
};

// Streams the file in chunks of parsed rows; `each` gets every chunk.
Status stream_rows(const std::string& path, const std::string& provider, int minutes_per_jp,
                   csv::ImportReport& report, bool report_problems,
                   const std::function<Status(std::vector<Parsed>&)>& each) {
  auto file = TRY(csv::open_import_file(path));
  auto columns = map_lms_header(file->header);
  if (!columns.ok()) {
    Error e = columns.release_error();
    e.key = "csv.bad_header";
    return e;
  }
  std::vector<Parsed> chunk;
  std::vector<std::string> fields;
  for (;;) {
    auto got = file->reader->next(fields);
    if (!got.ok()) {
      if (report_problems) report.add_read_error(got.error());
      return Error::invalid("csv.unreadable");
    }
    if (!got.value()) break;
    Parsed p{file->reader->record_line()};
    std::vector<FieldError> problems;
    p.row = lms_row(*columns, fields, provider, minutes_per_jp, problems);
    p.bad = !problems.empty();
    if (report_problems) {
      ++report.rows;
      for (const auto& f : problems) report.add(p.line, f.field, f.key, f.args);
    }
    chunk.push_back(std::move(p));
    if (chunk.size() >= kChunk) {
      TRY(each(chunk));
      chunk.clear();
    }
  }
  if (!chunk.empty()) TRY(each(chunk));
  return {};
}

uint64_t reference_hash(const std::string& ref) { return std::hash<std::string>{}(ref); }

}  // namespace

Result<csv::ImportReport> import_lms_csv(db::Database& db, int64_t instansi_id,
                                         const std::string& path, const std::string& provider,
                                         const csv::ImportOptions& options, int64_t now,
                                         audit::Entry audit_entry, int64_t now_ms) {
  csv::ImportReport report;
  if (!valid_provider(provider)) return Error::field("provider", "learning.provider_invalid");
  const LearningSettings settings =
      TRY(db.read([&](db::Tx& tx) { return load_settings(tx, instansi_id); }));

  // Pass 1: every row checked; references hashed to find repeats.
  std::vector<int64_t> bad_lines;
  // (hash of the reference, line). Two different references with one 64-bit hash (about
  // one chance in 10^7 in a million rows) would be reported as a repeat: safe, nothing
  // wrong is stored.
  std::vector<std::pair<uint64_t, int64_t>> refs;
  Status read = stream_rows(
      path, provider, settings.minutes_per_jp, report, true,
      [&](std::vector<Parsed>& chunk) -> Status {
        std::vector<std::string> nips;
        for (const auto& p : chunk) nips.push_back(p.row.nip);
        auto known = TRY(db.read([&](db::Tx& tx) { return resolve(tx, instansi_id, nips); }));
        for (auto& p : chunk) {
          if (!p.bad && !known.contains(p.row.nip)) {
            report.add(p.line, "nip", "learning.nip_unknown", {{"nip", p.row.nip}});
            p.bad = true;
          }
          if (p.bad) {
            bad_lines.push_back(p.line);
          } else {
            refs.emplace_back(reference_hash(p.row.record.source_ref), p.line);
          }
        }
        return {};
      });
  if (!read.ok()) {
    if (read.error().key == "csv.unreadable") return report;
    return read.release_error();
  }
  std::sort(refs.begin(), refs.end());
  for (size_t i = 1; i < refs.size(); ++i) {
    if (refs[i].first == refs[i - 1].first) {
      report.add(refs[i].second, "id_kursus", "learning.duplicate_record",
                 {{"line", std::to_string(refs[i - 1].second)}});
      bad_lines.push_back(refs[i].second);
    }
  }
  refs.clear();
  refs.shrink_to_fit();
  std::sort(bad_lines.begin(), bad_lines.end());
  bad_lines.erase(std::unique(bad_lines.begin(), bad_lines.end()), bad_lines.end());
  report.bad_rows = static_cast<int64_t>(bad_lines.size());
  if (options.dry_run || (report.bad_rows > 0 && !options.import_good_rows) || report.rows == 0)
    return report;

  // Pass 2: the good rows, in one transaction.
  csv::ImportReport written = report;
  Status st = db.bulk_write([&](db::Tx& tx) -> Status {
    written = report;
    TRY(stream_rows(path, provider, settings.minutes_per_jp, written, false,
                    [&](std::vector<Parsed>& chunk) -> Status {
                      std::vector<std::string> nips;
                      for (const auto& p : chunk) nips.push_back(p.row.nip);
                      auto known = TRY(resolve(tx, instansi_id, nips));
                      std::vector<LearningRecord> records;
                      for (auto& p : chunk) {
                        if (std::binary_search(bad_lines.begin(), bad_lines.end(), p.line))
                          continue;
                        p.row.record.asn_id = known.at(p.row.nip);
                        records.push_back(std::move(p.row.record));
                      }
                      LedgerOutcome o = TRY(record_learning(tx, records, now));
                      written.inserted += o.inserted;
                      written.updated += o.updated;
                      written.unchanged += o.unchanged;
                      return {};
                    }));
    audit_entry.detail = fmt::format(
        R"({{"provider":"{}","rows":{},"inserted":{},"updated":{},"unchanged":{},"bad_rows":{}}})",
        provider, written.rows, written.inserted, written.updated, written.unchanged,
        written.bad_rows);
    return audit::append(tx, audit_entry, now_ms);
  });
  TRY(st);
  written.written = true;
  return written;
}

}  // namespace harmoni::learning
