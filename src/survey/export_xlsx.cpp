#include "survey/export_xlsx.hpp"

#include "platform/xlsx/sheet_writer.hpp"
#include "survey/survey_store.hpp"

namespace harmoni::survey {
const std::vector<std::string>& export_heading_keys() {
  static const std::vector<std::string> keys = {"export.id",
                                                "export.date",
                                                "export.service",
                                                "export.channel",
                                                "export.officer_nip",
                                                "U1",
                                                "U2",
                                                "U3",
                                                "U4",
                                                "U5",
                                                "U6",
                                                "U7",
                                                "U8",
                                                "U9",
                                                "skm.profile.age_band",
                                                "skm.profile.sex",
                                                "skm.profile.education",
                                                "skm.profile.occupation",
                                                "export.suggestion"};
  return keys;
}

Result<int64_t> write_responses_xlsx(db::Database& db, const ExportQuery& q,
                                     const Headings& headings, const std::string& path,
                                     const std::string& tmpdir) {
  auto sheet = TRY(xlsx::SheetWriter::create(path, tmpdir, "SKM", headings));
  Status failure;
  std::vector<xlsx::Cell> cells(19);
  TRY(db.read([&](db::Tx& tx) -> Status {
    return each_export_row(tx, q.unit_id, q.from, q.to, [&](const db::Row& r) {
      for (size_t c = 0; c < cells.size(); ++c) {
        const bool number = c == 0 || (c >= 5 && c <= 13);
        if (r.is_null(c) || (c == 4 && !q.with_officers)) {
          cells[c] = std::monostate{};
        } else if (number) {
          cells[c] = static_cast<double>(r.i64(c));
        } else {
          cells[c] = r.text(c);
        }
      }
      failure = sheet->add_row(cells);
      return failure.ok() && !sheet->full();
    });
  }));
  TRY(failure);
  return sheet->close();
}

}  // namespace harmoni::survey
