#include "survey/ikm.hpp"

#include <boost/multiprecision/cpp_int.hpp>

namespace harmoni::survey {
namespace {

using Rational = boost::multiprecision::cpp_rational;
using BigInt = boost::multiprecision::cpp_int;

// Rounds a non-negative rational half up to an integer.
int64_t round_half_up(const Rational& value) {
  BigInt num = boost::multiprecision::numerator(value);
  BigInt den = boost::multiprecision::denominator(value);
  BigInt rounded = (2 * num + den) / (2 * den);
  return rounded.convert_to<int64_t>();
}

Rational weight_value(Weight w) {
  switch (w) {
    case Weight::k0111:
      return Rational(111, 1000);
    case Weight::k011:
      return Rational(11, 100);
    case Weight::kExact:
      break;
  }
  return Rational(1, kElements);
}

}  // namespace

void AnswerCounts::add(const std::array<int, kElements>& answers) {
  for (int i = 0; i < kElements; ++i) {
    if (answers[i] >= 1 && answers[i] <= kScale) ++counts[i][answers[i] - 1];
  }
  ++respondents;
}

void AnswerCounts::merge(const AnswerCounts& other) {
  for (int i = 0; i < kElements; ++i) {
    for (int a = 0; a < kScale; ++a) counts[i][a] += other.counts[i][a];
  }
  respondents += other.respondents;
}

int64_t AnswerCounts::answered(int element) const {
  int64_t n = 0;
  for (int64_t c : counts[element]) n += c;
  return n;
}

int64_t AnswerCounts::score_sum(int element) const {
  int64_t sum = 0;
  for (int a = 0; a < kScale; ++a) sum += counts[element][a] * (a + 1);
  return sum;
}

std::optional<Weight> parse_weight(std::string_view text) {
  return text.empty() ? Weight::kExact : parse_enum<Weight>(text);
}

std::string_view mutu_letter(Mutu m) {
  switch (m) {
    case Mutu::kA:
      return "A";
    case Mutu::kB:
      return "B";
    case Mutu::kC:
      return "C";
    case Mutu::kD:
      break;
  }
  return "D";
}

std::string_view kinerja_key(Mutu m) {
  switch (m) {
    case Mutu::kA:
      return "ikm.kinerja.sangat_baik";
    case Mutu::kB:
      return "ikm.kinerja.baik";
    case Mutu::kC:
      return "ikm.kinerja.kurang_baik";
    case Mutu::kD:
      break;
  }
  return "ikm.kinerja.tidak_baik";
}

Mutu band_for_score(int64_t score_e2) {
  if (score_e2 >= 8831) return Mutu::kA;
  if (score_e2 >= 7661) return Mutu::kB;
  if (score_e2 >= 6500) return Mutu::kC;
  return Mutu::kD;
}

IndexResult compute_index(const AnswerCounts& counts, Weight weight) {
  IndexResult result;
  result.respondents = counts.respondents;
  result.weight = weight;
  Rational nrr_sum = 0;
  int answered_elements = 0;
  for (int i = 0; i < kElements; ++i) {
    int64_t n = counts.answered(i);
    result.elements[i].answered = n;
    if (n == 0) continue;
    Rational nrr(counts.score_sum(i), n);
    result.elements[i].nrr_e4 = round_half_up(nrr * 10000);
    nrr_sum += nrr;
    ++answered_elements;
  }
  if (answered_elements == 0) return result;
  // With an element nobody answered, the weights of the answered ones are scaled up
  // so the index keeps its 1..4 scale instead of sinking by a ninth.
  Rational index = nrr_sum * weight_value(weight) * Rational(kElements, answered_elements);
  result.index_e4 = round_half_up(index * 10000);
  result.score_e2 = round_half_up(index * 25 * 100);
  result.mutu = band_for_score(*result.score_e2);
  return result;
}

int64_t required_sample(int64_t population) {
  if (population <= 0) return 0;
  // s = 3.841 N 0.25 / (0.0025 (N - 1) + 3.841 * 0.25), multiplied through by 4000.
  BigInt num = BigInt(3841) * population;
  BigInt den = BigInt(10) * (population - 1) + 3841;
  BigInt rounded = (2 * num + den) / (2 * den);
  return rounded.convert_to<int64_t>();
}

std::string format_fixed(int64_t value, int decimals) {
  int64_t scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  std::string sign = value < 0 ? "-" : "";
  int64_t magnitude = value < 0 ? -value : value;
  std::string fraction = std::to_string(magnitude % scale);
  fraction.insert(0, static_cast<size_t>(decimals) - fraction.size(), '0');
  return sign + std::to_string(magnitude / scale) + (decimals > 0 ? "." + fraction : "");
}

}  // namespace harmoni::survey
