#include "complaints/complaints_xlsx.hpp"

#include "complaints/access.hpp"
#include "platform/xlsx/sheet_writer.hpp"

namespace harmoni::complaints {
namespace {

template <class E>
std::string key_of(std::string_view prefix, E value) {
  return std::string(prefix) + std::string(enum_name(value));
}

template <class E>
void add_keys(std::vector<std::string>& out, std::string_view prefix) {
  for (E v : enum_values<E>()) out.push_back(key_of(prefix, v));
}

}  // namespace

std::vector<std::string> export_label_keys() {
  std::vector<std::string> keys;
  add_keys<Kind>(keys, "complaint.kind.");
  add_keys<Category>(keys, "complaint.category.");
  add_keys<Grade>(keys, "complaint.grade.");
  add_keys<State>(keys, "complaint.status.");
  add_keys<Outcome>(keys, "complaint.outcome.");
  add_keys<Identity>(keys, "complaint.identity.");
  return keys;
}

Status write_complaints_xlsx(db::Database& db, const ComplaintExport& e, const std::string& path,
                             const std::string& tmpdir) {
  auto sheet = TRY(xlsx::SheetWriter::create(path, tmpdir, "Pengaduan", e.headings));
  auto label = [&](const std::string& key) -> xlsx::Cell {
    auto it = e.labels.find(key);
    return it == e.labels.end() ? xlsx::Cell(key) : xlsx::Cell(it->second);
  };
  auto date = [](const std::optional<Date>& d) -> xlsx::Cell {
    return d ? xlsx::Cell(format_date(*d)) : xlsx::Cell();
  };
  Status failure;
  TRY(db.read([&](db::Tx& tx) {
    return each_complaint(tx, e.query, [&](const Complaint& c) {
      if (!rights_of(e.viewer, c).read) return true;
      xlsx::Cell within;
      if (c.answered_on && c.resolve_due) within = *c.answered_on <= *c.resolve_due ? e.yes : e.no;
      failure = sheet->add_row(
          {static_cast<double>(c.id), format_date(c.received_on),
           label(key_of("complaint.kind.", c.kind)),
           c.category ? label(key_of("complaint.category.", *c.category)) : xlsx::Cell(),
           c.grade ? label(key_of("complaint.grade.", *c.grade)) : xlsx::Cell(), c.unit_name,
           c.service_name, label(key_of("complaint.status.", c.status)),
           c.outcome ? label(key_of("complaint.outcome.", *c.outcome)) : xlsx::Cell(),
           label(key_of("complaint.identity.", c.identity)), format_date(c.verify_due),
           date(c.first_response_on), date(c.resolve_due), date(c.answered_on), within,
           date(c.closed_on), static_cast<double>(c.reopen_count),
           c.rating ? xlsx::Cell(static_cast<double>(*c.rating)) : xlsx::Cell()});
      return failure.ok() && !sheet->full();
    });
  }));
  TRY(failure);
  TRY(sheet->close());
  return {};
}

}  // namespace harmoni::complaints
