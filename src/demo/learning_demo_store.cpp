#include "demo/learning_demo_store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "learning/learning_store.hpp"
#include "peduli/peduli_store.hpp"
#include "platform/auth/password.hpp"
#include "platform/util/date.hpp"

namespace harmoni::demo {
namespace {

using namespace harmoni::learning;

struct ProgrammeSpec {
  const char* code;
  const char* title;
  ProgrammeType type;
  Mode mode;
  int64_t jp_e2;
  std::vector<std::string> items;
  const char* organiser;
  const char* description;
};

const std::vector<ProgrammeSpec>& programme_specs() {
  static const std::vector<ProgrammeSpec> specs = {
      {"PB-101",
       "Komunikasi Lintas Budaya dalam Pelayanan Publik",
       ProgrammeType::kIntercultural,
       Mode::kClassroom,
       1200,
       {"PB.1.1", "PB.1.2", "PB.2.1", "PB.2.2", "HA.1"},
       "BKPSDM Kabupaten Sambas",
       "Memahami keragaman suku, agama dan budaya warga Sambas, berkomunikasi tanpa prasangka, dan "
       "menengahi salah paham di loket."},
      {"PRIMA-01",
       "Pelayanan Prima dan Empati kepada Kelompok Rentan",
       ProgrammeType::kExcellentService,
       Mode::kClassroom,
       800,
       {"BP.1", "BP.2", "BP.3"},
       "BKPSDM Kabupaten Sambas",
       "Melayani lansia, penyandang disabilitas dan warga miskin dengan sabar: bahasa yang jelas, "
       "prioritas, dan tindak lanjut keluhan."},
      {"EMOSI-01",
       "Pengelolaan Emosi untuk Petugas Layanan",
       ProgrammeType::kEmotionManagement,
       Mode::kElearning,
       400,
       {"HA.2"},
       "BPSDM Provinsi Kalimantan Barat",
       "Mengenali stres saat antrean panjang dan tetap santun kepada warga yang marah."},
      {"PANCA-01",
       "Wawasan Kebangsaan dan Moderasi Beragama",
       ProgrammeType::kNationalValues,
       Mode::kClassroom,
       600,
       {"PB.3.1", "PB.3.2"},
       "Kesbangpol Kabupaten Sambas",
       "Pancasila dalam kerja sehari-hari ASN sebagai perekat bangsa."},
      {"KARAKTER-01",
       "Pendidikan Karakter BerAKHLAK",
       ProgrammeType::kCharacter,
       Mode::kSelfStudy,
       300,
       {"AK.1", "HA.1"},
       "BKPSDM Kabupaten Sambas",
       "Modul mandiri tentang nilai dasar ASN dan contoh perilakunya."},
      {"FORUM-01",
       "Forum Lintas Budaya ASN Sambas",
       ProgrammeType::kCrossCulturalForum,
       Mode::kExperiential,
       300,
       {"PB.2.3"},
       "BKPSDM bersama FKUB Kabupaten Sambas",
       "Diskusi dan kerja bersama lintas suku dan agama, tiap triwulan."},
  };
  return specs;
}

struct LmsCourse {
  const char* id;
  const char* title;
  int64_t jp;
};
constexpr LmsCourse kLmsCourses[] = {
    {"ASN-101", "Orientasi Nilai Dasar ASN BerAKHLAK", 4},
    {"PLY-210", "Standar Pelayanan dan Maklumat", 6},
    {"KOM-120", "Menulis Surat Dinas yang Jelas", 3},
    {"DIG-300", "Literasi Digital untuk Pelayanan", 8},
    {"ETK-150", "Etika dan Netralitas ASN", 2},
    {"DIS-200", "Layanan Ramah Disabilitas", 5},
    {"KEU-110", "Dasar Pengelolaan Keuangan Daerah", 6},
    {"ANT-130", "Pencegahan Korupsi dan Gratifikasi", 3},
};

// A small but well-formed PDF, as a scanned certificate would be uploaded.
std::string evidence_pdf(const std::string& line) {
  std::string body = "BT /F1 12 Tf 72 720 Td (" + line + ") Tj ET";
  return "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 "
         "R]/Count 1>>endobj\n"
         "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R>>endobj\n4 0 "
         "obj<</Length " +
         std::to_string(body.size()) + ">>stream\n" + body +
         "\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
}

struct Person {
  int64_t id = 0;
  std::string nip;
  std::string unit_path;
  bool head = false;
};

std::string day(const Clock& clock, int days) {
  return format_date(date_in_wib(clock.now_ms() + static_cast<int64_t>(days) * 86'400'000));
}

// This year's and last year's LMS records: most people have some, about a third reach 20 JP.
Result<int64_t> lms_history(db::Database& db, const Clock& clock, const std::vector<Person>& people,
                            SeededRandom& rng) {
  const Date today = date_in_wib(clock.now_ms());
  const int64_t days_so_far =
      days_since_epoch(today) - days_since_epoch(Date{today.year, 1, 1}) + 1;
  std::vector<LearningRecord> batch;
  int64_t written = 0;
  auto flush = [&]() -> Status {
    TRY(db.write([&](db::Tx& tx) { return record_learning(tx, batch, clock.now_seconds()); }));
    written += static_cast<int64_t>(batch.size());
    batch.clear();
    return {};
  };
  for (const auto& p : people) {
    for (int year_back = 0; year_back <= 1; ++year_back) {
      const int courses = static_cast<int>((year_back ? 2 : 1) + rng.next() % 7);
      std::set<size_t> taken;
      for (int c = 0; c < courses; ++c) {
        const size_t pick = rng.next() % std::size(kLmsCourses);
        if (!taken.insert(pick).second) continue;
        const LmsCourse& course = kLmsCourses[pick];
        const int offset =
            static_cast<int>(rng.next() % static_cast<uint64_t>(year_back ? 365 : days_so_far));
        const Date done = add_days(Date{today.year - year_back, 1, 1}, offset);
        const bool passed = rng.next() % 10 != 0;
        batch.push_back(LearningRecord{
            .asn_id = p.id,
            .source = Source::kLms,
            .source_ref = fmt::format("lms:asn-unggul:{}:{}", course.id, p.nip),
            .verb = passed ? "passed" : "failed",
            .title = course.title,
            .activity_type = "lms",
            .completed_on = done,
            .minutes = course.jp * 45,
            .jp_e2 = passed ? course.jp * 100 : 0,
            .score = static_cast<int>(passed ? 70 + rng.next() % 31 : 40 + rng.next() % 25),
            .passed = passed});
      }
    }
    if (batch.size() >= 5000) TRY(flush());
  }
  if (!batch.empty()) TRY(flush());
  return written;
}

}  // namespace

Result<LearningDemo> build_learning_demo(db::Database& db, const Clock& clock, int64_t instansi_id,
                                         SeededRandom& rng) {
  LearningDemo out;
  const int64_t now = clock.now_seconds();
  std::vector<Person> people;
  std::map<std::string, int64_t> account_asn;  // demo account email -> its ASN
  TRY(db.read([&](db::Tx& tx) -> Status {
    TRY(tx.each(
        "SELECT a.id, a.nip, u.path, CASE WHEN pos.kind = 'struktural' THEN 1 ELSE 0 END FROM asn "
        "a "
        "JOIN units u ON u.id = a.unit_id LEFT JOIN positions pos ON pos.id = a.position_id "
        "WHERE a.instansi_id = ? AND a.active = 1 ORDER BY a.id",
        {instansi_id}, [&](const db::Row& r) {
          people.push_back({r.i64(0), r.text(1), r.text(2), r.i64(3) == 1});
          return true;
        }));
    return tx.each("SELECT email, asn_id FROM users WHERE asn_id IS NOT NULL", {},
                   [&](const db::Row& r) {
                     account_asn[r.text(0)] = r.i64(1);
                     return true;
                   });
  }));
  if (people.size() < 60) return out;
  const int64_t officer = account_asn["petugas.mpp@harmoni.demo"];
  const int64_t head = account_asn["kepala.dukcapil@harmoni.demo"];
  const int64_t hr = account_asn["sdm.bkpsdm@harmoni.demo"];
  std::string head_path;
  for (const auto& p : people) {
    if (p.id == head) head_path = p.unit_path;
  }
  // Staff under the demo unit head (not the head): their requests and claims wait for them.
  std::vector<int64_t> under_head;
  for (const auto& p : people) {
    if (p.id != head && !head_path.empty() && p.unit_path.starts_with(head_path) && !p.head)
      under_head.push_back(p.id);
  }

  // Programmes.
  std::map<std::string, Programme> programmes;
  TRY(db.write([&](db::Tx& tx) -> Status {
    for (const auto& s : programme_specs()) {
      Programme p{.instansi_id = instansi_id,
                  .code = s.code,
                  .title = s.title,
                  .type = s.type,
                  .mode = s.mode,
                  .jp_e2 = s.jp_e2,
                  .items = s.items,
                  .organiser = s.organiser,
                  .description = s.description};
      TRY(validate(p));
      p.id = TRY(insert_programme(tx, p, now));
      programmes[s.code] = p;
      ++out.programmes;
    }
    return {};
  }));

  // Last month's intercultural class: held, attended, completed, certified (the demo
  // officer among them).
  TRY(db.write([&](db::Tx& tx) -> Status {
    const Programme& p = programmes["PB-101"];
    ClassSession c{.programme_id = p.id,
                   .starts_on = day(clock, -40),
                   .ends_on = day(clock, -39),
                   .place = "Aula BKPSDM Kabupaten Sambas",
                   .capacity = 30,
                   .self_registration = true};
    c.id = TRY(insert_class(tx, c, now));
    std::vector<int64_t> roster = {officer};
    for (size_t i = 0; roster.size() < 24 && i < people.size(); i += 7) {
      if (people[i].id != officer) roster.push_back(people[i].id);
    }
    for (size_t i = 0; i < roster.size(); ++i) {
      TRY(move_enrolment(tx, c, roster[i], EnrolmentStatus::kEnrolled, std::nullopt, "", now));
      for (const auto& d : {c.starts_on, c.ends_on})
        TRY(record_attendance(tx, c.id, roster[i], d, i % 11 != 5, std::nullopt, now));
      const bool completed = i % 11 != 5;
      TRY(record_outcome(
          tx, c, p,
          ClassOutcome{.asn_id = roster[i],
                       .completed = completed,
                       .score = static_cast<int>(completed ? 75 + rng.next() % 26 : 50),
                       .passed = completed},
          rng.token(12), std::nullopt, now));
    }
    c.status = ClassStatus::kDone;
    return update_class(tx, c, now);
  }));

  // Classes open to join: excellent service in two weeks (some enrolled, two requests
  // waiting for the demo unit head), emotion management online next month.
  TRY(db.write([&](db::Tx& tx) -> Status {
    ClassSession prima{.programme_id = programmes["PRIMA-01"].id,
                       .starts_on = day(clock, 14),
                       .ends_on = day(clock, 15),
                       .place = "Mal Pelayanan Publik Kabupaten Sambas, ruang pelatihan",
                       .capacity = 25,
                       .self_registration = true};
    prima.id = TRY(insert_class(tx, prima, now));
    for (size_t i = 3; i < people.size() && i < 3 + 10 * 13; i += 13) {
      if (people[i].id == officer || people[i].id == head) continue;
      TRY(move_enrolment(tx, prima, people[i].id, EnrolmentStatus::kEnrolled, std::nullopt, "",
                         now));
    }
    for (size_t i = 0; i < under_head.size() && i < 2; ++i) {
      if (TRY(find_enrolment(tx, prima.id, under_head[i]))) continue;
      TRY(move_enrolment(tx, prima, under_head[i], EnrolmentStatus::kRequested, std::nullopt, "",
                         now));
    }
    ClassSession emosi{.programme_id = programmes["EMOSI-01"].id,
                       .starts_on = day(clock, 30),
                       .ends_on = day(clock, 44),
                       .link = "https://lms.bpsdm.kalbarprov.go.id/kelas/emosi-01",
                       .capacity = 200,
                       .self_registration = true};
    TRY(insert_class(tx, emosi, now));
    return {};
  }));

  out.records = TRY(lms_history(db, clock, people, rng));

  // Self-learning claims: the officer's approved one, and one waiting for the unit head.
  TRY(db.write([&](db::Tx& tx) -> Status {
    const Date today = date_in_wib(clock.now_ms());
    struct ClaimSpec {
      int64_t asn;
      ClaimKind kind;
      const char* title;
      const char* provider;
      int days_ago;
      int64_t minutes;
      bool approve;
    };
    std::vector<ClaimSpec> claims = {{officer, ClaimKind::kExternalCourse,
                                      "Bahasa Isyarat Indonesia (BISINDO) tingkat dasar",
                                      "Gerkatin Kalimantan Barat", 60, 540, true}};
    if (!under_head.empty()) {
      claims.push_back({under_head[0], ClaimKind::kSeminar,
                        "Seminar Pelayanan Inklusif bagi Penyandang Disabilitas",
                        "Universitas Tanjungpura", 10, 240, false});
    }
    for (const auto& s : claims) {
      Claim c{.asn_id = s.asn,
              .kind = s.kind,
              .title = s.title,
              .provider = s.provider,
              .completed_on = format_date(add_days(today, -s.days_ago)),
              .minutes = s.minutes};
      const std::string evidence = evidence_pdf(s.title);
      int64_t id =
          TRY(insert_claim(tx, c, "application/pdf", evidence, auth::sha256_hex(evidence), now));
      if (!s.approve) continue;
      TRY(decide_claim(tx, id, ClaimStatus::kApproved, std::nullopt, "Bukti sertifikat sesuai.",
                       now));
      LearningSettings settings = TRY(load_settings(tx, instansi_id));
      TRY(record_learning(
          tx,
          {LearningRecord{.asn_id = s.asn,
                          .source = Source::kClaim,
                          .source_ref = fmt::format("claim:{}", id),
                          .title = s.title,
                          .activity_type = std::string(enum_name(s.kind)),
                          .completed_on = add_days(today, -s.days_ago),
                          .minutes = s.minutes,
                          .jp_e2 = minutes_to_jp_e2(s.minutes, settings.minutes_per_jp)}},
          now));
    }
    return {};
  }));

  // Peduli: one activity a month for the past five months, a pool of regulars who come
  // back (unit heads among them), reflections; and one coming up next week.
  struct ActivitySpec {
    const char* title;
    peduli::TargetGroup target;
    const char* place;
    const char* partner;
    int beneficiaries;
  };
  const ActivitySpec specs[] = {
      {"Bakti sosial di Panti Sosial Tresna Werdha", peduli::TargetGroup::kElderly,
       "Panti Sosial Tresna Werdha, Sambas", "Dinas Sosial Kabupaten Sambas", 42},
      {"Perekaman KTP-el jemput bola bagi penyandang disabilitas",
       peduli::TargetGroup::kDisabilities, "Desa Sebedang, Kecamatan Sebawi",
       "Persatuan Penyandang Disabilitas Indonesia Sambas", 27},
      {"Dapur umum bagi warga terdampak banjir", peduli::TargetGroup::kDisasterVictims,
       "Kecamatan Sejangkung", "BPBD Kabupaten Sambas", 310},
      {"Bedah rumah keluarga miskin bersama warga", peduli::TargetGroup::kPoorHouseholds,
       "Desa Tanjung Bugis", "Baznas Kabupaten Sambas", 6},
      {"Kelas membaca dan mendongeng untuk anak-anak", peduli::TargetGroup::kChildren,
       "Taman Baca Desa Sumber Harapan", "Forum Anak Sambas", 58},
  };
  std::vector<int64_t> pool = {officer, head, hr};
  if (!under_head.empty()) pool.push_back(under_head[0]);  // writes to the unit head
  std::vector<int64_t> heads;
  for (const auto& p : people) {
    if (p.head && p.id != head) heads.push_back(p.id);
  }
  for (size_t i = 0; i < heads.size() && i < 4; ++i) pool.push_back(heads[i]);
  for (size_t i = 5; pool.size() < 40 && i < people.size(); i += 17) {
    if (std::find(pool.begin(), pool.end(), people[i].id) == pool.end())
      pool.push_back(people[i].id);
  }
  const char* seen[] = {"Banyak lansia yang jarang dikunjungi keluarga.",
                        "Warga harus menunggu lama untuk dokumen sederhana.",
                        "Anak-anak sangat antusias walau fasilitas terbatas."};
  const char* felt[] = {"Terharu dan malu karena sering terburu-buru di loket.",
                        "Senang bisa membantu langsung."};
  const char* change[] = {"Lebih sabar menjelaskan prosedur kepada warga lansia.",
                          "Menawarkan kursi dan mendahulukan warga berkebutuhan khusus.",
                          "Mendengarkan keluhan sampai selesai sebelum menjawab."};
  TRY(db.write([&](db::Tx& tx) -> Status {
    for (int m = 0; m < static_cast<int>(std::size(specs)); ++m) {
      const ActivitySpec& s = specs[m];
      const std::string date = day(clock, -30 * (5 - m) - 3);
      peduli::Activity a{.instansi_id = instansi_id,
                         .title = s.title,
                         .target_group = s.target,
                         .region_code = "61.01",
                         .place = s.place,
                         .starts_on = date,
                         .ends_on = date,
                         .start_time = "07:30",
                         .end_time = "12:30",
                         .partner = s.partner,
                         .capacity = 25,
                         .coordinator_asn_id = m % 2 ? head : hr};
      TRY(peduli::validate(a));
      a.id = TRY(peduli::insert_activity(tx, a, std::nullopt, now));
      std::vector<int64_t> came;
      for (size_t i = 0; i < pool.size() && came.size() < 20; ++i) {
        // Regulars (the first of the pool) come often, others now and then.
        if (i >= 8 && rng.next() % 3 != 0) continue;
        if (pool[i] == officer && m != 4) continue;  // the officer's first time: last month
        came.push_back(pool[i]);
      }
      for (size_t i = 0; i < came.size(); ++i) {
        TRY(peduli::sign_up(tx, a, came[i], now));
        const bool absent = i % 9 == 8;
        TRY(peduli::confirm(
            tx, a, came[i], absent ? peduli::Attendance::kAbsent : peduli::Attendance::kAttended,
            absent ? 0 : 300 - static_cast<int64_t>(rng.next() % 3) * 30, std::nullopt, now));
        const bool shares_with_head = !under_head.empty() && came[i] == under_head[0];
        if (absent || came[i] == officer || (!shares_with_head && rng.next() % 3 != 0)) continue;
        peduli::Reflection r{
            .activity_id = a.id,
            .asn_id = came[i],
            .answers = {seen[rng.next() % std::size(seen)], felt[rng.next() % std::size(felt)],
                        change[rng.next() % std::size(change)]},
            .sharing = shares_with_head || rng.next() % 2 ? peduli::Sharing::kSuperior
                                                          : peduli::Sharing::kPrivate};
        TRY(peduli::save_reflection(tx, r, now));
      }
      a.beneficiaries = s.beneficiaries;
      a.status = peduli::ActivityStatus::kDone;
      TRY(peduli::update_activity(tx, a, now));
      ++out.activities;
    }
    // Next week's: open for sign-up, a few already in, the demo unit head coordinating.
    const std::string next_week = day(clock, 7);
    peduli::Activity coming{
        .instansi_id = instansi_id,
        .title = "Pendampingan warga lansia di posyandu lansia",
        .target_group = peduli::TargetGroup::kElderly,
        .region_code = "61.01",
        .place = "Posyandu Lansia Desa Lorong, Kecamatan Sambas",
        .starts_on = next_week,
        .ends_on = next_week,
        .start_time = "08:00",
        .end_time = "11:30",
        .partner = "Puskesmas Sambas",
        .capacity = 15,
        .coordinator_asn_id = head,
        .description = "Membantu pendaftaran, pengukuran tekanan darah dan pendampingan lansia."};
    TRY(peduli::validate(coming));
    coming.id = TRY(peduli::insert_activity(tx, coming, std::nullopt, now));
    for (size_t i = 1; i < pool.size() && i < 6; ++i)
      TRY(peduli::sign_up(tx, coming, pool[i], now));
    ++out.activities;
    return {};
  }));
  return out;
}

}  // namespace harmoni::demo
