#include "demo/harmony_demo_store.hpp"

#include <fmt/format.h>

#include <array>
#include <map>
#include <nlohmann/json.hpp>

#include "complaints/complaint_store.hpp"
#include "demo/demo_store.hpp"
#include "harmony/article_file.hpp"
#include "harmony/harmony_cases.hpp"
#include "harmony/kb_cases.hpp"
#include "org/org_store.hpp"
#include "platform/embedded.hpp"

namespace harmoni::demo {
namespace {

using namespace harmony;

constexpr int64_t kHour = 3600LL * 1000;
constexpr int64_t kDay = 24 * kHour;

// How far a case got.
enum class Stage { kOpen, kAnalysis, kDialogue, kMonitoring, kResolved, kPartly, kReferred };

struct Story {
  const char* instansi;
  const char* unit;
  Setting setting;
  Kind kind;
  std::optional<Dimension> dimension;
  const char* title;
  const char* summary;
  const char* fact;
  const char* opinion;
  CauseCategory cause;
  std::array<const char*, 3> whys;
  const char* rule;
  std::array<const char*, 2> needs;
  const char* agreement;
  int age_days;
  Stage stage;
  std::optional<Referral> referral;
};

const std::array<Story, 15> kStories = {{
    {"KAB-SAMBAS",
     "MPP-SAMBAS-DUKCAPIL",
     Setting::kCommunity,
     Kind::kDiscrimination,
     Dimension::kRegionOfOrigin,
     "Pemohon pindahan merasa dicurigai di gerai",
     "Pemohon pindahan dari luar provinsi merasa berkasnya diperiksa lebih lama dan ditanya "
     "asal-usulnya berulang kali di gerai Dukcapil.",
     "Catatan antrean menunjukkan waktu layanan pemohon itu 48 menit, rata-rata hari itu 15 menit.",
     "Pemohon merasa dicurigai karena logatnya.",
     CauseCategory::kPolicy,
     {"Berkas pemohon pindahan diperiksa lebih lama",
      "Petugas khawatir berkas pindahan sering "
      "tidak lengkap",
      "Tidak ada daftar periksa berkas yang sama untuk semua pemohon"},
     "UU 25/2009 pasal 4 (persamaan perlakuan)",
     {"Dilayani tanpa dicurigai", "Syarat yang jelas dan sama untuk semua"},
     "Daftar periksa berkas yang sama dipakai semua petugas gerai",
     120,
     Stage::kResolved,
     std::nullopt},
    {"KAB-SAMBAS",
     "DUKCAPIL-PDP",
     Setting::kWorkplace,
     Kind::kHarassment,
     std::nullopt,
     "Pegawai baru menjadi bahan candaan di ruang kerja",
     "Seorang pegawai PPPK baru terus diberi tugas fotokopi dan menjadi bahan candaan rekan "
     "lama; ia mulai sering izin sakit.",
     "Daftar tugas bulan lalu menunjukkan pegawai baru tidak pernah diberi tugas pelayanan.",
     "Pegawai lama merasa posisinya terancam.",
     CauseCategory::kLeadership,
     {"Candaan dibiarkan berlangsung", "Atasan menganggapnya hal biasa",
      "Belum ada aturan kerja tentang perilaku yang merendahkan"},
     "Kode etik ASN instansi",
     {"Dipercaya mengerjakan tugas inti", "Pembagian beban kerja jelas"},
     "Pembagian tugas tertulis diumumkan di rapat unit",
     95,
     Stage::kResolved,
     std::nullopt},
    {"KAB-SAMBAS",
     "DINKES",
     Setting::kWorkplace,
     Kind::kOnlineIntolerance,
     Dimension::kReligion,
     "Pesan bernada SARA di grup pesan kantor",
     "Menjelang pilkada seorang pegawai meneruskan pesan yang menyudutkan pemeluk agama tertentu "
     "ke grup pesan kantor; beberapa rekan tersinggung.",
     "Tangkapan layar pesan dan waktu pengirimannya tersimpan.",
     "Rekan menduga pengirim berpihak pada calon tertentu.",
     CauseCategory::kCommunication,
     {"Pesan diteruskan tanpa dibaca habis", "Grup kantor tidak punya aturan",
      "Belum ada pembinaan tentang etika bermedia sosial"},
     "Kode etik ASN; SKB netralitas ASN 2022",
     {"Permintaan maaf di grup", "Grup kerja bebas dari pesan politik"},
     "Aturan grup pesan kantor ditetapkan dan disematkan",
     70,
     Stage::kPartly,
     std::nullopt},
    {"KAB-SAMBAS",
     "PKM-SAMBAS",
     Setting::kCommunity,
     Kind::kDiscrimination,
     Dimension::kDisability,
     "Antrean prioritas pengguna kursi roda terlewat",
     "Seorang pengguna kursi roda menunggu hampir dua jam karena nomor prioritasnya tidak "
     "dipanggil.",
     "Sistem antrean mencatat nomor prioritas menunggu 112 menit.",
     "Keluarga pasien merasa diabaikan.",
     CauseCategory::kResources,
     {"Loket prioritas kosong", "Tidak ada petugas piket prioritas",
      "Jadwal piket tidak mencakup loket prioritas"},
     "Permenkes tentang pelayanan puskesmas; UU 8/2016 penyandang disabilitas",
     {"Didahulukan sesuai hak", "Petugas tahu siapa yang piket"},
     "Petugas piket loket prioritas ditetapkan setiap hari",
     40,
     Stage::kMonitoring,
     std::nullopt},
    {"KAB-SAMBAS",
     "MPP-SAMBAS-DPMPTSP",
     Setting::kCommunity,
     Kind::kDiscrimination,
     Dimension::kRace,
     "Syarat tambahan bagi pemohon izin usaha warga keturunan",
     "Pemohon izin usaha warga keturunan diminta syarat yang tidak tercantum dalam standar "
     "pelayanan.",
     "Standar pelayanan tidak mencantumkan syarat surat keterangan tambahan itu.",
     "Pemohon merasa dipersulit karena rasnya.",
     CauseCategory::kPeople,
     {"Petugas meminta surat tambahan", "Mengikuti kebiasaan lama",
      "Standar pelayanan tidak ditempel dan tidak diperiksa atasan"},
     "Standar pelayanan perizinan berusaha",
     {"Diproses dengan syarat yang sama", "Kepastian prosedur"},
     "Standar pelayanan ditempel di gerai dan diperiksa atasan",
     25,
     Stage::kMonitoring,
     std::nullopt},
    {"KAB-SAMBAS",
     "DUKCAPIL",
     Setting::kWorkplace,
     Kind::kUnfairPolicy,
     Dimension::kReligion,
     "Cuti hari besar keagamaan sering ditolak",
     "Beberapa pegawai merasa permohonan cuti hari besar agamanya lebih sering ditolak.",
     "Penolakan tahun ini terjadi karena kuota piket, bukan karena agama.",
     "Pegawai merasa diperlakukan tidak adil.",
     CauseCategory::kPolicy,
     {"Kuota piket tidak dijelaskan", "Jadwal disusun mendadak", "Tidak ada aturan tertulis"},
     "Peraturan cuti PNS",
     {"Kepastian cuti hari besar", "Layanan tetap berjalan"},
     "Jadwal piket hari besar disusun tiga bulan sebelumnya",
     18,
     Stage::kDialogue,
     std::nullopt},
    {"KAB-SAMBAS",
     "BKPSDM",
     Setting::kWorkplace,
     Kind::kConflictOfInterest,
     std::nullopt,
     "Tuduhan pilih kasih dalam mutasi",
     "Sejumlah pegawai menuduh pimpinan memilih pegawai dari daerah asal yang sama untuk "
     "posisi strategis.",
     "Kriteria mutasi tahun ini tidak diumumkan.",
     "Pegawai menduga ada pilih kasih.",
     CauseCategory::kPolicy,
     {"Kriteria tidak terbuka", "Penilaian kinerja belum dipakai", ""},
     "PP 11/2017 manajemen PNS",
     {"", ""},
     "",
     9,
     Stage::kAnalysis,
     std::nullopt},
    {"KAB-SAMBAS",
     "PKM-PEMANGKAT",
     Setting::kCommunity,
     Kind::kPrejudice,
     Dimension::kEthnicity,
     "Petugas menyindir bahasa daerah pasien",
     "Seorang pasien lanjut usia yang hanya lancar berbahasa daerah merasa diremehkan petugas "
     "pendaftaran.",
     "",
     "",
     CauseCategory::kCommunication,
     {"", "", ""},
     "",
     {"", ""},
     "",
     3,
     Stage::kOpen,
     std::nullopt},
    {"KAB-SAMBAS",
     "DINKES",
     Setting::kWorkplace,
     Kind::kHarassment,
     Dimension::kGender,
     "Komentar berulang tentang penampilan pegawai perempuan",
     "Seorang pegawai perempuan menerima komentar tentang penampilannya berulang kali dari "
     "rekan senior.",
     "Pesan tertulis dan keterangan dua saksi menguatkan laporan.",
     "Pelapor merasa tidak aman.",
     CauseCategory::kPeople,
     {"Komentar berulang setelah ditegur", "Pelaku menganggapnya candaan",
      "Teguran lisan tidak diikuti tindakan"},
     "PP 94/2021 disiplin PNS",
     {"", ""},
     "",
     60,
     Stage::kReferred,
     Referral::kDiscipline},
    {"KAB-SAMBAS",
     "SETDA",
     Setting::kCommunity,
     Kind::kOnlineIntolerance,
     Dimension::kReligion,
     "Penolakan pembangunan rumah ibadah di media sosial",
     "Rencana pembangunan rumah ibadah memicu ajakan demonstrasi di media sosial dan banyak "
     "pengaduan ke kantor kecamatan.",
     "Syarat pendirian rumah ibadah telah diperiksa dan lengkap.",
     "Warga khawatir lingkungannya berubah.",
     CauseCategory::kEnvironment,
     {"Informasi rencana tidak sampai ke warga", "Pertemuan warga belum diadakan", ""},
     "PBM Menteri Agama dan Menteri Dalam Negeri 9 dan 8/2006",
     {"", ""},
     "",
     150,
     Stage::kReferred,
     Referral::kInterfaithForum},
    {"KAB-SAMBAS",
     "SETDA",
     Setting::kWorkplace,
     Kind::kInterpersonal,
     std::nullopt,
     "Perselisihan dua bagian soal anggaran kegiatan",
     "Dua kepala bagian berselisih tentang pembagian anggaran hingga staf enggan bekerja sama.",
     "Kriteria pembagian anggaran tidak tertulis.",
     "Masing-masing merasa pihak lain diistimewakan.",
     CauseCategory::kPolicy,
     {"Kriteria tidak tertulis", "Rapat koordinasi tidak rutin", ""},
     "Peraturan bupati tentang pedoman penyusunan anggaran",
     {"Kepastian anggaran kegiatan prioritas", "Kepastian anggaran kegiatan prioritas"},
     "Kriteria pembagian anggaran ditulis dan dibahas bersama",
     200,
     Stage::kResolved,
     std::nullopt},
    {"PROV-KALBAR",
     "DINSOS",
     Setting::kCommunity,
     Kind::kDiscrimination,
     Dimension::kGroup,
     "Penerima bantuan dari komunitas adat terlewat",
     "Keluarga dari komunitas adat terpencil tidak masuk daftar bantuan sosial karena tidak "
     "memiliki dokumen kependudukan lengkap.",
     "Data menunjukkan 14 keluarga komunitas tidak memiliki KK.",
     "Tokoh adat merasa komunitasnya dilupakan.",
     CauseCategory::kResources,
     {"Keluarga tidak terdata", "Layanan dokumen tidak menjangkau",
      "Belum ada layanan jemput bola"},
     "Permensos tentang data terpadu kesejahteraan sosial",
     {"Diakui dan didata", "Data yang lengkap"},
     "Layanan jemput bola bersama Dukcapil kabupaten",
     80,
     Stage::kResolved,
     std::nullopt},
    {"PROV-KALBAR",
     "KESBANGPOL",
     Setting::kCommunity,
     Kind::kInterpersonal,
     Dimension::kEthnicity,
     "Ketegangan antarpemuda dua kampung setelah pertandingan",
     "Perkelahian kecil setelah pertandingan sepak bola memicu saling ejek bernada suku di "
     "media sosial.",
     "Dua laporan polisi dan rekaman video pertandingan.",
     "Kedua pihak merasa dihina.",
     CauseCategory::kEnvironment,
     {"Ejekan di media sosial", "Tidak ada pertemuan tokoh pemuda", ""},
     "",
     {"Permintaan maaf terbuka", "Pertandingan berikutnya aman"},
     "Pertemuan tokoh pemuda kedua kampung setiap bulan",
     20,
     Stage::kDialogue,
     std::nullopt},
    {"PROV-KALBAR",
     "BKD",
     Setting::kWorkplace,
     Kind::kPrejudice,
     Dimension::kRegionOfOrigin,
     "Anggapan bahwa pegawai daerah asal tertentu kurang cakap",
     "Seorang kepala seksi menolak pegawai pindahan dengan alasan daerah asalnya.",
     "",
     "",
     CauseCategory::kPeople,
     {"", "", ""},
     "",
     {"", ""},
     "",
     2,
     Stage::kOpen,
     std::nullopt},
    {"PROV-KALBAR",
     "SETDA",
     Setting::kWorkplace,
     Kind::kUnfairPolicy,
     std::nullopt,
     "Jam apel yang memberatkan pegawai dengan anak kecil",
     "Perubahan jam apel pagi dinilai memberatkan pegawai yang mengantar anak ke sekolah.",
     "Jam apel dimajukan tiga puluh menit tanpa konsultasi.",
     "Pegawai merasa tidak didengar.",
     CauseCategory::kLeadership,
     {"Jam apel diubah mendadak", "Tidak ada konsultasi", ""},
     "Peraturan gubernur tentang jam kerja",
     {"", ""},
     "",
     12,
     Stage::kAnalysis,
     std::nullopt},
}};

class Builder {
 public:
  Builder(db::Database& db, const Clock& real, const Vault& vault, SeededRandom& rng)
      : real_(real), clock_(real.now_ms()), env_{db, clock_, rng, vault}, rng_(rng) {}

  Status load() {
    return env_.db.run_read([&](db::Tx& tx) -> Status {
      sambas_handler_ = TRY(demo_principal(tx, "penanganan.kasus@harmoni.demo"));
      second_handler_ = TRY(demo_principal(tx, "mediator.kasus@harmoni.demo"));
      kalbar_handler_ = TRY(demo_principal(tx, "penanganan.kalbar@harmoni.demo"));
      for (const char* code : {"KAB-SAMBAS", "PROV-KALBAR"}) {
        auto instansi = TRY(org::find_instansi_by_code(tx, code));
        if (!instansi) return Error::internal(fmt::format("demo instansi {} missing", code));
        auto asn = TRY(org::list_asn(tx, {.instansi_id = instansi->id, .limit = 60}));
        for (const auto& a : asn.items) nips_[code].push_back(a.nip);
        if (nips_[code].size() < 6) return Error::internal("demo ASN too few");
        instansi_[code] = instansi->id;
      }
      return {};
    });
  }

  Result<int64_t> articles() {
    int64_t n = 0;
    clock_.set_ms(real_.now_ms() - 300 * kDay);
    for (int i = 1;; ++i) {
      auto text = embedded_file(fmt::format("data/kb/demo/{:02d}.md", i));
      if (!text) break;
      Article a = TRY(parse_article_file(*text));
      clock_.set_ms(clock_.now_ms() + 8 * kDay);
      TRY(write_article(env_, as(sambas_handler_), a, true));
      ++n;
    }
    return n;
  }

  Result<int64_t> cases() {
    int64_t n = 0;
    int published = 0;
    for (const Story& s : kStories) {
      const int64_t id = TRY(one(s));
      ++n;
      if (s.stage == Stage::kResolved && s.instansi == std::string_view("KAB-SAMBAS") &&
          published < 2) {
        // The lessons: one published after a second handler's approval, one waiting.
        auto labels = [](const std::string& key) { return lesson_label(key); };
        const int64_t article = TRY(draft_from_case(env_, as(sambas_handler_), id, labels));
        TRY(submit_article(env_, as(sambas_handler_), article));
        if (published == 0) TRY(approve_article(env_, as(second_handler_), article));
        ++published;
      }
    }
    TRY(from_complaint());
    return n + 1;
  }

  Status watch_notes() {
    clock_.set_ms(real_.now_ms() - 20 * kDay);
    TRY(add_watch_note(env_, as(sambas_handler_),
                       {.region_code = "61.01",
                        .note = "Ketegangan antarpendukung calon menjelang pilkada di beberapa "
                                "kecamatan; baliho dirusak.",
                        .review_on = date_in_wib(real_.now_ms() - 2 * kDay)}));
    TRY(add_watch_note(env_, as(kalbar_handler_),
                       {.region_code = "61",
                        .note = "Rencana pembangunan rumah ibadah di dua kabupaten mulai "
                                "dibicarakan di media sosial.",
                        .review_on = date_in_wib(real_.now_ms() + 30 * kDay)}));
    return {};
  }

 private:
  static Actor as(const auth::Principal& p) { return Actor{.principal = &p, .source = "demo"}; }
  const auth::Principal& handler_of(const Story& s) const {
    return s.instansi == std::string_view("KAB-SAMBAS") ? sambas_handler_ : kalbar_handler_;
  }
  std::string nip(const Story& s) {
    const auto& list = nips_.at(s.instansi);
    return list[rng_.next() % list.size()];
  }
  void later(int days) {
    clock_.set_ms(std::min(clock_.now_ms() + days * kDay, real_.now_ms() - kHour));
  }

  // The headings of the demo's lessons, in Indonesian (the articles are).
  static std::string lesson_label(const std::string& key);

  Result<int64_t> one(const Story& s) {
    clock_.set_ms(real_.now_ms() - s.age_days * kDay + 9 * kHour);
    const Actor handler = as(handler_of(s));
    const int64_t instansi = instansi_.at(s.instansi);
    auto unit = TRY(env_.db.read([&](db::Tx& tx) { return org::find_unit(tx, instansi, s.unit); }));
    if (!unit) return Error::internal(fmt::format("demo unit {} missing", s.unit));
    auto region = TRY(env_.db.read([&](db::Tx& tx) { return org::find_instansi(tx, instansi); }));
    const int64_t id =
        TRY(open_case(env_, handler,
                      {.unit_id = unit->id,
                       .setting = s.setting,
                       .region_code = s.setting == Setting::kCommunity ? region->region_code : "",
                       .kind = s.kind,
                       .dimension = s.dimension,
                       .origin = Origin::kStaffReport,
                       .title = s.title,
                       .summary = s.summary}));
    if (s.stage == Stage::kOpen) return id;
    const std::string first = nip(s), second = nip(s), facilitator = nip(s);
    TRY(add_party(env_, handler, id, PartyKind::kAsn, first, 1));
    if (second != first && s.setting == Setting::kWorkplace)
      TRY(add_party(env_, handler, id, PartyKind::kAsn, second, 2));
    else
      TRY(add_party(env_, handler, id, PartyKind::kCitizen, "", 2));
    later(1);
    TRY(add_finding(env_, handler, id,
                    {.is_fact = true, .text = s.fact, .source = Source::kRecord}));
    TRY(add_finding(env_, handler, id, {.is_fact = false, .text = s.opinion, .side = 2}));
    std::vector<std::string> whys;
    for (const char* w : s.whys)
      if (*w) whys.emplace_back(w);
    TRY(add_cause(env_, handler, id, {.category = s.cause, .whys = whys}));
    if (*s.rule) TRY(set_rule(env_, handler, id, s.rule));
    if (s.stage == Stage::kAnalysis) return id;
    if (s.stage == Stage::kReferred) {
      later(3);
      TRY(close_case(env_, handler, id,
                     {.outcome = Outcome::kReferred,
                      .referral = s.referral,
                      .reason = s.referral == Referral::kDiscipline
                                    ? "Perbuatan berulang dengan bukti tertulis: dirujuk ke "
                                      "pejabat yang berwenang menghukum."
                                    : "Dialog warga difasilitasi FKUB kabupaten yang dipercaya "
                                      "semua pihak."}));
      return id;
    }
    later(4);
    TRY(record_session(env_, handler, id,
                       {.held_on = date_in_wib(clock_.now_ms()),
                        .sides_present = {1, 2},
                        .needs = {{1, s.needs[0]}, {2, s.needs[1]}},
                        .notes = "Pertemuan berlangsung terbuka; para pihak saling mendengar."},
                       facilitator));
    TRY(add_agreement(env_, handler, id,
                      {.text = s.agreement, .due_on = date_in_wib(clock_.now_ms() + 14 * kDay)},
                      first));
    if (s.stage == Stage::kDialogue) return id;
    TRY(start_monitoring(env_, handler, id));
    if (s.stage == Stage::kMonitoring) return id;  // its agreement may be past due: a reminder
    later(15);
    auto view = TRY(read_case(env_, handler, id));
    TRY(check_agreement(env_, handler, id, view.agreements.at(0).id,
                        {.kept = s.stage == Stage::kResolved,
                         .note = s.stage == Stage::kResolved ? "" : "Baru sebagian dijalankan."}));
    later(2);
    TRY(close_case(
        env_, handler, id,
        {.outcome = s.stage == Stage::kResolved ? Outcome::kResolved : Outcome::kPartlyResolved,
         .reason = s.stage == Stage::kResolved
                       ? "Kesepakatan terlaksana dan para pihak menyatakan puas."
                       : "Permintaan maaf sudah; aturan grup baru sebagian dipatuhi."}));
    return id;
  }

  // A citizen's discrimination complaint the verifier routed: a case opened from it.
  Status from_complaint() {
    const int64_t sambas = instansi_.at("KAB-SAMBAS");
    auto complaint = TRY(env_.db.read([&](db::Tx& tx) -> Result<std::optional<int64_t>> {
      std::optional<int64_t> found;
      TRY(complaints::each_complaint(
          tx, {.instansi_id = sambas, .kind = complaints::ListKind::kAll},
          [&](const complaints::Complaint& c) {
            if (c.category == complaints::Category::kDiscrimination && c.unit_id) {
              found = c.id;
              return false;
            }
            return true;
          }));
      return found;
    }));
    if (!complaint) return {};
    clock_.set_ms(real_.now_ms() - 2 * kDay);
    const Actor handler = as(sambas_handler_);
    const int64_t id = TRY(open_case_from_complaint(
        env_, handler, *complaint, Kind::kDiscrimination, Dimension::kRegionOfOrigin));
    TRY(start_analysis(env_, handler, id));
    return {};
  }

  const Clock& real_;
  ManualClock clock_;
  Env env_;
  SeededRandom& rng_;
  auth::Principal sambas_handler_, second_handler_, kalbar_handler_;
  std::map<std::string, std::vector<std::string>, std::less<>> nips_;
  std::map<std::string, int64_t, std::less<>> instansi_;
};

std::string Builder::lesson_label(const std::string& key) {
  // The Indonesian catalog the pages use: the demo writes as an Indonesian handler would.
  static const nlohmann::json kCatalog =
      nlohmann::json::parse(embedded_file("assets/i18n/id.json").value_or("{}"), nullptr, false);
  if (kCatalog.is_object() && kCatalog.contains(key) && kCatalog[key].is_string())
    return kCatalog[key].get<std::string>();
  return key;
}

}  // namespace

Result<HarmonyDemo> build_harmony_demo(db::Database& db, const Clock& clock, const Vault& vault,
                                       SeededRandom& rng) {
  Builder b(db, clock, vault, rng);
  TRY(b.load());
  HarmonyDemo out;
  out.articles = TRY(b.articles());
  out.cases = TRY(b.cases());
  TRY(b.watch_notes());
  return out;
}

}  // namespace harmoni::demo
