#include "demo/competency_demo_store.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "competency/competency_cases.hpp"
#include "competency/competency_store.hpp"
#include "competency/shipped_catalog.hpp"
#include "platform/util/date.hpp"

namespace harmoni::demo {
namespace {

using namespace harmoni::competency;

// Seed 003's Harmonis behaviours, as an instansi would enter them.
struct OwnItem {
  const char* code;
  const char* value;
  const char* text_id;
  const char* text_en;
  const char* low_id;
  const char* high_id;
  const char* learning;
};

constexpr OwnItem kOwnItems[] = {
    {"HRM-KERJA-1", "HA", "Bersikap toleran dan berempati terhadap perbedaan di tempat kerja",
     "Is tolerant and empathetic toward differences at work",
     "Mengejek kebiasaan atau keyakinan rekan yang berbeda.",
     "Merangkul rekan yang berbeda dan membelanya bila diperlakukan tidak adil.", "intercultural"},
    {"HRM-KERJA-2", "HA", "Bekerja sama dan saling mendukung antarrekan",
     "Cooperates with and supports colleagues", "Membiarkan rekan kewalahan sendirian.",
     "Menawarkan bantuan ketika beban rekan menumpuk.", "soft_skill"},
    {"HRM-KERJA-3", "HA", "Menjaga kerahasiaan jabatan dan menghindari konflik kepentingan",
     "Keeps official confidences and avoids conflicts of interest",
     "Membicarakan urusan kantor di luar keperluan.",
     "Menolak menangani urusan keluarga atau kenalan sendiri.", "character"},
    {"HRM-KERJA-4", "HA", "Berkomunikasi secara terbuka dan saling menghormati",
     "Communicates openly and respectfully", "Menyindir atau membentak dalam rapat.",
     "Menyampaikan pendapat berbeda dengan santun dan mendengarkan balik.", "soft_skill"},
    {"HRM-PUBLIK-1", "HA", "Bersikap adil, netral, dan tidak diskriminatif kepada masyarakat",
     "Is fair, neutral and non-discriminatory toward citizens", "Mendahulukan warga yang dikenal.",
     "Melayani setiap warga dengan urutan dan hormat yang sama.", "character"},
    {"HRM-PUBLIK-2", "BP",
     "Mengutamakan kepentingan masyarakat di atas kepentingan pribadi atau golongan",
     "Puts the public's interest above own or group interest",
     "Menunda layanan demi urusan pribadi.",
     "Tetap melayani warga yang datang menjelang jam tutup.", "social_care"},
    {"HRM-PUBLIK-3", "BP", "Mendengarkan dan menanggapi aspirasi masyarakat",
     "Listens and responds to citizens' aspirations", "Mengabaikan keluhan warga.",
     "Mencatat keluhan warga dan memberi kabar tindak lanjutnya.", "soft_skill"},
};

constexpr const char* kExamples[] = {
    "Membantu warga lansia mengisi formulir sampai selesai.",
    "Menjelaskan ulang prosedur dengan sabar kepada warga yang bingung.",
    "Menengahi perselisihan antarrekan dalam rapat dengan tenang.",
    "Pernah menolak melayani warga karena sudah dekat jam istirahat.",
    "Mengajak rekan dari bidang lain ikut kegiatan bakti sosial.",
    "Menyindir rekan yang berbeda keyakinan di depan orang lain.",
};

constexpr const char* kComments[] = {
    "Terus pertahankan keramahan kepada warga.",     "Perlu lebih sabar saat antrean panjang.",
    "Sering membantu rekan baru memahami prosedur.", "Komunikasi dalam rapat bisa lebih terbuka.",
    "Menjadi teladan dalam kegiatan sosial kantor.",
};

Date days_from(const Clock& clock, int days) {
  return date_in_wib(clock.now_ms() + static_cast<int64_t>(days) * 86'400'000);
}

// A plausible form: each person has a true level per item, raters see it with noise,
// people rate themselves a little higher, and some cannot judge the higher indicators.
RatingAnswers simulated_form(const Instrument& instrument, const AssignmentRow& a,
                             SeededRandom& rng) {
  RatingAnswers answers{.group = a.group};
  const double person =
      2.6 +
      static_cast<double>((static_cast<uint64_t>(a.ratee_asn_id) * 2654435761ULL) % 170) / 100;
  for (const auto& item : instrument.items) {
    const double item_bias =
        static_cast<double>(std::hash<std::string>{}(item.code) % 100) / 100 - 0.5;
    const double noise = static_cast<double>(rng.next() % 200) / 100 - 1.0;
    double value =
        person + item_bias * 0.8 + noise * 0.7 - (item.level >= 3 ? 0.4 * (item.level - 2) : 0);
    if (a.group == RaterGroup::kSelf) value += 0.6;
    int score = std::clamp(static_cast<int>(std::lround(value)), 1, 5);
    if (a.group != RaterGroup::kSelf && item.level >= 4 && rng.next() % 4 == 0) score = 0;
    answers.scores[item.code] = score;
    if (score == 1 || score == 5)
      answers.examples[item.code] = kExamples[rng.next() % std::size(kExamples)];
  }
  if (rng.next() % 4 == 0) answers.comment = kComments[rng.next() % std::size(kComments)];
  return answers;
}

Result<Campaign> made_campaign(db::Database& db, const Clock& clock, int64_t instansi_id,
                               CampaignSettings s,
                               const std::function<bool(const Item&)>& include) {
  const Catalog& catalog = *TRY(shipped_catalog());
  auto own = TRY(db.read([&](db::Tx& tx) { return list_custom_items(tx, instansi_id); }));
  for (const auto& i : catalog.items(s.values_version)) {
    if (include(i)) s.item_codes.push_back(i.code);
  }
  for (const auto& i : own) {
    if (include(i)) s.item_codes.push_back(i.code);
  }
  TRY(validate(s, catalog, own));
  int64_t id = TRY(db.write([&](db::Tx& tx) {
    return insert_campaign(tx, instansi_id, s, build_instrument(s, catalog, own), std::nullopt,
                           clock.now_seconds());
  }));
  Campaign c = *TRY(db.read([&](db::Tx& tx) { return find_campaign(tx, id); }));
  TRY(db.write([&](db::Tx& tx) { return open_campaign(tx, c, clock.now_seconds()); }));
  return *TRY(db.read([&](db::Tx& tx) { return find_campaign(tx, id); }));
}

// Sends `percent` of the campaign's forms, never those of the raters in `keep_pending`.
Result<int64_t> answer_forms(db::Database& db, const Clock& clock, const Campaign& c,
                             SeededRandom& rng, int percent,
                             const std::set<int64_t>& keep_pending) {
  return db.write([&](db::Tx& tx) -> Result<int64_t> {
    int64_t sent = 0;
    std::vector<AssignmentRow> all;
    for (const auto& ratee :
         TRY(tx.query("SELECT DISTINCT ratee_asn_id FROM rater_assignments WHERE campaign_id = ? "
                      "ORDER BY ratee_asn_id",
                      {c.id}))) {
      auto rows = TRY(ratee_assignments(tx, c.id, ratee.i64(0)));
      all.insert(all.end(), rows.begin(), rows.end());
    }
    for (const auto& a : all) {
      if (keep_pending.contains(a.rater_asn_id) || static_cast<int>(rng.next() % 100) >= percent)
        continue;
      RatingAnswers answers = simulated_form(*c.instrument, a, rng);
      TRY(submit_answers(tx, a, answers, static_cast<int64_t>(rng.next() >> 2) + 1,
                         clock.now_seconds()));
      ++sent;
    }
    return sent;
  });
}

}  // namespace

Result<CompetencyDemo> build_competency_demo(db::Database& db, const Clock& clock,
                                             int64_t instansi_id, SeededRandom& rng) {
  const Catalog& catalog = *TRY(shipped_catalog());
  CompetencyDemo out;
  TRY(db.write([&](db::Tx& tx) -> Status {
    for (const auto& o : kOwnItems) {
      Item item = TRY(custom_item(catalog, CustomItemDraft{.code = o.code,
                                                           .value_code = o.value,
                                                           .text = {o.text_id, o.text_en},
                                                           .low = {o.low_id, ""},
                                                           .high = {o.high_id, ""},
                                                           .learning = {o.learning}}));
      TRY(insert_custom_item(tx, instansi_id, item, clock.now_seconds()));
    }
    return {};
  }));
  std::set<int64_t> demo_raters;
  TRY(db.read([&](db::Tx& tx) -> Status {
    return tx.each("SELECT asn_id FROM users WHERE asn_id IS NOT NULL", {}, [&](const db::Row& r) {
      demo_raters.insert(r.i64(0));
      return true;
    });
  }));

  const Date today = date_in_wib(clock.now_ms());
  // Last year's campaign: every value, every Perekat Bangsa indicator, the own items; closed.
  CampaignSettings last{
      .name = "Penilaian 360 BerAKHLAK dan Perekat Bangsa " + std::to_string(today.year - 1),
      .starts_on = format_date(Date{today.year - 1, 10, 1}),
      .deadline = format_date(Date{today.year - 1, 10, 31}),
      .values_version = "2023"};
  Campaign closed = TRY(made_campaign(
      db, clock, instansi_id, last, [](const Item& i) { return i.kind != ItemKind::kManagerial; }));
  out.forms += TRY(answer_forms(db, clock, closed, rng, 92, {}));
  TRY(db.write([&](db::Tx& tx) {
    return move_campaign(tx, closed.id, CampaignStatus::kOpen, CampaignStatus::kClosed,
                         clock.now_seconds());
  }));
  closed.status = CampaignStatus::kClosed;
  TRY(compute_results(db, closed, clock.now_seconds()));

  // This year's: Harmonis and service behaviours, Perekat Bangsa, the own items; open,
  // about half answered, the demo accounts' forms still waiting.
  CampaignSettings current{.name = "Penilaian 360 Harmonis " + std::to_string(today.year),
                           .starts_on = format_date(days_from(clock, -7)),
                           .deadline = format_date(days_from(clock, 21)),
                           .values_version = "2023"};
  Campaign open = TRY(made_campaign(db, clock, instansi_id, current, [](const Item& i) {
    return i.kind == ItemKind::kIndicator || i.kind == ItemKind::kCustom || i.group == "HA" ||
           i.group == "BP";
  }));
  out.forms += TRY(answer_forms(db, clock, open, rng, 45, demo_raters));
  out.campaigns = 2;
  return out;
}

}  // namespace harmoni::demo
