#include "harmony/disharmony.hpp"

#include <gtest/gtest.h>

#include <map>

#include "harmony/access.hpp"
#include "harmony/anonymise.hpp"
#include "harmony/article.hpp"
#include "harmony/dialogue.hpp"
#include "harmony/markdown.hpp"

namespace harmoni::harmony {
namespace {

TEST(CaseMachine, EveryStateAndStep) {
  using enum State;
  // The allowed moves; every other pair is refused.
  const std::map<std::pair<State, Step>, State> allowed = {
      {{kOpen, Step::kAnalysisStarted}, kAnalysis},
      {{kOpen, Step::kFactAdded}, kAnalysis},
      {{kOpen, Step::kCauseAdded}, kAnalysis},
      {{kOpen, Step::kRuleSet}, kAnalysis},
      {{kOpen, Step::kPartyAdded}, kOpen},
      {{kOpen, Step::kClosed}, kClosed},
      {{kAnalysis, Step::kFactAdded}, kAnalysis},
      {{kAnalysis, Step::kCauseAdded}, kAnalysis},
      {{kAnalysis, Step::kRuleSet}, kAnalysis},
      {{kAnalysis, Step::kPartyAdded}, kAnalysis},
      {{kAnalysis, Step::kSessionHeld}, kDialogue},
      {{kAnalysis, Step::kClosed}, kClosed},
      {{kDialogue, Step::kFactAdded}, kDialogue},
      {{kDialogue, Step::kCauseAdded}, kDialogue},
      {{kDialogue, Step::kRuleSet}, kDialogue},
      {{kDialogue, Step::kPartyAdded}, kDialogue},
      {{kDialogue, Step::kSessionHeld}, kDialogue},
      {{kDialogue, Step::kAgreementMade}, kDialogue},
      {{kDialogue, Step::kAgreementChecked}, kDialogue},
      {{kDialogue, Step::kMonitoringStarted}, kMonitoring},
      {{kDialogue, Step::kClosed}, kClosed},
      {{kMonitoring, Step::kFactAdded}, kMonitoring},
      {{kMonitoring, Step::kCauseAdded}, kMonitoring},
      {{kMonitoring, Step::kRuleSet}, kMonitoring},
      {{kMonitoring, Step::kPartyAdded}, kMonitoring},
      {{kMonitoring, Step::kSessionHeld}, kDialogue},
      {{kMonitoring, Step::kAgreementMade}, kMonitoring},
      {{kMonitoring, Step::kAgreementChecked}, kMonitoring},
      {{kMonitoring, Step::kClosed}, kClosed},
      {{kClosed, Step::kReopened}, kAnalysis},
  };
  for (State from : enum_values<State>()) {
    for (Step step : enum_values<Step>()) {
      auto to = status_after(from, step);
      auto it = allowed.find({from, step});
      if (it == allowed.end()) {
        ASSERT_FALSE(to.ok()) << enum_name(from) << " " << enum_name(step);
        EXPECT_EQ(to.error().key, "harmony.step_not_allowed");
      } else {
        ASSERT_TRUE(to.ok()) << enum_name(from) << " " << enum_name(step);
        EXPECT_EQ(*to, it->second) << enum_name(from) << " " << enum_name(step);
      }
    }
  }
}

std::vector<std::string> fields_of(const Status& st) {
  std::vector<std::string> out;
  if (!st.ok())
    for (const auto& f : st.error().fields) out.push_back(f.field + ":" + f.key);
  return out;
}

TEST(CaseRules, NewCaseSaysEveryProblem) {
  Case c;
  c.kind = Kind::kDiscrimination;
  c.setting = Setting::kCommunity;
  c.origin = Origin::kComplaint;
  EXPECT_EQ(fields_of(validate_new(c)),
            (std::vector<std::string>{"title:input.required", "summary:input.required",
                                      "dimension:harmony.dimension_required",
                                      "region:harmony.region_required", "unit:input.required",
                                      "complaint:harmony.complaint_origin"}));
  c.title = "Warga merasa dibedakan";
  c.summary = "Seorang warga merasa dilayani berbeda karena asal daerahnya.";
  c.dimension = Dimension::kRegionOfOrigin;
  c.region_code = "61.7";
  c.unit_id = 3;
  c.complaint_id = 9;
  EXPECT_EQ(fields_of(validate_new(c)),
            (std::vector<std::string>{"region:harmony.region_unknown"}));
  c.region_code = "61.71";
  EXPECT_TRUE(validate_new(c).ok());
}

TEST(CaseRules, ClosingNeedsDialogueUnlessReferred) {
  EXPECT_EQ(
      fields_of(validate_closing({Outcome::kResolved, std::nullopt, "Sudah damai kembali."}, 0)),
      (std::vector<std::string>{"outcome:harmony.outcome_needs_dialogue"}));
  EXPECT_TRUE(validate_closing({Outcome::kResolved, std::nullopt, "Sudah damai kembali."}, 1).ok());
  EXPECT_EQ(
      fields_of(validate_closing({Outcome::kReferred, std::nullopt, "Pelanggaran disiplin."}, 0)),
      (std::vector<std::string>{"referral:harmony.referral_required"}));
  EXPECT_TRUE(
      validate_closing({Outcome::kReferred, Referral::kDiscipline, "Pelanggaran disiplin."}, 0)
          .ok());
}

TEST(CaseRules, SimilarCasesShareKindDimensionAndRule) {
  Case a{.setting = Setting::kWorkplace,
         .kind = Kind::kDiscrimination,
         .dimension = Dimension::kReligion,
         .rule = "PP 94/2021 pasal 3"};
  Case b = a;
  EXPECT_EQ(similarity(a, b), 4 + 3 + 2 + 1);
  b.rule = "Perbup 12/2020";
  b.setting = Setting::kCommunity;
  EXPECT_EQ(similarity(a, b), 4 + 3);
  b.kind = Kind::kHarassment;
  b.dimension = Dimension::kGender;
  EXPECT_EQ(similarity(a, b), 0);
}

TEST(Dialogue, SessionsAndAgreements) {
  const Date today{2026, 12, 3};
  Session s{.held_on = {2026, 12, 4}, .needs = {{2, "Ingin didengar"}}};
  EXPECT_EQ(fields_of(validate(s, today)),
            (std::vector<std::string>{"held_on:harmony.date_future", "sides:harmony.sides_required",
                                      "needs:harmony.need_side_absent"}));
  s.held_on = today;
  s.sides_present = {1, 2};
  EXPECT_TRUE(validate(s, today).ok());
  Agreement g{.text = "Layanan antrean dijelaskan", .owner_asn_id = 4, .due_on = {2026, 12, 1}};
  EXPECT_EQ(fields_of(validate(g, today)), (std::vector<std::string>{"due_on:harmony.due_past"}));
  EXPECT_TRUE(is_overdue(g, today));
  g.state = AgreementState::kKept;
  EXPECT_FALSE(is_overdue(g, today));
  g.state = AgreementState::kNotKept;
  EXPECT_TRUE(is_overdue(g, today));
  EXPECT_FALSE(validate(Check{.kept = false}).ok());
  EXPECT_TRUE(validate(Check{.kept = true}).ok());
}

TEST(Access, HandlersHeadsAndParties) {
  Case c{.id = 1, .instansi_id = 7, .unit_id = 3, .unit_path = "/1/3/"};
  std::vector<Party> parties = {{.kind = PartyKind::kAsn, .asn_id = 55, .side = 1}};
  auth::Principal handler{.role = auth::Role::kCaseHandler, .instansi_id = 7};
  auth::Principal head{
      .role = auth::Role::kUnitHead, .instansi_id = 7, .unit_id = 1, .unit_path = "/1/"};
  auth::Principal other_head{
      .role = auth::Role::kUnitHead, .instansi_id = 7, .unit_id = 2, .unit_path = "/2/"};
  auth::Principal admin{.role = auth::Role::kInstansiAdmin, .instansi_id = 7};
  auth::Principal elsewhere{.role = auth::Role::kCaseHandler, .instansi_id = 8};
  auth::Principal party_handler{.role = auth::Role::kCaseHandler, .instansi_id = 7, .asn_id = 55};
  EXPECT_TRUE(rights_of(handler, c, parties).handle);
  EXPECT_TRUE(rights_of(head, c, parties).read);
  EXPECT_FALSE(rights_of(head, c, parties).handle);
  EXPECT_FALSE(rights_of(other_head, c, parties).read);
  EXPECT_FALSE(rights_of(admin, c, parties).read);
  EXPECT_FALSE(rights_of(elsewhere, c, parties).read);
  Rights as_party = rights_of(party_handler, c, parties);
  EXPECT_TRUE(as_party.party);
  EXPECT_FALSE(as_party.read);
  EXPECT_FALSE(as_party.handle);
}

TEST(Anonymise, TakesOutNamesNipsPlacesAndDates) {
  Identifiers ids{{"Budi Santoso, S.Sos", "Rina Marlina"},
                  {"Kecamatan Sungai Raya", "Kota Pontianak"}};
  const std::string text =
      "Pada 3 Desember 2026 Budi Santoso (NIP 198703122010011002) menolak melayani Rina di "
      "Kecamatan Sungai Raya, Pontianak. Pak Hendra dari Jalan Merdeka Barat menelepon "
      "0812-3456-7890 dan menulis ke rina@example.id pada 04/12/2026. Pak Budi meminta maaf.";
  const std::string out = anonymise(text, ids);
  for (const char* gone : {"Budi", "Santoso", "Rina", "1987", "Sungai Raya", "Pontianak", "Hendra",
                           "Merdeka", "0812", "example.id", "Desember", "04/12"})
    EXPECT_EQ(out.find(gone), std::string::npos) << gone << " in: " << out;
  EXPECT_NE(out.find("menolak melayani"), std::string::npos) << out;
  EXPECT_NE(out.find("[NIP]"), std::string::npos) << out;
  EXPECT_NE(out.find("Pak [nama]"), std::string::npos) << out;
  // Rule references stay: they are what a reader learns from.
  EXPECT_NE(anonymise("Menurut PP 94/2021 pasal 5.", ids).find("PP 94/2021"), std::string::npos);
}

TEST(Articles, LifeAndTags) {
  Article a{.title = "Belajar dari antrean", .author_user_id = 4};
  a.case_id = 9;
  EXPECT_EQ(state_after(a, ArticleStep::kPublish, 4).error().key, "kb.case_needs_approval");
  EXPECT_EQ(*state_after(a, ArticleStep::kSubmit, 4), ArticleState::kPending);
  a.state = ArticleState::kPending;
  EXPECT_EQ(state_after(a, ArticleStep::kApprove, 4).error().kind, ErrorKind::kForbidden);
  EXPECT_EQ(*state_after(a, ArticleStep::kApprove, 5), ArticleState::kPublished);
  EXPECT_EQ(*state_after(a, ArticleStep::kReturn, 5), ArticleState::kDraft);
  EXPECT_FALSE(state_after(a, ArticleStep::kWithdraw, 5).ok());
  a.case_id.reset();
  a.state = ArticleState::kDraft;
  EXPECT_EQ(*state_after(a, ArticleStep::kPublish, 4), ArticleState::kPublished);

  EXPECT_EQ(parse_tag("kind:discrimination"), (Tag{TagKind::kKind, "discrimination"}));
  EXPECT_EQ(parse_tag("indicator:PB.3"), (Tag{TagKind::kIndicator, "PB.3"}));
  EXPECT_FALSE(parse_tag("kind:unknown"));
  EXPECT_FALSE(parse_tag("colour:red"));
  EXPECT_FALSE(parse_tag("indicator:<b>"));
  a.body = "pendek";
  a.questions = {"?"};
  EXPECT_EQ(fields_of(validate(a)),
            (std::vector<std::string>{"body:input.too_short", "questions:input.too_short"}));
}

TEST(Markdown, RendersSafely) {
  const std::string html =
      markdown_html("## Judul\n\nTeks *miring* <script>alert(1)</script> [x](javascript:alert(1))");
  EXPECT_NE(html.find("<h2>Judul</h2>"), std::string::npos);
  EXPECT_NE(html.find("<em>miring</em>"), std::string::npos);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_EQ(html.find("javascript:"), std::string::npos);
  EXPECT_EQ(markdown_plain("## Judul\n\nTeks *miring*\n\n- satu\n- dua"),
            "Judul\nTeks miring\nsatu\ndua");
}

}  // namespace
}  // namespace harmoni::harmony
