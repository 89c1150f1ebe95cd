// The citizen satisfaction index (IKM) of PermenPANRB 14/2017, computed from integer
// answer counts with exact rational arithmetic and one rounding at the end.
// Pure domain: no I/O. See docs/domain/skm.md.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "platform/result.hpp"
#include "platform/util/enum_names.hpp"

namespace harmoni::survey {

inline constexpr int kElements = 9;  // U1..U9
inline constexpr int kScale = 4;     // answers 1..4

// How many respondents gave each answer to each element: counts[element][answer - 1].
// An element a respondent skipped adds nothing to that element.
struct AnswerCounts {
  std::array<std::array<int64_t, kScale>, kElements> counts{};
  int64_t respondents = 0;  // responses, whether or not every element was answered

  // Adds one response; answers[i] is 1..4, or 0 when element i was skipped.
  void add(const std::array<int, kElements>& answers);
  void merge(const AnswerCounts& other);
  int64_t answered(int element) const;   // respondents who answered element (0-based)
  int64_t score_sum(int element) const;  // sum of the scores given to element
};

// The weight of each element: 1/9 exactly (default) or one of the rounded values
// published reports use. Every report states which it used.
enum class Weight { kExact, k0111, k011 };
inline constexpr EnumName<Weight> kWeightNames[] = {
    {Weight::kExact, "exact"}, {Weight::k0111, "0.111"}, {Weight::k011, "0.11"}};
constexpr std::span<const EnumName<Weight>> enum_names(Weight) { return kWeightNames; }
// A weight asked for by name; none asked for means exact.
std::optional<Weight> parse_weight(std::string_view text);

enum class Mutu { kA, kB, kC, kD };
std::string_view mutu_letter(Mutu m);
// The catalog key of the kinerja band ("ikm.kinerja.sangat_baik", ...).
std::string_view kinerja_key(Mutu m);

struct ElementResult {
  int64_t answered = 0;
  // NRR rounded to 4 decimals, in ten-thousandths (3.6207 -> 36207); absent when nobody answered.
  std::optional<int64_t> nrr_e4;
};

struct IndexResult {
  int64_t respondents = 0;
  std::array<ElementResult, kElements> elements{};
  Weight weight = Weight::kExact;
  // Absent when no element was answered by anyone.
  std::optional<int64_t> index_e4;  // IKM 1..4, rounded to 4 decimals, ten-thousandths
  std::optional<int64_t> score_e2;  // 25..100, rounded once to 2 decimals, hundredths
  std::optional<Mutu> mutu;         // from score_e2
};

// The index. Elements nobody answered are left out of the sum (a report shows them as
// not answered); weights apply to the answered ones as the regulation states.
IndexResult compute_index(const AnswerCounts& counts, Weight weight);

// The band of a converted score (25..100) in hundredths: D < 65.00 <= C <= 76.60 < B <= 88.30 < A.
Mutu band_for_score(int64_t score_e2);

// Krejcie-Morgan sample size for a population of N service users (X2 = 3.841, P = 0.5,
// d = 0.05), rounded to the nearest whole number by the formula (not the printed table).
int64_t required_sample(int64_t population);

// "91.48" from 9148; "3.6207" from 36207.
std::string format_fixed(int64_t value, int decimals);

}  // namespace harmoni::survey
