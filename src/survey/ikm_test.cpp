#include "survey/ikm.hpp"

#include <gtest/gtest.h>

#include <random>

namespace harmoni::survey {
namespace {

// 29 respondents answering every element with the score sums of docs/domain/skm.md's test vector:
// each sum is made of 3s and 4s.
AnswerCounts worked_example() {
  const std::array<int, kElements> sums = {105, 101, 100, 116, 102, 105, 106, 105, 115};
  AnswerCounts c;
  for (int i = 0; i < kElements; ++i) {
    int fours = sums[i] - 3 * 29;
    c.counts[i][3] = fours;
    c.counts[i][2] = 29 - fours;
  }
  c.respondents = 29;
  return c;
}

TEST(Ikm, WorkedExampleFromTheGuideline) {
  AnswerCounts c = worked_example();
  IndexResult exact = compute_index(c, Weight::kExact);
  const std::array<int64_t, kElements> nrr = {36207, 34828, 34483, 40000, 35172,
                                              36207, 36552, 36207, 39655};
  for (int i = 0; i < kElements; ++i) {
    EXPECT_EQ(exact.elements[i].answered, 29);
    EXPECT_EQ(exact.elements[i].nrr_e4, nrr[i]) << "U" << i + 1;
  }
  EXPECT_EQ(exact.score_e2, 9148);
  EXPECT_EQ(exact.mutu, Mutu::kA);
  EXPECT_EQ(exact.index_e4, 36590);
  EXPECT_EQ(compute_index(c, Weight::k0111).score_e2, 9138);
  EXPECT_EQ(compute_index(c, Weight::k011).score_e2, 9056);
  EXPECT_EQ(compute_index(c, Weight::k011).mutu, Mutu::kA);
}

TEST(Ikm, PerfectSurveyUnderEachWeight) {
  AnswerCounts c;
  for (int i = 0; i < 10; ++i) c.add({4, 4, 4, 4, 4, 4, 4, 4, 4});
  EXPECT_EQ(compute_index(c, Weight::kExact).score_e2, 10000);
  EXPECT_EQ(compute_index(c, Weight::k0111).score_e2, 9990);
  EXPECT_EQ(compute_index(c, Weight::k011).score_e2, 9900);  // the regulation's 0,11 caps at 99
}

TEST(Ikm, SkippedElementsCountOnlyThoseWhoAnswered) {
  AnswerCounts c;
  c.add({4, 4, 4, 4, 4, 4, 4, 4, 4});
  c.add({2, 0, 0, 0, 0, 0, 0, 0, 0});  // answered U1 only
  IndexResult r = compute_index(c, Weight::kExact);
  EXPECT_EQ(r.respondents, 2);
  EXPECT_EQ(r.elements[0].answered, 2);
  EXPECT_EQ(r.elements[0].nrr_e4, 30000);
  EXPECT_EQ(r.elements[1].answered, 1);
  EXPECT_EQ(r.elements[1].nrr_e4, 40000);
  // (3 + 8 * 4) / 9 * 25 = 97.2222...
  EXPECT_EQ(r.score_e2, 9722);
}

TEST(Ikm, ElementNobodyAnsweredKeepsTheScale) {
  AnswerCounts c;
  c.add({3, 3, 3, 3, 3, 3, 3, 3, 0});
  IndexResult r = compute_index(c, Weight::kExact);
  EXPECT_FALSE(r.elements[8].nrr_e4.has_value());
  EXPECT_EQ(r.score_e2, 7500);
  EXPECT_EQ(r.mutu, Mutu::kC);
}

TEST(Ikm, NoAnswersNoIndex) {
  AnswerCounts c;
  IndexResult r = compute_index(c, Weight::kExact);
  EXPECT_FALSE(r.score_e2.has_value());
  EXPECT_FALSE(r.mutu.has_value());
  c.add({0, 0, 0, 0, 0, 0, 0, 0, 0});
  EXPECT_EQ(compute_index(c, Weight::kExact).respondents, 1);
  EXPECT_FALSE(compute_index(c, Weight::kExact).score_e2.has_value());
}

TEST(Ikm, BandEdges) {
  EXPECT_EQ(band_for_score(2500), Mutu::kD);
  EXPECT_EQ(band_for_score(6499), Mutu::kD);
  EXPECT_EQ(band_for_score(6500), Mutu::kC);
  EXPECT_EQ(band_for_score(7660), Mutu::kC);
  EXPECT_EQ(band_for_score(7661), Mutu::kB);
  EXPECT_EQ(band_for_score(8830), Mutu::kB);
  EXPECT_EQ(band_for_score(8831), Mutu::kA);
  EXPECT_EQ(band_for_score(10000), Mutu::kA);
  EXPECT_EQ(kinerja_key(Mutu::kB), "ikm.kinerja.baik");
  EXPECT_EQ(mutu_letter(Mutu::kC), "C");
}

TEST(Ikm, RoundsOnceAtTheEnd) {
  // Six respondents, score sums 20 15 16 15 15 17 13 16 13: the exact score is
  // 64.8148... (64.81); rounding each NRR to 4 decimals first would give 64.815 (64.82).
  AnswerCounts c;
  const std::array<std::array<int64_t, kScale>, kElements> counts = {{{0, 0, 4, 2},
                                                                      {0, 3, 3, 0},
                                                                      {0, 2, 4, 0},
                                                                      {0, 3, 3, 0},
                                                                      {0, 3, 3, 0},
                                                                      {0, 1, 5, 0},
                                                                      {0, 5, 1, 0},
                                                                      {0, 2, 4, 0},
                                                                      {0, 5, 1, 0}}};
  c.counts = counts;
  c.respondents = 6;
  EXPECT_EQ(c.score_sum(0), 20);
  EXPECT_EQ(c.score_sum(6), 13);
  IndexResult r = compute_index(c, Weight::kExact);
  EXPECT_EQ(r.score_e2, 6481);
  EXPECT_EQ(r.mutu, Mutu::kD);
}

// Property: whatever the answers, the score stays in 25..100 and matches its band.
TEST(Ikm, ScoreAlwaysWithinRange) {
  std::mt19937 rng(20171117);
  std::uniform_int_distribution<int> answer(0, 4);
  std::uniform_int_distribution<int> size(1, 60);
  for (int trial = 0; trial < 2000; ++trial) {
    AnswerCounts c;
    int n = size(rng);
    for (int k = 0; k < n; ++k) {
      std::array<int, kElements> a{};
      for (auto& x : a) x = answer(rng);
      c.add(a);
    }
    for (Weight w : {Weight::kExact, Weight::k0111, Weight::k011}) {
      IndexResult r = compute_index(c, w);
      if (!r.score_e2) continue;
      EXPECT_GE(*r.score_e2, w == Weight::kExact ? 2500 : 2475);
      EXPECT_LE(*r.score_e2, 10000);
      EXPECT_EQ(r.mutu, band_for_score(*r.score_e2));
    }
  }
}

TEST(Ikm, MergeEqualsAddingEverything) {
  AnswerCounts a, b, all;
  a.add({1, 2, 3, 4, 1, 2, 3, 4, 1});
  b.add({4, 4, 0, 4, 4, 4, 4, 4, 4});
  all.add({1, 2, 3, 4, 1, 2, 3, 4, 1});
  all.add({4, 4, 0, 4, 4, 4, 4, 4, 4});
  a.merge(b);
  EXPECT_EQ(a.counts, all.counts);
  EXPECT_EQ(a.respondents, 2);
}

TEST(Ikm, KrejcieMorganByTheFormula) {
  const std::pair<int64_t, int64_t> spots[] = {
      {50, 44},     {100, 80},     {200, 132},     {500, 217}, {1000, 278}, {5000, 357},
      {10000, 370}, {100000, 383}, {1000000, 384}, {0, 0},     {1, 1}};
  for (auto [n, s] : spots) EXPECT_EQ(required_sample(n), s) << "N=" << n;
}

TEST(Ikm, WeightNamesAndFormatting) {
  EXPECT_EQ(parse_weight("exact"), Weight::kExact);
  EXPECT_EQ(parse_weight(""), Weight::kExact);
  EXPECT_EQ(parse_weight("0.111"), Weight::k0111);
  EXPECT_EQ(parse_weight("0.11"), Weight::k011);
  EXPECT_FALSE(parse_weight("0.1").has_value());
  EXPECT_EQ(enum_name(Weight::k011), "0.11");
  EXPECT_EQ(format_fixed(9148, 2), "91.48");
  EXPECT_EQ(format_fixed(36207, 4), "3.6207");
  EXPECT_EQ(format_fixed(2505, 2), "25.05");
  EXPECT_EQ(format_fixed(7, 2), "0.07");
}

}  // namespace
}  // namespace harmoni::survey
