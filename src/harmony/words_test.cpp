#include "harmony/words.hpp"

#include <gtest/gtest.h>

#include "harmony/search.hpp"

namespace harmoni::harmony {
namespace {

// Word forms and the stem they must meet: the examples of the domain notes, the words of
// disharmony handling, and the known misses of the Snowball rules (corrected by
// data/kb/stems.tsv).
struct Form {
  const char* word;
  const char* stem;
};
constexpr Form kForms[] = {
    {"pelayanan", "layan"},
    {"melayani", "layan"},
    {"dilayani", "layan"},
    {"layanan", "layan"},
    {"pelayan", "layan"},
    {"terlayani", "layan"},
    {"pelayanannya", "layan"},
    {"kepuasan", "puas"},
    {"puas", "puas"},
    {"memuaskan", "puas"},
    {"ketidakpuasan", "puas"},
    {"dipuaskan", "puas"},
    {"keluhan", "keluh"},
    {"mengeluh", "keluh"},
    {"dikeluhkan", "keluh"},
    {"keluhannya", "keluh"},
    {"pengaduan", "adu"},
    {"mengadu", "adu"},
    {"diadukan", "adu"},
    {"aduan", "adu"},
    {"laporan", "lapor"},
    {"melapor", "lapor"},
    {"dilaporkan", "lapor"},
    {"pelapor", "lapor"},
    {"terlapor", "lapor"},
    {"melaporkan", "lapor"},
    {"keberatan", "berat"},
    {"memberatkan", "berat"},
    {"penyelesaian", "selesai"},
    {"menyelesaikan", "selesai"},
    {"terselesaikan", "selesai"},
    {"selesai", "selesai"},
    {"diselesaikan", "selesai"},
    {"kesepakatan", "sepakat"},
    {"bersepakat", "sepakat"},
    {"disepakati", "sepakat"},
    {"menyepakati", "sepakat"},
    {"sepakat", "sepakat"},
    {"perjanjian", "janji"},
    {"berjanji", "janji"},
    {"dijanjikan", "janji"},
    {"janji", "janji"},
    {"pertemuan", "temu"},
    {"bertemu", "temu"},
    {"ditemui", "temu"},
    {"menemui", "temu"},
    {"pendekatan", "dekat"},
    {"mendekati", "dekat"},
    {"dekat", "dekat"},
    {"bekerja", "kerja"},
    {"pekerjaan", "kerja"},
    {"pekerja", "kerja"},
    {"dikerjakan", "kerja"},
    {"kerja", "kerja"},
    {"kepemimpinan", "pimpin"},
    {"pemimpin", "pimpin"},
    {"memimpin", "pimpin"},
    {"dipimpin", "pimpin"},
    {"keteladanan", "teladan"},
    {"teladan", "teladan"},
    {"meneladani", "teladan"},
    {"kebijakan", "bijak"},
    {"bijak", "bijak"},
    {"peraturan", "atur"},
    {"mengatur", "atur"},
    {"diatur", "atur"},
    {"aturan", "atur"},
    {"komunikasi", "komunikasi"},
    {"berkomunikasi", "komunikasi"},
    {"dikomunikasikan", "komunikasi"},
    {"memahami", "paham"},
    {"pemahaman", "paham"},
    {"dipahami", "paham"},
    {"paham", "paham"},
    {"prasangka", "prasangka"},
    {"berprasangka", "prasangka"},
    {"stereotip", "stereotip"},
    {"stereotipe", "stereotip"},
    {"diskriminasi", "diskriminasi"},
    {"didiskriminasi", "diskriminasi"},
    {"diskriminatif", "diskriminasi"},
    {"mendiskriminasi", "diskriminasi"},
    {"pendiskriminasian", "diskriminasi"},
    {"diskriminasinya", "diskriminasi"},
    {"perundungan", "rundung"},
    {"dirundung", "rundung"},
    {"merundung", "rundung"},
    {"pelecehan", "leceh"},
    {"melecehkan", "leceh"},
    {"dilecehkan", "leceh"},
    {"kebencian", "benci"},
    {"membenci", "benci"},
    {"benci", "benci"},
    {"penghinaan", "hina"},
    {"menghina", "hina"},
    {"dihina", "hina"},
    {"hina", "hina"},
    {"ketegangan", "tegang"},
    {"tegang", "tegang"},
    {"menegangkan", "tegang"},
    {"persatuan", "satu"},
    {"bersatu", "satu"},
    {"menyatukan", "satu"},
    {"kesatuan", "satu"},
    {"kebangsaan", "bangsa"},
    {"bangsa", "bangsa"},
    {"berbangsa", "bangsa"},
    {"keberagaman", "ragam"},
    {"beragam", "ragam"},
    {"ragam", "ragam"},
    {"keberagamannya", "ragam"},
    {"agama", "agama"},
    {"beragama", "agama"},
    {"keagamaan", "agama"},
    {"toleransi", "toleransi"},
    {"toleran", "toleransi"},
    {"bertoleransi", "toleransi"},
    {"intoleransi", "intoleransi"},
    {"intoleran", "intoleransi"},
    {"penghormatan", "hormat"},
    {"menghormati", "hormat"},
    {"dihormati", "hormat"},
    {"hormat", "hormat"},
    {"kehormatan", "hormat"},
    {"menghargai", "harga"},
    {"penghargaan", "harga"},
    {"dihargai", "harga"},
    {"keterbukaan", "buka"},
    {"terbuka", "buka"},
    {"membuka", "buka"},
    {"kejujuran", "jujur"},
    {"jujur", "jujur"},
    {"keadilan", "adil"},
    {"adil", "adil"},
    {"berkeadilan", "adil"},
    {"ketidakadilan", "adil"},
    {"keseimbangan", "seimbang"},
    {"seimbang", "seimbang"},
    {"menyeimbangkan", "seimbang"},
    {"perselisihan", "selisih"},
    {"berselisih", "selisih"},
    {"kerukunan", "rukun"},
    {"rukun", "rukun"},
    {"kerukunannya", "rukun"},
    {"pertikaian", "tikai"},
    {"bertikai", "tikai"},
    {"pegawai", "pegawai"},
    {"kepegawaian", "pegawai"},
    {"pegawainya", "pegawai"},
    {"perdamaian", "damai"},
    {"damai", "damai"},
    {"mendamaikan", "damai"},
    {"berdamai", "damai"},
    {"mediasi", "mediasi"},
    {"dimediasi", "mediasi"},
    {"mediator", "mediasi"},
    {"memediasi", "mediasi"},
    {"konflik", "konflik"},
    {"berkonflik", "konflik"},
    {"konfliknya", "konflik"},
    {"perbedaan", "beda"},
    {"berbeda", "beda"},
    {"membedakan", "beda"},
    {"pembedaan", "beda"},
    {"berbeda-beda", "beda"},
    {"musyawarah", "musyawarah"},
    {"bermusyawarah", "musyawarah"},
    {"dialog", "dialog"},
    {"berdialog", "dialog"},
    {"memfasilitasi", "fasilitasi"},
    {"difasilitasi", "fasilitasi"},
    {"disabilitas", "disabilitas"},
    {"anak-anak", "anak"},
    {"anak", "anak"},
    {"masyarakat", "masyarakat"},
    {"kemasyarakatan", "masyarakat"},
    {"bermasyarakat", "masyarakat"},
    {"warga", "warga"},
    {"kewargaan", "warga"},
    {"suku", "suku"},
    {"suku-suku", "suku"},
    {"golongan", "golong"},
    {"antargolongan", "golong"},
    {"kekerasan", "keras"},
    {"keras", "keras"},
    {"penanganan", "tangan"},
    {"menangani", "tangan"},
    {"ditangani", "tangan"},
    {"tangan", "tangan"},
    {"sosial", "sosial"},
    {"budaya", "budaya"},
    {"kebudayaan", "budaya"},
    {"berbudaya", "budaya"},
    {"peduli", "peduli"},
    {"kepedulian", "peduli"},
    {"membantu", "bantu"},
    {"bantuan", "bantu"},
    {"dibantu", "bantu"},
    {"menolong", "tolong"},
    {"pertolongan", "tolong"},
    {"pelajaran", "ajar"},
    {"belajar", "ajar"},
    {"mengajar", "ajar"},
    {"diajarkan", "ajar"},
    {"pembelajaran", "ajar"},
    {"pelatihan", "latih"},
    {"melatih", "latih"},
    {"dilatih", "latih"},
    {"latihan", "latih"},
    {"pengembangan", "kembang"},
    {"mengembangkan", "kembang"},
    {"berkembang", "kembang"},
    {"penilaian", "nilai"},
    {"menilai", "nilai"},
    {"dinilai", "nilai"},
    {"pencegahan", "cegah"},
    {"mencegah", "cegah"},
    {"dicegah", "cegah"},
    {"pengawasan", "awas"},
    {"mengawasi", "awas"},
    {"diawasi", "awas"},
    {"penindakan", "tindak"},
    {"menindak", "tindak"},
    {"ditindak", "tindak"},
    {"tindakan", "tindak"},
    {"keputusan", "putus"},
    {"memutuskan", "putus"},
    {"diputuskan", "putus"},
    {"sanksi", "sanksi"},
    {"disiplin", "disiplin"},
    {"kedisiplinan", "disiplin"},
    {"netral", "netral"},
    {"kenetralan", "netral"},
    {"pelanggaran", "langgar"},
    {"melanggar", "langgar"},
    {"dilanggar", "langgar"},
};

TEST(Words, EveryFormMeetsItsStem) {
  static_assert(std::size(kForms) >= 200);
  for (const Form& f : kForms) {
    std::vector<std::string> terms = distinct_terms(f.word);
    ASSERT_EQ(terms.size(), 1u) << f.word;
    EXPECT_EQ(terms[0], f.stem) << f.word;
  }
}

TEST(Words, StopWordsAndCaseAndPunctuation) {
  EXPECT_EQ(stem_word("yang"), "");
  EXPECT_EQ(distinct_terms("Perselisihan YANG terjadi, di kantor!"),
            (std::vector<std::string>{"selisih", "jadi", "kantor"}));
  // A number is its own term; a hyphen between digits separates.
  EXPECT_EQ(distinct_terms("PP 94/2021"), (std::vector<std::string>{"pp", "94", "2021"}));
}

TEST(Words, TokensKnowWhereTheirWordsAre) {
  const std::string text = "Warga merasa didiskriminasi.";
  std::vector<Token> tokens = tokenize(text);
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[2].term, "diskriminasi");
  EXPECT_EQ(text.substr(tokens[2].begin, tokens[2].end - tokens[2].begin), "didiskriminasi");
}

TEST(Search, TitleWordsWeighMore) {
  IndexedTerms t = index_terms("Kerukunan", "Warga rukun kembali.");
  auto count = [&](const std::string& term) {
    for (const auto& [k, n] : t.counts)
      if (k == term) return n;
    return 0;
  };
  EXPECT_EQ(count("rukun"), kTitleWeight + 1);
  EXPECT_EQ(count("warga"), 1);
  EXPECT_EQ(t.length, kTitleWeight + 3);
  EXPECT_GT(bm25_idf(100, 1), bm25_idf(100, 50));
  EXPECT_GT(bm25_idf(100, 100), 0);
}

TEST(Search, SnippetHighlightsTheWindowWithMostTerms) {
  std::string text =
      "Bagian awal tidak relevan sama sekali. Lalu ada cerita panjang tentang kantor. "
      "Akhirnya kedua pihak bermusyawarah dan mencapai kesepakatan yang adil.";
  auto frags = snippet(text, {"musyawarah", "sepakat"}, 8);
  std::string joined, hits;
  for (const Fragment& f : frags) {
    joined += f.text;
    if (f.hit) hits += "[" + f.text + "]";
  }
  EXPECT_EQ(hits, "[bermusyawarah][kesepakatan]");
  EXPECT_TRUE(joined.starts_with("…"));
  EXPECT_EQ(joined.find("Bagian awal"), std::string::npos);
}

}  // namespace
}  // namespace harmoni::harmony
