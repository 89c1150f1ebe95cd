// Ranking and showing knowledge-base search results. Pure. The index stores, per term and
// article, the term's BM25 weight (its count, title words counting thrice, saturated and
// normalised by the article's length against a fixed pivot, so a weight never changes
// once written); a search multiplies by each term's idf and sums in the application, in
// the same order on both databases, so both give the same scores to the last bit.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "harmony/words.hpp"

namespace harmoni::harmony {

inline constexpr double kBm25K1 = 1.2;
inline constexpr double kBm25B = 0.75;
inline constexpr int kTitleWeight = 3;
// The length BM25 normalises against: about a 1 KB article's terms (the average of a
// growing collection would change every stored weight).
inline constexpr double kBm25Pivot = 150;

// An article's terms with their counts and its length, as the index keeps them.
struct IndexedTerms {
  std::vector<std::pair<std::string, int>> counts;  // sorted by term
  int length = 0;
};
IndexedTerms index_terms(std::string_view title, std::string_view plain_body);

// BM25's inverse document frequency of a term in `df` of `n` articles (never negative).
double bm25_idf(int64_t n, int64_t df);
// A term's weight in an article: tf (k1 + 1) / (tf + k1 (1 - b + b length / pivot)).
double bm25_weight(int tf, int length);

// A piece of a snippet; hits are the words that met a query term.
struct Fragment {
  std::string text;
  bool hit = false;
};
// The window of about `words` terms of the text with the most distinct query terms,
// cut at word boundaries with "…" where it was cut.
std::vector<Fragment> snippet(std::string_view plain, const std::vector<std::string>& terms,
                              size_t words = 30);

}  // namespace harmoni::harmony
