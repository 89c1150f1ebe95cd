#include "demo/demo_store.hpp"

#include <fmt/format.h>

#include <unordered_set>

#include "accounts/account_store.hpp"
#include "demo/competency_demo_store.hpp"
#include "demo/complaints_demo_store.hpp"
#include "demo/harmony_demo_store.hpp"
#include "demo/learning_demo_store.hpp"
#include "desk/desk_store.hpp"
#include "org/org_store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/auth/password.hpp"
#include "platform/util/date.hpp"
#include "survey/survey_store.hpp"

namespace harmoni::demo {
namespace {

struct UnitSpec {
  const char* code;
  const char* name;
  const char* parent;  // "" for a root unit
  const char* staff;   // which kind of staff works here
};

struct InstansiSpec {
  const char* code;
  const char* name;
  const char* region;
  std::vector<UnitSpec> units;
};

const std::vector<InstansiSpec>& instansi_specs() {
  static const std::vector<InstansiSpec> specs = {
      {"PROV-KALBAR",
       "Pemerintah Provinsi Kalimantan Barat",
       "61",
       {{"SETDA", "Sekretariat Daerah", "", "office"},
        {"BPSDM", "Badan Pengembangan Sumber Daya Manusia", "", "hr"},
        {"BPSDM-SEK", "Sekretariat BPSDM", "BPSDM", "office"},
        {"BPSDM-PKMSK", "Bidang Pengembangan Kompetensi Manajerial dan Sosial Kultural", "BPSDM",
         "trainer"},
        {"BPSDM-PKT", "Bidang Pengembangan Kompetensi Teknis", "BPSDM", "trainer"},
        {"BKD", "Badan Kepegawaian Daerah", "", "hr"},
        {"DINSOS", "Dinas Sosial", "", "social"},
        {"KESBANGPOL", "Badan Kesatuan Bangsa dan Politik", "", "office"}}},
      {"KAB-SAMBAS",
       "Pemerintah Kabupaten Sambas",
       "61.01",
       {{"SETDA", "Sekretariat Daerah", "", "office"},
        {"BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "", "hr"},
        {"DUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "", "service"},
        {"DUKCAPIL-PDP", "Bidang Pelayanan Pendaftaran Penduduk", "DUKCAPIL", "service"},
        {"DINKES", "Dinas Kesehatan", "", "office"},
        {"PKM-SAMBAS", "Puskesmas Sambas", "DINKES", "health"},
        {"PKM-PEMANGKAT", "Puskesmas Pemangkat", "DINKES", "health"},
        {"PKM-TEBAS", "Puskesmas Tebas", "DINKES", "health"},
        {"MPP-SAMBAS", "Mal Pelayanan Publik Kabupaten Sambas", "", "service"},
        {"MPP-SAMBAS-DUKCAPIL", "Gerai Dukcapil MPP Sambas", "MPP-SAMBAS", "service"},
        {"MPP-SAMBAS-DPMPTSP", "Gerai Perizinan MPP Sambas", "MPP-SAMBAS", "service"}}},
      {"KOTA-PONTIANAK",
       "Pemerintah Kota Pontianak",
       "61.71",
       {{"SETDA", "Sekretariat Daerah", "", "office"},
        {"BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "", "hr"},
        {"DUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "", "service"},
        {"DINKES", "Dinas Kesehatan", "", "office"},
        {"PKM-KAMPUNG-DALAM", "Puskesmas Kampung Dalam", "DINKES", "health"},
        {"PKM-PERUMNAS-II", "Puskesmas Perumnas II", "DINKES", "health"},
        {"MPP-PONTIANAK", "Mal Pelayanan Publik Kota Pontianak", "", "service"},
        {"MPP-PTK-DUKCAPIL", "Gerai Dukcapil MPP Pontianak", "MPP-PONTIANAK", "service"}}},
      {"KAB-KUBURAYA",
       "Pemerintah Kabupaten Kubu Raya",
       "61.12",
       {{"SETDA", "Sekretariat Daerah", "", "office"},
        {"BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "", "hr"},
        {"DUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "", "service"},
        {"DINKES", "Dinas Kesehatan", "", "office"},
        {"PKM-SUNGAI-RAYA", "Puskesmas Sungai Raya", "DINKES", "health"}}},
  };
  return specs;
}

struct PositionSpec {
  const char* code;
  const char* name;
  const char* kind;
  const char* jenjang;
  int grade;
};

const std::vector<PositionSpec>& position_specs() {
  static const std::vector<PositionSpec> specs = {
      {"KEPALA-OPD", "Kepala Dinas / Badan", "struktural", "jpt_pratama", 14},
      {"SEKRETARIS", "Sekretaris", "struktural", "administrator", 12},
      {"KABID", "Kepala Bidang", "struktural", "administrator", 11},
      {"KAPUS", "Kepala Puskesmas / Kepala Gerai", "struktural", "pengawas", 9},
      {"ANALIS-SDM-MUDA", "Analis SDM Aparatur Ahli Muda", "fungsional", "ahli_muda", 9},
      {"ANALIS-SDM-PERTAMA", "Analis SDM Aparatur Ahli Pertama", "fungsional", "ahli_pertama", 8},
      {"WIDYAISWARA-MADYA", "Widyaiswara Ahli Madya", "fungsional", "ahli_madya", 11},
      {"WIDYAISWARA-MUDA", "Widyaiswara Ahli Muda", "fungsional", "ahli_muda", 9},
      {"DOKTER-PERTAMA", "Dokter Ahli Pertama", "fungsional", "ahli_pertama", 9},
      {"PERAWAT-TERAMPIL", "Perawat Terampil", "fungsional", "terampil", 7},
      {"BIDAN-TERAMPIL", "Bidan Terampil", "fungsional", "terampil", 7},
      {"PENYULUH-SOSIAL", "Penyuluh Sosial Ahli Pertama", "fungsional", "ahli_pertama", 8},
      {"ADMINDUK", "Administrator Database Kependudukan Terampil", "fungsional", "terampil", 7},
      {"PENATA-LAYANAN", "Penata Layanan Operasional", "pelaksana", "pelaksana", 7},
      {"PENGOLAH-DATA", "Pengolah Data dan Informasi", "pelaksana", "pelaksana", 6},
      {"OPERATOR-LAYANAN", "Operator Layanan Operasional", "pelaksana", "pelaksana", 5},
  };
  return specs;
}

// Staff positions by the kind of unit.
std::vector<const char*> staff_positions(std::string_view staff) {
  if (staff == "hr")
    return {"ANALIS-SDM-MUDA", "ANALIS-SDM-PERTAMA", "PENGOLAH-DATA", "OPERATOR-LAYANAN"};
  if (staff == "trainer")
    return {"WIDYAISWARA-MADYA", "WIDYAISWARA-MUDA", "ANALIS-SDM-PERTAMA", "PENGOLAH-DATA"};
  if (staff == "health")
    return {"DOKTER-PERTAMA", "PERAWAT-TERAMPIL", "PERAWAT-TERAMPIL", "BIDAN-TERAMPIL",
            "OPERATOR-LAYANAN"};
  if (staff == "service")
    return {"ADMINDUK", "PENATA-LAYANAN", "OPERATOR-LAYANAN", "OPERATOR-LAYANAN"};
  if (staff == "social") return {"PENYULUH-SOSIAL", "PENYULUH-SOSIAL", "PENGOLAH-DATA"};
  return {"PENATA-LAYANAN", "PENGOLAH-DATA", "OPERATOR-LAYANAN"};
}

// Names heard across West Kalimantan: Malay, Dayak, Chinese-Indonesian, Javanese,
// Madurese, Bugis and Batak families work side by side in its offices.
const char* const kMaleNames[] = {
    "Ahmad",      "Muhammad", "Budi",     "Yohanes",  "Agustinus", "Hendra",     "Rudi",
    "Stefanus",   "Wahyu",    "Andreas",  "Fajar",    "Hasan",     "Kurniawan",  "Suriadi",
    "Paulus",     "Syarif",   "Antonius", "Eko",      "Gusti",     "Ignasius",   "Jamal",
    "Kristianus", "Lukas",    "Nanang",   "Petrus",   "Ridwan",    "Sutarmidji", "Usman",
    "Vincensius", "Yosef",    "Abang",    "Hermanus", "Edi",       "Frans",      "Darmawan"};
const char* const kFemaleNames[] = {
    "Siti",     "Dewi",    "Maria",     "Fransiska", "Lina",    "Nur",      "Rina",
    "Veronika", "Yuliana", "Theresia",  "Putri",     "Aisyah",  "Linda",    "Sri",
    "Herlina",  "Agnes",   "Bernadeta", "Cici",      "Dayang",  "Elisabet", "Fitri",
    "Grace",    "Halimah", "Imelda",    "Juliana",   "Kartini", "Lusia",    "Mariana",
    "Novita",   "Ratna",   "Susanti",   "Utin",      "Wulan",   "Yanti",    "Zahra"};
const char* const kFamilyNames[] = {
    "Syahrial",    "Hidayat",  "Santoso", "Wijaya",  "Lim",     "Tan",     "Pratama", "Saputra",
    "Handayani",   "Setiawan", "Gunawan", "Halim",   "Bong",    "Asmadi",  "Ramli",   "Jamaludin",
    "Sulaiman",    "Ningsih",  "Rahayu",  "Anyang",  "Lawing",  "Ibrahim", "Mahmud",  "Kusuma",
    "Simanjuntak", "Sitorus",  "Daeng",   "Tjhai",   "Nyarong", "Ajong",   "Usop",    "Kamaruddin",
    "Purba",       "Sinaga",   "Rosadi",  "Effendi", "Hartono", "Wibowo",  "Bujang",  "Manan"};

template <size_t N>
const char* pick(SeededRandom& rng, const char* const (&list)[N]) {
  return list[rng.next() % N];
}

std::string degree_for(std::string_view position, SeededRandom& rng) {
  if (position == "DOKTER-PERTAMA") return "";
  if (position == "PERAWAT-TERAMPIL") return ", A.Md.Kep.";
  if (position == "BIDAN-TERAMPIL") return ", A.Md.Keb.";
  if (position.starts_with("OPERATOR")) return "";
  static const char* const kDegrees[] = {", S.Sos.", ", S.E.",  ", S.H.", ", S.Pd.", ", S.Kom.",
                                         ", M.Si.",  ", S.AP.", "",       "",        ""};
  return kDegrees[rng.next() % (sizeof kDegrees / sizeof *kDegrees)];
}

struct NipFactory {
  SeededRandom& rng;
  int now_year, now_month;
  std::unordered_set<std::string> used;

  std::string make(bool female) {
    for (;;) {
      int birth_year = 1966 + static_cast<int>(rng.next() % 35);
      int birth_month = 1 + static_cast<int>(rng.next() % 12);
      int birth_day = 1 + static_cast<int>(rng.next() % 28);
      int start_year = birth_year + 20 + static_cast<int>(rng.next() % 12);
      int start_month = 1 + static_cast<int>(rng.next() % 12);
      if (start_year > now_year || (start_year == now_year && start_month > now_month)) {
        start_year = now_year - 1;
      }
      int seq = 1 + static_cast<int>(rng.next() % 999);
      std::string nip = fmt::format("{:04}{:02}{:02}{:04}{:02}{}{:03}", birth_year, birth_month,
                                    birth_day, start_year, start_month, female ? 2 : 1, seq);
      if (used.insert(nip).second) return nip;
    }
  }
};

// Service standards of the demo's public-facing units (civil registry, puskesmas,
// the public service mall), their pledges and counters.
struct ServiceSpec {
  const char* code;
  const char* name;
  const char* requirements;
  const char* procedure;
  int standard_minutes;
  const char* product;
  const char* prefix;
};

const std::vector<ServiceSpec>& civil_registry_services() {
  static const std::vector<ServiceSpec> specs = {
      {"KTP-EL", "Perekaman dan Pencetakan KTP-el",
       "Fotokopi Kartu Keluarga; berusia 17 tahun atau sudah/pernah kawin",
       "Ambil nomor antrean; verifikasi berkas; perekaman foto, sidik jari dan iris; pencetakan",
       60, "KTP-el", "A"},
      {"KK", "Penerbitan Kartu Keluarga",
       "Formulir F-1.01; KK lama; buku nikah atau akta cerai bila ada perubahan",
       "Ambil nomor antrean; verifikasi berkas; entri data; pencetakan dan tanda tangan elektronik",
       60, "Kartu Keluarga", "B"},
      {"AKTA-LAHIR", "Penerbitan Akta Kelahiran", "Surat keterangan lahir; KK; KTP-el orang tua",
       "Ambil nomor antrean; verifikasi berkas; entri data; pencetakan", 120, "Akta Kelahiran",
       "C"},
      {"PINDAH", "Surat Keterangan Pindah", "KK; KTP-el; alamat tujuan",
       "Ambil nomor antrean; verifikasi; penerbitan SKPWNI", 60, "SKPWNI", "D"},
  };
  return specs;
}

const std::vector<ServiceSpec>& health_services() {
  static const std::vector<ServiceSpec> specs = {
      {"POLI-UMUM", "Poli Umum", "Kartu BPJS Kesehatan atau KTP-el",
       "Pendaftaran; pemeriksaan; resep; apotek", 45, "Pemeriksaan dan resep", "U"},
      {"KIA", "Kesehatan Ibu dan Anak", "Buku KIA; kartu BPJS Kesehatan atau KTP-el",
       "Pendaftaran; pemeriksaan kehamilan atau balita", 45, "Pemeriksaan dan buku KIA terisi",
       "K"},
      {"IMUNISASI", "Imunisasi", "Buku KIA", "Pendaftaran; skrining; imunisasi; observasi 30 menit",
       60, "Imunisasi tercatat di buku KIA", "I"},
  };
  return specs;
}

Status build_service_desks(db::Tx& tx, int64_t unit_id, std::string_view staff,
                           std::string_view unit_code, int64_t now) {
  const bool health = staff == "health";
  const bool registry = unit_code.find("DUKCAPIL") != std::string_view::npos;
  if (!health && !registry) return {};
  desk::Desk d;
  d.unit_id = unit_id;
  d.pledge =
      "Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan yang "
      "telah "
      "ditetapkan, melayani dengan ramah, sopan dan tanpa diskriminasi, mendahulukan penyandang "
      "disabilitas, "
      "lanjut usia, ibu hamil, anak, dan korban bencana, dan apabila tidak menepati janji ini, "
      "kami siap "
      "menerima sanksi sesuai peraturan perundang-undangan yang berlaku.";
  TRY(desk::save_desk(tx, d, now));
  int order = 0;
  for (const auto& spec : health ? health_services() : civil_registry_services()) {
    desk::Service s{.unit_id = unit_id,
                    .code = spec.code,
                    .name = spec.name,
                    .requirements = spec.requirements,
                    .procedure = spec.procedure,
                    .standard_minutes = spec.standard_minutes,
                    .cost = "Gratis",
                    .product = spec.product,
                    .complaints =
                        "Kotak saran di ruang tunggu, SP4N-LAPOR! (www.lapor.go.id), atau "
                        "langsung kepada kepala unit",
                    .ticket_prefix = spec.prefix,
                    .sort_order = ++order};
    TRY(desk::insert_service(tx, s, now));
  }
  for (int i = 1; i <= 3; ++i) {
    TRY(desk::insert_counter(tx,
                             desk::Counter{.unit_id = unit_id,
                                           .code = fmt::format("LOKET-{}", i),
                                           .name = fmt::format("Loket {}", i)},
                             now));
  }
  return {};
}

// A year of survey responses at the Sambas units that serve the public, answered the
// way real forms tend to be (mostly 3 and 4; cost nearly always "free"; complaint
// handling weaker; some skip an element), most naming the officer who served.
Result<int64_t> build_survey_history(db::Database& db, const Clock& clock, SeededRandom& rng,
                                     int64_t total) {
  struct Place {
    int64_t unit_id, instansi_id;
    std::vector<int64_t> services, officers;
  };
  std::vector<Place> places;
  TRY(db.read([&](db::Tx& tx) -> Status {
    auto sambas = TRY(org::find_instansi_by_code(tx, "KAB-SAMBAS"));
    for (const auto& u : TRY(org::list_units(tx, sambas->id))) {
      auto services = TRY(desk::list_services(tx, u.id, false));
      if (services.empty()) continue;
      Place p{u.id, sambas->id, {}, {}};
      for (const auto& s : services) p.services.push_back(s.id);
      TRY(tx.each("SELECT id FROM asn WHERE unit_id = ? ORDER BY id LIMIT 6", {u.id},
                  [&](const db::Row& r) {
                    p.officers.push_back(r.i64(0));
                    return true;
                  }));
      places.push_back(std::move(p));
    }
    return {};
  }));
  if (places.empty() || total <= 0) return int64_t{0};
  int64_t questionnaire = TRY(db.write(
      [&](db::Tx& tx) { return survey::builtin_questionnaire_id(tx, clock.now_seconds()); }));
  static const char* kSuggestions[] = {
      "Petugas ramah dan sabar.", "Ruang tunggu perlu kipas angin.",
      "Antrean lansia didahulukan, terima kasih.", "Mohon tambah kursi roda.",
      "Informasi persyaratan di papan kurang jelas."};
  static const char* kSex[] = {"l", "p"};
  const int64_t now_ms = clock.now_ms();
  std::vector<survey::StoredResponse> batch;
  int64_t written = 0;
  for (int64_t n = 0; n < total; ++n) {
    const Place& p = places[rng.next() % places.size()];
    survey::StoredResponse r;
    r.unit_id = p.unit_id;
    r.instansi_id = p.instansi_id;
    r.service_id = p.services[rng.next() % p.services.size()];
    if (!p.officers.empty() && rng.next() % 10 < 7)
      r.officer_asn_id = p.officers[rng.next() % p.officers.size()];
    r.questionnaire_id = questionnaire;
    r.channel = rng.next() % 3 == 0 ? survey::Channel::kKiosk : survey::Channel::kLink;
    r.submitted_at_ms = now_ms - static_cast<int64_t>(rng.next() % 365) * 86'400'000;
    r.day = date_in_wib(r.submitted_at_ms);
    for (int e = 0; e < survey::kElements; ++e) {
      uint64_t roll = rng.next() % 100;
      int score = roll < 3 ? 1 : roll < 12 ? 2 : roll < 62 ? 3 : 4;
      if (e == 3) score = roll < 90 ? 4 : 3;            // U4 cost: free
      if (e == 7 && score == 4 && roll % 2) score = 3;  // U8 complaints: weaker
      if (roll % 29 == 0) score = 0;                    // skipped
      r.response.answers[e] = score;
    }
    if (r.response.answers[0] == 0) r.response.answers[0] = 3;
    // A respondent profile like paper forms give: most fill it in, some skip an item.
    auto pick = [&](std::string_view item) -> std::string {
      const auto& choices = survey::respondent_choices(item);
      if (rng.next() % 10 == 0) return "";
      return choices[rng.next() % choices.size()];
    };
    r.response.respondent.sex = kSex[rng.next() % 2];
    r.response.respondent.age_band = pick("age_band");
    r.response.respondent.education = pick("education");
    r.response.respondent.occupation = pick("occupation");
    if (rng.next() % 8 == 0) r.response.suggestion = kSuggestions[rng.next() % 5];
    batch.push_back(std::move(r));
    if (batch.size() == 20000 || n + 1 == total) {
      TRY(db.write([&](db::Tx& tx) { return survey::record_responses_bulk(tx, batch); }));
      written += static_cast<int64_t>(batch.size());
      batch.clear();
    }
  }
  return written;
}

}  // namespace

Result<auth::Principal> demo_principal(db::Tx& tx, const std::string& email) {
  auto row = TRY(tx.query_one(
      "SELECT us.id, us.role, us.instansi_id, us.unit_id, COALESCE(u.path, ''), us.asn_id, "
      "us.display_name FROM users us LEFT JOIN units u ON u.id = us.unit_id WHERE us.email = ?",
      {email}));
  if (!row) return Error::internal("demo account missing: " + email);
  return auth::Principal{
      .user_id = row->i64(0),
      .email = email,
      .display_name = row->text(6),
      .role = parse_enum<auth::Role>(row->text(1)).value_or(auth::Role::kOfficer),
      .instansi_id = row->opt_i64(2),
      .unit_id = row->opt_i64(3),
      .unit_path = row->text(4),
      .asn_id = row->opt_i64(5)};
}

Result<DemoResult> build_demo(db::Database& db, const Clock& clock, const Vault& vault, int scale,
                              int64_t survey_responses, int64_t complaint_volume) {
  DemoResult result;
  result.password = std::string(kDemoPassword);
  if (scale < 1 || scale > 10000) return Error::field("scale", "demo.scale_invalid");
  const int64_t now = clock.now_seconds();
  bool present = TRY(db.read([&](db::Tx& tx) -> Result<bool> {
    return TRY(org::find_instansi_by_code(tx, "KAB-SAMBAS")).has_value();
  }));
  if (present) {
    result.already_present = true;
    return result;
  }
  SeededRandom rng(2026);
  const org::YearMonth this_month = org::month_in_wib(now);
  NipFactory nips{rng, this_month.year, this_month.month, {}};

  // Instansi, units and positions.
  struct UnitRef {
    int64_t instansi_id;
    int64_t unit_id;
    const UnitSpec* spec;
    std::string instansi_code;
  };
  std::vector<UnitRef> units;
  std::map<std::string, std::map<std::string, int64_t>> position_ids;  // instansi -> code -> id
  TRY(db.write([&](db::Tx& tx) -> Status {
    TRY(org::ensure_regions(tx));
    for (const auto& is : instansi_specs()) {
      org::Instansi i{0, is.code, is.name, "daerah", is.region, true};
      int64_t instansi_id = TRY(org::insert_instansi(tx, i, now));
      ++result.instansi;
      std::map<std::string, int64_t> unit_ids;
      for (const auto& us : is.units) {
        std::optional<int64_t> parent;
        if (*us.parent) parent = unit_ids.at(us.parent);
        int64_t id = TRY(org::insert_unit(tx, instansi_id, parent, us.code, us.name, now));
        unit_ids[us.code] = id;
        units.push_back({instansi_id, id, &us, is.code});
        TRY(build_service_desks(tx, id, us.staff, us.code, now));
        ++result.units;
      }
      for (const auto& ps : position_specs()) {
        org::Position p{
            0,       instansi_id, ps.code,  ps.name,
            ps.kind, ps.jenjang,  ps.grade, org::default_required_level(ps.kind, ps.jenjang)};
        position_ids[is.code][ps.code] = TRY(org::insert_position(tx, p, now));
        ++result.positions;
      }
    }
    return {};
  }));

  // ASN: a head for every unit, the rest spread over the units by their kind.
  const int64_t total = 1000LL * scale;
  std::vector<org::AsnRecord> batch;
  std::map<std::string, std::string> first_nip_in_unit;  // "INSTANSI/UNIT" -> head NIP
  std::map<std::string, std::string> staff_nip_in_unit;  // "INSTANSI/UNIT" -> a staff NIP
  auto flush = [&]() -> Status {
    TRY(db.write([&](db::Tx& tx) -> Status {
      TRY(org::upsert_asn_batch(tx, batch, now));
      return {};
    }));
    batch.clear();
    return {};
  };
  for (int64_t n = 0; n < total; ++n) {
    const UnitRef& unit = units[static_cast<size_t>(n) % units.size()];
    bool head = n < static_cast<int64_t>(units.size());
    std::string position;
    if (head) {
      position = *unit.spec->parent == '\0' ? "KEPALA-OPD"
                 : std::string_view(unit.spec->staff) == "health" ||
                         std::string_view(unit.spec->code).find("MPP") != std::string_view::npos
                     ? "KAPUS"
                     : "KABID";
    } else {
      auto staff = staff_positions(unit.spec->staff);
      position = staff[rng.next() % staff.size()];
    }
    bool female = rng.next() % 2 == 0;
    std::string name = std::string(female ? pick(rng, kFemaleNames) : pick(rng, kMaleNames)) + " " +
                       pick(rng, kFamilyNames);
    if (position == "DOKTER-PERTAMA") name = "dr. " + name;
    name += degree_for(position, rng);
    org::AsnDraft draft;
    draft.nip = nips.make(female);
    draft.name = name;
    draft.employment = (!head && rng.next() % 100 < 15) ? "PPPK" : "PNS";
    draft.unit_code = unit.spec->code;
    draft.position_code = position;
    draft.active = true;
    std::string key = unit.instansi_code + "/" + unit.spec->code;
    if (head)
      first_nip_in_unit[key] = draft.nip;
    else if (!staff_nip_in_unit.contains(key))
      staff_nip_in_unit[key] = draft.nip;
    batch.push_back(
        {unit.instansi_id, draft, unit.unit_id, position_ids[unit.instansi_code].at(position)});
    ++result.asn;
    if (batch.size() >= 5000) TRY(flush());
  }
  if (!batch.empty()) TRY(flush());

  // One account per role, in Kabupaten Sambas (plus a provincial admin, for contrast).
  std::string hash = TRY(auth::hash_password(kDemoPassword));
  struct AccountSpec {
    const char* email;
    const char* name;
    const char* role;
    const char* instansi;
    const char* unit;
    const char* asn_key;  // link to the head ("H:") or a staff member ("S:") of a unit
  };
  const AccountSpec accounts[] = {
      {"admin@harmoni.demo", "Administrator Sistem", "system_admin", "", "", ""},
      {"admin.sambas@harmoni.demo", "Admin Kabupaten Sambas", "instansi_admin", "KAB-SAMBAS", "",
       ""},
      {"kepala.dukcapil@harmoni.demo", "Kepala Dukcapil Sambas", "unit_head", "KAB-SAMBAS",
       "DUKCAPIL", "H:KAB-SAMBAS/DUKCAPIL"},
      {"petugas.mpp@harmoni.demo", "Petugas Gerai Dukcapil MPP Sambas", "officer", "KAB-SAMBAS",
       "MPP-SAMBAS-DUKCAPIL", "S:KAB-SAMBAS/MPP-SAMBAS-DUKCAPIL"},
      {"sdm.bkpsdm@harmoni.demo", "Analis SDM BKPSDM Sambas", "hr_developer", "KAB-SAMBAS", "",
       "S:KAB-SAMBAS/BKPSDM"},
      {"penanganan.kasus@harmoni.demo", "Penangan Kasus Sambas", "case_handler", "KAB-SAMBAS", "",
       ""},
      {"mediator.kasus@harmoni.demo", "Penangan Kasus Sambas (kedua)", "case_handler", "KAB-SAMBAS",
       "", ""},
      {"auditor@harmoni.demo", "Auditor Inspektorat", "auditor", "KAB-SAMBAS", "", ""},
      {"admin.kalbar@harmoni.demo", "Admin Provinsi Kalimantan Barat", "instansi_admin",
       "PROV-KALBAR", "", ""},
      {"penanganan.kalbar@harmoni.demo", "Penangan Kasus Provinsi Kalimantan Barat", "case_handler",
       "PROV-KALBAR", "", ""},
  };
  TRY(db.write([&](db::Tx& tx) -> Status {
    for (const auto& a : accounts) {
      accounts::UserDraft d;
      d.email = a.email;
      d.display_name = a.name;
      d.role = a.role;
      d.instansi_code = a.instansi;
      d.unit_code = a.unit;
      std::string_view link = a.asn_key;
      if (link.starts_with("H:")) d.asn_nip = first_nip_in_unit[std::string(link.substr(2))];
      if (link.starts_with("S:")) d.asn_nip = staff_nip_in_unit[std::string(link.substr(2))];
      TRY(accounts::insert_user(tx, d, hash, now));
      result.accounts.push_back({a.email, a.role, a.instansi});
    }
    audit::Entry e;
    e.actor = "cli";
    e.action = "demo.build";
    e.object_type = "database";
    e.object_id = "demo";
    e.source = "cli";
    e.request_id = "-";
    e.detail = fmt::format(R"({{"scale":{},"asn":{}}})", scale, result.asn);
    return audit::append(tx, e, clock.now_ms());
  }));
  result.survey_responses = TRY(build_survey_history(db, clock, rng, survey_responses));
  // 360-degree history for the demo instansi at the everyday scale; the benchmarks make
  // their own at large scales.
  if (scale <= kCompetencyDemoMaxScale) {
    auto sambas =
        TRY(db.read([&](db::Tx& tx) { return org::find_instansi_by_code(tx, "KAB-SAMBAS"); }));
    CompetencyDemo built = TRY(build_competency_demo(db, clock, sambas->id, rng));
    result.campaigns = built.campaigns;
    result.rating_forms = built.forms;
    LearningDemo learning = TRY(build_learning_demo(db, clock, sambas->id, rng));
    result.programmes = learning.programmes;
    result.learning_records = learning.records;
    result.peduli_activities = learning.activities;
    result.complaints = TRY(build_complaints_demo(db, clock, vault, sambas->id, rng));
    HarmonyDemo harmony = TRY(build_harmony_demo(db, clock, vault, rng));
    result.harmony_cases = harmony.cases;
    result.kb_articles = harmony.articles;
  }
  if (complaint_volume > 0) {
    auto sambas =
        TRY(db.read([&](db::Tx& tx) { return org::find_instansi_by_code(tx, "KAB-SAMBAS"); }));
    result.complaints += TRY(build_complaint_volume(db, clock, sambas->id, complaint_volume, rng));
  }
  return result;
}

}  // namespace harmoni::demo
