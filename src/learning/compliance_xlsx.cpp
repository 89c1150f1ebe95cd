#include "learning/compliance_xlsx.hpp"

#include "learning/learning_store.hpp"
#include "platform/xlsx/sheet_writer.hpp"

namespace harmoni::learning {

Status write_jp_xlsx(db::Database& db, const JpExport& e, const std::string& path,
                     const std::string& tmpdir) {
  auto sheet =
      TRY(xlsx::SheetWriter::create(path, tmpdir, "JP " + std::to_string(e.year), e.headings));
  Status failure;
  TRY(db.read([&](db::Tx& tx) {
    return each_person_jp(tx, e.instansi_id, e.year, e.unit_path_prefix, [&](const PersonJp& p) {
      Standing s = standing(p.jp_e2);
      failure = sheet->add_row({p.nip, p.name, p.unit_name, static_cast<double>(p.jp_e2) / 100,
                                s.met ? e.yes : e.no, static_cast<double>(s.missing_e2) / 100});
      return failure.ok() && !sheet->full();
    });
  }));
  TRY(failure);
  TRY(sheet->close());
  return {};
}

}  // namespace harmoni::learning
