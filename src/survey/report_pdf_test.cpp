#include "survey/report_pdf.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "support/temp_dir.hpp"

namespace harmoni::survey {
namespace {

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

ReportData sample(int suggestions) {
  ReportData d;
  d.title = "Laporan Survei Kepuasan Masyarakat";
  d.unit = "Dinas Kependudukan dan Pencatatan Sipil";
  d.instansi = "Pemerintah Kabupaten Sambas";
  d.period = "Periode 2026-07-01 s.d. 2026-09-30";
  d.method = {{"Bobot unsur", "exact"}, {"Responden", "29"}};
  d.score = "91.48";
  d.mutu = "A";
  d.kinerja = "Sangat Baik";
  for (int i = 1; i <= 9; ++i)
    d.elements.push_back(
        {"U" + std::to_string(i), "Unsur " + std::to_string(i), 3.62, "3.6207", 29});
  d.elements[3].nrr = 0;  // nobody answered: no bar
  d.profile.push_back({"Jenis kelamin", {{"Laki-laki", 12}, {"Perempuan", 17}}});
  for (int i = 0; i < suggestions; ++i) {
    d.suggestions.push_back(
        "2026-08-0" + std::to_string(1 + i % 9) +
        ": Petugas sabar dan ramah; ruang tunggu perlu kipas angin dan kursi roda tambahan.");
  }
  d.h_method = "Metode";
  d.h_followup = "Rencana tindak lanjut";
  d.footer = "Dibuat oleh Harmoni";
  return d;
}

TEST(ReportPdf, WritesAPdfThatGrowsPages) {
  test::TempDir dir;
  const std::string one = dir.file("one.pdf"), many = dir.file("many.pdf");
  ASSERT_TRUE(write_skm_report_pdf(sample(3), one).ok());
  ASSERT_TRUE(write_skm_report_pdf(sample(200), many).ok());
  std::string a = read(one), b = read(many);
  EXPECT_EQ(a.substr(0, 5), "%PDF-");
  EXPECT_NE(a.find("Laporan Survei Kepuasan Masyarakat"), std::string::npos)
      << "the title is in the metadata";
  auto pages = [](const std::string& pdf) {  // page objects, not the /Pages tree node
    size_t n = 0;
    for (size_t at = pdf.find("/Type /Page"); at != std::string::npos;
         at = pdf.find("/Type /Page", at + 1)) {
      if (pdf.compare(at, 12, "/Type /Pages") != 0) ++n;
    }
    return n;
  };
  EXPECT_GE(pages(a), 1u);
  EXPECT_GT(pages(b), pages(a)) << "200 suggestions continue on further pages";
}

TEST(ReportPdf, UnwritablePathIsAnError) {
  auto st = write_skm_report_pdf(sample(1), "/nonexistent-dir/report.pdf");
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().key, "export.failed");
}

}  // namespace
}  // namespace harmoni::survey
