#include "org/asn_import.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>

#include "org/asn_csv.hpp"
#include "org/org_store.hpp"
#include "platform/csv/csv.hpp"

namespace harmoni::org {
namespace {

// Opens the file and maps its header; the reader then yields data rows.
struct CsvSource {
  std::unique_ptr<csv::ImportFile> file;
  CsvColumns columns;
  csv::Reader& reader() { return *file->reader; }
};

Result<std::unique_ptr<CsvSource>> open_source(const std::string& path) {
  auto source = std::make_unique<CsvSource>();
  source->file = TRY(csv::open_import_file(path));
  auto columns = map_asn_header(source->file->header);
  if (!columns.ok()) {
    Error e = columns.release_error();
    e.key = "csv.bad_header";
    return e;
  }
  source->columns = columns.value();
  return source;
}

// Row checks that need no database beyond the code index.
void check_row(const CsvColumns& columns, const std::vector<std::string>& row, int64_t line,
               const CodeIndex& index, YearMonth today, AsnDraft& draft, ImportReport& problems,
               bool& bad) {
  std::vector<FieldError> errors;
  draft = asn_row_to_draft(columns, row, errors);
  for (auto& e : validate_asn(draft, today)) errors.push_back(std::move(e));
  if (std::none_of(errors.begin(), errors.end(),
                   [](const FieldError& e) { return e.field == "unit"; }) &&
      !index.units.contains(draft.unit_code)) {
    errors.push_back({"unit", "unit.unknown", {{"code", draft.unit_code}}});
  }
  if (!draft.position_code.empty() && !index.positions.contains(draft.position_code) &&
      std::none_of(errors.begin(), errors.end(),
                   [](const FieldError& e) { return e.field == "position"; })) {
    errors.push_back({"position", "position.unknown", {{"code", draft.position_code}}});
  }
  bad = !errors.empty();
  for (auto& e : errors) problems.add(line, column_for_field(e.field), e.key, e.args);
}

uint64_t nip_number(const std::string& nip) {
  uint64_t v = 0;
  std::from_chars(nip.data(), nip.data() + nip.size(), v);
  return v;
}

}  // namespace

Result<ImportReport> import_asn_csv(db::Database& db, int64_t instansi_id, const std::string& path,
                                    const ImportOptions& options, YearMonth today, int64_t now,
                                    audit::Entry audit_entry, int64_t now_ms) {
  ImportReport report;
  CodeIndex index = TRY(db.read([&](db::Tx& tx) { return load_code_index(tx, instansi_id); }));

  // Pass 1: check every row; remember (NIP, line) of good rows to find repeats.
  std::vector<std::pair<uint64_t, int64_t>> seen;
  std::vector<int64_t> bad_lines;  // lines of rows that must be skipped in pass 2
  {
    auto source = TRY(open_source(path));
    std::vector<std::string> row;
    AsnDraft draft;
    for (;;) {
      auto got = source->reader().next(row);
      if (!got.ok()) {
        // A broken file (stray quote, bad UTF-8) cannot be read on: report and stop.
        report.add_read_error(got.error());
        return report;
      }
      if (!got.value()) break;
      ++report.rows;
      int64_t line = source->reader().record_line();
      bool bad = false;
      check_row(source->columns, row, line, index, today, draft, report, bad);
      if (bad) {
        bad_lines.push_back(line);
      } else {
        seen.emplace_back(nip_number(draft.nip), line);
      }
    }
  }
  std::sort(seen.begin(), seen.end());
  for (size_t i = 1; i < seen.size(); ++i) {
    if (seen[i].first == seen[i - 1].first) {
      // Every repeat after the first occurrence is a bad row.
      size_t first = i - 1;
      while (first > 0 && seen[first - 1].first == seen[i].first) --first;
      report.add(seen[i].second, "nip", "csv.duplicate_nip",
                 {{"line", std::to_string(seen[first].second)}});
      bad_lines.push_back(seen[i].second);
    }
  }
  seen.clear();
  seen.shrink_to_fit();
  std::sort(bad_lines.begin(), bad_lines.end());
  report.bad_rows = static_cast<int64_t>(bad_lines.size());
  if (options.dry_run || (report.bad_rows > 0 && !options.import_good_rows) || report.rows == 0) {
    return report;
  }

  // Pass 2: write the good rows in one transaction.
  ImportReport written = report;
  Status st = db.bulk_write([&](db::Tx& tx) -> Status {
    written = report;
    auto source = TRY(open_source(path));
    std::vector<std::string> row;
    std::vector<FieldError> ignored;
    std::vector<AsnRecord> batch;
    std::vector<int64_t> batch_lines;
    auto flush = [&]() -> Status {
      auto outcomes = TRY(upsert_asn_batch(tx, batch, now));
      for (size_t i = 0; i < outcomes.size(); ++i) {
        switch (outcomes[i]) {
          case UpsertOutcome::kInserted:
            ++written.inserted;
            break;
          case UpsertOutcome::kUpdated:
            ++written.updated;
            break;
          case UpsertOutcome::kUnchanged:
            ++written.unchanged;
            break;
          case UpsertOutcome::kOtherInstansi:
            written.add(batch_lines[i], "nip", "asn.nip_other_instansi");
            ++written.bad_rows;
            break;
        }
      }
      batch.clear();
      batch_lines.clear();
      return {};
    };
    while (TRY(source->reader().next(row))) {
      int64_t line = source->reader().record_line();
      if (std::binary_search(bad_lines.begin(), bad_lines.end(), line)) continue;
      AsnDraft draft = asn_row_to_draft(source->columns, row, ignored);
      validate_asn(draft, today);  // normalises codes and NIP as in pass 1
      AsnRecord record{instansi_id, draft, index.units.at(draft.unit_code), std::nullopt};
      if (!draft.position_code.empty())
        record.position_id = index.positions.at(draft.position_code);
      batch.push_back(std::move(record));
      batch_lines.push_back(line);
      if (batch.size() >= 2000) TRY(flush());
    }
    TRY(flush());
    if (written.bad_rows > report.bad_rows && !options.import_good_rows) {
      return Error::invalid("import.rolled_back");  // rolls back; the report says why
    }
    audit_entry.detail = fmt::format(
        R"({{"rows":{},"inserted":{},"updated":{},"unchanged":{},"bad_rows":{}}})", written.rows,
        written.inserted, written.updated, written.unchanged, written.bad_rows);
    return audit::append(tx, audit_entry, now_ms);
  });
  if (!st.ok()) {
    if (st.error().key != "import.rolled_back") return st.release_error();
    written.inserted = written.updated = written.unchanged = 0;
    written.written = false;
    return written;
  }
  written.written = true;
  return written;
}

}  // namespace harmoni::org
