#include "demo/complaints_demo_store.hpp"

#include <fmt/format.h>

#include <array>

#include "complaints/complaint_cases.hpp"
#include "complaints/complaint_store.hpp"
#include "demo/demo_store.hpp"
#include "desk/desk_store.hpp"
#include "org/org_store.hpp"

namespace harmoni::demo {
namespace {

using namespace complaints;

constexpr int64_t kHour = 3600LL * 1000;
constexpr int64_t kDay = 24 * kHour;
constexpr int kReports = 160;
constexpr int kNeutralityReports = 6;

struct Story {
  Kind kind;
  Category category;
  Grade grade;
  const char* text;
  const char* answer;
};

// What citizens of a kabupaten write about, and how a unit answers.
constexpr std::array<Story, 10> kStories = {{
    {Kind::kPengaduan, Category::kServiceQuality, Grade::kNormative,
     "Antrean perekaman KTP-el sangat panjang, saya menunggu lebih dari tiga jam dan nomor "
     "antrean tidak dipanggil sesuai urutan.",
     "Kami menambah satu loket perekaman pada jam sibuk dan memeriksa urutan panggilan; mohon "
     "maaf atas waktu tunggu Anda."},
    {Kind::kPengaduan, Category::kOfficerConduct, Grade::kSimple,
     "Petugas loket berbicara dengan nada tinggi kepada ibu saya yang sudah lansia dan tidak "
     "mau menjelaskan persyaratan.",
     "Petugas yang bersangkutan telah dibina oleh atasannya dan mengikuti pelatihan pelayanan "
     "prima; kami mohon maaf."},
    {Kind::kPengaduan, Category::kIllegalFees, Grade::kComplex,
     "Ada oknum yang menawarkan pengurusan akta kelahiran lebih cepat dengan membayar Rp200.000 "
     "di luar loket.",
     "Kasus ini telah diteruskan ke Inspektorat; layanan akta kelahiran gratis dan loket kini "
     "memasang pengumuman tanpa pungutan."},
    {Kind::kPengaduan, Category::kDiscrimination, Grade::kComplex,
     "Saya merasa dibedakan pelayanannya karena berbahasa daerah dan berasal dari desa, sementara "
     "pemohon lain didahulukan.",
     "Kami meninjau rekaman antrean dan membahasnya dalam rapat unit; seluruh petugas mengikuti "
     "pelatihan komunikasi antarbudaya."},
    {Kind::kPengaduan, Category::kServiceQuality, Grade::kSimple,
     "Kursi roda di ruang tunggu tidak tersedia dan tidak ada jalur landai untuk pengguna kursi "
     "roda di pintu masuk.",
     "Kursi roda telah disediakan di meja informasi dan jalur landai dibangun bulan ini."},
    {Kind::kAspirasi, Category::kServiceQuality, Grade::kNormative,
     "Mohon layanan Dukcapil dibuka juga pada hari Sabtu pagi untuk pekerja yang tidak bisa "
     "izin kerja.",
     "Mulai bulan depan layanan perekaman dibuka Sabtu pukul 08.00-12.00 di Mal Pelayanan Publik."},
    {Kind::kAspirasi, Category::kOther, Grade::kSimple,
     "Sebaiknya ada pemberitahuan lewat pesan singkat ketika KTP-el sudah selesai dicetak.",
     "Terima kasih; pemberitahuan pesan singkat sedang kami siapkan bersama Diskominfo."},
    {Kind::kInformasi, Category::kInformation, Grade::kSimple,
     "Apa saja persyaratan pindah domisili dari Kabupaten Sambas ke Kota Pontianak?",
     "Persyaratannya KK asli, KTP-el dan surat pengantar pindah dari desa; layanan ini gratis "
     "dan selesai satu hari kerja."},
    {Kind::kInformasi, Category::kInformation, Grade::kSimple,
     "Berapa lama proses pembuatan kartu identitas anak dan apakah bisa diwakilkan?",
     "KIA selesai satu hari kerja dan dapat diurus orang tua dengan membawa KK dan akta "
     "kelahiran anak."},
    {Kind::kPengaduan, Category::kOfficerConduct, Grade::kNormative,
     "Petugas sibuk bermain telepon genggam saat jam pelayanan sehingga antrean tidak berjalan.",
     "Kepala unit telah menegur petugas dan menerapkan aturan telepon genggam selama jam "
     "pelayanan."},
}};

constexpr std::array<const char*, 8> kNames = {"Siti Aminah", "Rudi Hartono",   "Dayang Nurul",
                                               "Ahmad Fauzi", "Lim Mei Ling",   "Yohanes Kadir",
                                               "Nurhayati",   "Bambang Saputra"};

class Demo {
 public:
  Demo(db::Database& db, const Clock& real, const Vault& vault, SeededRandom& rng)
      : db_(db), real_(real), clock_(real.now_ms()), rng_(rng), env_{db, clock_, rng, vault} {}

  Status load(int64_t instansi_id) {
    return db_.read([&](db::Tx& tx) -> Status {
      for (const char* code : {"DUKCAPIL", "DUKCAPIL-PDP", "BKPSDM"}) {
        auto unit = TRY(org::find_unit(tx, instansi_id, code));
        if (!unit) return Error::internal(fmt::format("demo unit {} missing", code));
        units_.push_back(*unit);
      }
      for (const auto& s : TRY(desk::list_services(tx, units_[0].id, false)))
        services_.push_back(s.code);
      handler_ = TRY(demo_principal(tx, "penanganan.kasus@harmoni.demo"));
      head_ = TRY(demo_principal(tx, "kepala.dukcapil@harmoni.demo"));
      auto asn = TRY(org::list_asn(tx, {.instansi_id = instansi_id, .limit = 50}));
      for (const auto& a : asn.items) nips_.push_back(a.nip);
      if (nips_.empty() || services_.empty()) return Error::internal("demo Dukcapil incomplete");
      return {};
    });
  }

  // One report's life from `age_days` ago up to now.
  Status report(int n, int age_days) {
    const Story& story = kStories[pick(kStories.size())];
    const int64_t received = day_start(age_days) + (8 + pick(7)) * kHour;
    clock_.set_ms(received);
    const int identity_roll = pick(20);
    Submission s{.report = {.kind = story.kind,
                            .description = story.text,
                            .happened_on = add_days(date_in_wib(received), -pick(4)),
                            .identity = identity_roll < 12   ? Identity::kConfidential
                                        : identity_roll < 17 ? Identity::kIdentified
                                                             : Identity::kAnonymous}};
    if (n % 37 == 5) s.report.happened_on = add_days(date_in_wib(received), -45);
    if (s.report.identity != Identity::kAnonymous) {
      s.report.name = kNames[pick(kNames.size())];
      s.report.contact = fmt::format("0812{:08d}", 10000000 + pick(89999999));
    }
    if (n % 7 == 3) {
      s.instansi_code = "KAB-SAMBAS";  // "I don't know which unit"
    } else {
      s.unit_id = units_[pick(2)].id;
      s.service_code = services_[pick(services_.size())];
    }
    const Receipt r = TRY(submit_report(env_, citizen(n), s));
    const int64_t id = r.id;
    const std::string code = r.tracking_code;
    auto later = [&](double days) {
      clock_.set_ms(std::min(clock_.now_ms() + static_cast<int64_t>(days * kDay), real_.now_ms()));
    };
    // Fresh reports wait for verification; some stop at each later stage.
    if (age_days <= 2) return {};
    later(1);
    const int fate = pick(100);
    if (fate < 4)
      return forward_to_instansi(env_, handler(), id, "KOTA-PONTIANAK",
                                 "Layanan ini diberikan Kota Pontianak.");
    if (fate < 7)
      return forward_outside(env_, handler(), id, kOutside[pick(kOutside.size())],
                             fmt::format("{}/{}", 100 + n, date_in_wib(received).year));
    if (fate < 9 && last_id_ > 0) return merge_into(env_, handler(), id, last_id_);
    if (fate < 16) {
      TRY(ask_reporter(env_, handler(), id, "Mohon sebutkan tanggal dan jam Anda dilayani."));
      if (age_days <= 6) return {};
      later(2);
      // Some reporters never answer: the job closes those after the reply days.
      if (pick(3) == 0) return {};
      TRY(reporter_reply(env_, citizen(n), code, "Hari Senin sekitar pukul 10 pagi di loket 2.",
                         std::nullopt));
      later(1);
    }
    last_id_ = id;
    TRY(verify(env_, handler(), id,
               {.category = story.category,
                .grade = story.grade,
                .unit_id = units_[pick(2)].id,
                .note = "Laporan Anda kami teruskan ke unit yang bertanggung jawab."}));
    if (age_days <= 5) return {};
    later(1 + pick(3));
    TRY(save_draft(env_, head(), id, story.answer));
    if (age_days <= 8) return {};
    // Most answers go out in time; some late, past the grade's deadline.
    later(pick(10) == 0 ? 9 : 1);
    TRY(answer_report(env_, handler(), id, story.answer));
    if (age_days <= 12) return {};
    later(1 + pick(4));
    const int reply = pick(100);
    if (reply < 10) {
      TRY(reporter_reopen(env_, citizen(n), code, "Masalah saya belum selesai sampai hari ini."));
      later(2);
      TRY(save_draft(env_, head(), id,
                     std::string(story.answer) + " Kami telah menghubungi Anda."));
      later(1);
      TRY(answer_report(env_, handler(), id,
                        std::string(story.answer) + " Kami telah menghubungi Anda."));
      later(2);
    }
    if (reply < 70) {
      TRY(reporter_confirm(env_, citizen(n), code));
      if (pick(4) != 0) TRY(reporter_rate(env_, citizen(n), code, rating()));
    }
    // The rest lapse when the deadline job runs.
    return {};
  }

  // Election-neutrality reports, handled as SKB 2/2022 sets out.
  Status neutrality(int n, int age_days) {
    clock_.set_ms(day_start(age_days) + 10 * kHour);
    Submission s{.report = {.kind = Kind::kPengaduan,
                            .description = "Seorang ASN mengunggah dan membagikan ajakan memilih "
                                           "salah satu calon kepala daerah di media sosial.",
                            .happened_on = add_days(date_in_wib(clock_.now_ms()), -2),
                            .identity = Identity::kConfidential,
                            .name = kNames[pick(kNames.size())],
                            .contact = fmt::format("0813{:08d}", 10000000 + pick(89999999))},
                 .instansi_code = "KAB-SAMBAS",
                 .neutrality = NeutralityReport{
                     .reported_nip = nips_[pick(nips_.size())],
                     .links = fmt::format("https://media-sosial.contoh/unggahan/{}", 4000 + n)}};
    const Receipt r = TRY(submit_report(env_, citizen(1000 + n), s));
    if (age_days <= 3) return {};
    clock_.set_ms(clock_.now_ms() + kDay);
    TRY(verify(env_, handler(), r.id,
               {.category = Category::kNeutrality,
                .grade = Grade::kSupervisory,
                .unit_id = units_[2].id,
                .note = "Laporan diverifikasi dan diteruskan kepada BKPSDM."}));
    const bool discipline = n % 3 == 0;
    Neutrality details{.violation_class = discipline ? "discipline" : "ethics",
                       .violation_type = discipline ? "ikut kampanye" : "unggahan media sosial",
                       .recommended_sanction = discipline ? "allowance_cut_6" : "open_statement",
                       .enforcement = "none"};
    if (age_days > 30) {
      details.decision = "PPK menetapkan sanksi sesuai rekomendasi.";
      details.decision_ref = fmt::format("800/{}/BKPSDM", 200 + n);
      details.decided_on = add_days(date_in_wib(clock_.now_ms()), 20);
      details.enforcement = age_days > 60 ? "done" : "in_progress";
    }
    return save_neutrality_details(env_, handler(), r.id, details);
  }

  // The job, run once now: lapses, unanswered questions and escalations come due.
  // Staff have read what reached them more than a week ago.
  Status settle() {
    clock_.set_ms(real_.now_ms());
    TRY(run_deadlines(env_));
    return db_.write([&](db::Tx& tx) -> Status {
      TRY(tx.exec("UPDATE inbox SET read_at_ms = at_ms + ? WHERE at_ms < ? AND read_at_ms IS NULL",
                  {kHour, real_.now_ms() - 7 * kDay}));
      return {};
    });
  }

  int pick(size_t n) { return static_cast<int>(rng_.next() % n); }

 private:
  static constexpr std::array<const char*, 3> kOutside = {"Ombudsman RI Perwakilan Kalbar",
                                                          "Polres Sambas", "BPN Kabupaten Sambas"};

  int64_t day_start(int age_days) const {
    return wib_day_start_ms(real_.now_ms()) - static_cast<int64_t>(age_days) * kDay;
  }
  int rating() {
    const int roll = pick(10);
    return roll < 5 ? 4 : roll < 8 ? 3 : roll < 9 ? 2 : 1;
  }
  // Each reporter from their own address, as a city's reporters are.
  Actor citizen(int n) const { return Actor{.source = fmt::format("demo-{}", n)}; }
  Actor handler() const { return Actor{.principal = &handler_, .source = "demo"}; }
  Actor head() const { return Actor{.principal = &head_, .source = "demo"}; }

  db::Database& db_;
  const Clock& real_;
  ManualClock clock_;
  SeededRandom& rng_;
  Env env_;
  std::vector<org::Unit> units_;  // Dukcapil, its registration division, BKPSDM
  std::vector<std::string> services_;
  std::vector<std::string> nips_;
  auth::Principal handler_, head_;
  int64_t last_id_ = 0;
};

}  // namespace

Result<int64_t> build_complaints_demo(db::Database& db, const Clock& clock, const Vault& vault,
                                      int64_t instansi_id, SeededRandom& rng) {
  Demo demo(db, clock, vault, rng);
  TRY(demo.load(instansi_id));
  // Spread over the year, oldest first, with the last weeks denser (work in hand).
  std::vector<int> ages;
  for (int n = 0; n < kReports; ++n)
    ages.push_back(n < kReports - 30 ? 15 + demo.pick(350) : 1 + demo.pick(14));
  std::sort(ages.rbegin(), ages.rend());
  for (int n = 0; n < kReports; ++n) TRY(demo.report(n, ages[n]));
  for (int n = 0; n < kNeutralityReports; ++n) TRY(demo.neutrality(n, 10 + 50 * n));
  TRY(demo.settle());
  return kReports + kNeutralityReports;
}

Result<int64_t> build_complaint_volume(db::Database& db, const Clock& clock, int64_t instansi_id,
                                       int64_t n, SeededRandom& rng) {
  std::vector<int64_t> units;
  TRY(db.read([&](db::Tx& tx) -> Status {
    for (const char* code : {"DUKCAPIL", "DUKCAPIL-PDP", "MPP-SAMBAS-DUKCAPIL"}) {
      auto unit = TRY(org::find_unit(tx, instansi_id, code));
      if (unit) units.push_back(unit->id);
    }
    return units.empty() ? Status(Error::internal("demo Dukcapil missing")) : Status();
  }));
  const Rules rules;
  const calendar::WorkingCalendar weekdays;  // volume only: weekends skipped, no holidays
  const Date today = date_in_wib(clock.now_ms());
  auto pick = [&](uint64_t k) { return static_cast<int>(rng.next() % k); };
  constexpr int64_t kChunk = 50'000;
  for (int64_t done = 0; done < n;) {
    const int64_t upto = std::min(n, done + kChunk);
    TRY(db.bulk_write([&](db::Tx& tx) -> Status {
      for (; done < upto; ++done) {
        // Oldest first, so ids grow with time as in a real installation.
        const int age = static_cast<int>(365 - done * 365 / n);
        const Date day = add_days(today, -age);
        const Story& story = kStories[pick(kStories.size())];
        Report r{.kind = story.kind,
                 .description = story.text,
                 .happened_on = day,
                 .identity = Identity::kAnonymous};
        Complaint c =
            new_complaint(rules, weekdays, r, day_start_ms(day, TimeZone::kWib) + 9 * kHour, day);
        c.instansi_id = instansi_id;
        const int roll = pick(1000);
        if (age > 20 || roll < 970) {
          c.unit_id = units[pick(units.size())];
          c.category = story.category;
          c.grade = story.grade;
          c.first_response_on = add_days(day, 1 + pick(3));
          c.disposed_on = c.first_response_on;
          c.resolve_due =
              weekdays.add_working_days(*c.disposed_on, resolution_days(rules, story.grade));
          c.answered_on = add_days(*c.disposed_on, 1 + pick(8));
          c.closed_on = add_days(*c.answered_on, 2 + pick(12));
          c.status = State::kClosed;
          c.outcome = pick(10) < 7 ? Outcome::kConfirmed : Outcome::kLapsed;
          if (pick(3) != 0) c.rating = 1 + pick(4);
          c.staff_due.reset();
        } else if (roll < 985) {
          c.unit_id = units[pick(units.size())];
          c.category = story.category;
          c.grade = story.grade;
          c.first_response_on = add_days(day, 1);
          c.disposed_on = c.first_response_on;
          c.status = State::kDisposed;
          c.staff_due = weekdays.add_working_days(*c.disposed_on, rules.followup_days);
        }
        TRY(insert_complaint(tx, c, fmt::format("volume-{}", done), std::nullopt,
                             clock.now_seconds()));
      }
      return {};
    }));
  }
  return n;
}

}  // namespace harmoni::demo
