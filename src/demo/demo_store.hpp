// Demo data in the seeds' own setting: Provinsi Kalimantan Barat, Kabupaten Sambas,
// Kota Pontianak and Kabupaten Kubu Raya, with their BPSDM / BKPSDM, Dukcapil,
// health offices and puskesmas, a public service mall, positions, ASN with
// plausible names, one account per role, the public units' services, a year of
// citizen survey responses, 360-degree campaigns (competency_demo.hpp), learning and
// social care (learning_demo.hpp), a year of complaints (complaints_demo_store.hpp). Deterministic:
// the same scale always gives the same data.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "platform/auth/principal.hpp"
#include "platform/crypto/vault.hpp"
#include "platform/db/database.hpp"
#include "platform/util/clock.hpp"

namespace harmoni::demo {

struct DemoAccount {
  std::string email;
  std::string role;
  std::string instansi;
};

struct DemoResult {
  int64_t instansi = 0, units = 0, positions = 0, asn = 0, survey_responses = 0;
  int64_t campaigns = 0, rating_forms = 0;  // 360-degree history (scale <= kCompetencyDemoMaxScale)
  int64_t programmes = 0, learning_records = 0, peduli_activities = 0;  // likewise
  int64_t complaints = 0;                                               // likewise
  int64_t harmony_cases = 0, kb_articles = 0;                           // likewise
  std::vector<DemoAccount> accounts;
  std::string password;  // the one password of every demo account
  bool already_present = false;
};

inline constexpr std::string_view kDemoPassword = "harmoni-demo-2026";

inline constexpr int64_t kDefaultSurveyResponses = 3000;
inline constexpr int kCompetencyDemoMaxScale = 10;

// A demo account as the principal the use cases act for (the demo drives them as its people).
Result<auth::Principal> demo_principal(db::Tx& tx, const std::string& email);

// Builds the dataset; scale N gives about 1,000 x N ASN, and `survey_responses`
// responses spread over the past year (10,000,000 for the index benchmark). Does
// nothing (and says so) when the demo instansi exist already.
Result<DemoResult> build_demo(db::Database& db, const Clock& clock, const Vault& vault, int scale,
                              int64_t survey_responses = kDefaultSurveyResponses,
                              int64_t complaint_volume = 0);

}  // namespace harmoni::demo
