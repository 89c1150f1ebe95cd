// Ranking and showing knowledge-base search results. Pure: the index stores, per term
// and article, how often the term occurs (title words count thrice) and the article's
// length; the store sums Okapi BM25 from them in SQL the same way on both databases, and
// this file holds its constants and builds the highlighted snippet.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "harmony/words.hpp"

namespace harmoni::harmony {

inline constexpr double kBm25K1 = 1.2;
inline constexpr double kBm25B = 0.75;
inline constexpr int kTitleWeight = 3;

// An article's terms with their counts and its length, as the index keeps them.
struct IndexedTerms {
  std::vector<std::pair<std::string, int>> counts;  // sorted by term
  int length = 0;
};
IndexedTerms index_terms(std::string_view title, std::string_view plain_body);

// BM25's inverse document frequency of a term in `df` of `n` articles (never negative).
double bm25_idf(int64_t n, int64_t df);

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
