#include "harmony/search.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace harmoni::harmony {

IndexedTerms index_terms(std::string_view title, std::string_view plain_body) {
  std::map<std::string, int> counts;
  int length = 0;
  for (const Token& t : tokenize(title)) {
    counts[t.term] += kTitleWeight;
    length += kTitleWeight;
  }
  for (const Token& t : tokenize(plain_body)) {
    ++counts[t.term];
    ++length;
  }
  return {{counts.begin(), counts.end()}, length};
}

double bm25_idf(int64_t n, int64_t df) {
  return std::log(1.0 + (static_cast<double>(n - df) + 0.5) / (static_cast<double>(df) + 0.5));
}

double bm25_weight(int tf, int length) {
  const double t = static_cast<double>(tf);
  return t * (kBm25K1 + 1) /
         (t + kBm25K1 * (1 - kBm25B + kBm25B * static_cast<double>(length) / kBm25Pivot));
}

std::vector<Fragment> snippet(std::string_view plain, const std::vector<std::string>& terms,
                              size_t words) {
  const std::vector<Token> tokens = tokenize(plain);
  if (tokens.empty()) return {{std::string(plain.substr(0, 200)), false}};
  auto is_hit = [&](const Token& t) {
    return std::find(terms.begin(), terms.end(), t.term) != terms.end();
  };
  // The window with the most distinct terms met, the earliest among equals.
  size_t best = 0, best_score = 0;
  for (size_t start = 0; start < tokens.size(); ++start) {
    if (!is_hit(tokens[start])) continue;
    std::set<std::string> met;
    for (size_t i = start; i < std::min(tokens.size(), start + words); ++i)
      if (is_hit(tokens[i])) met.insert(tokens[i].term);
    if (met.size() > best_score) {
      best_score = met.size();
      // Start a few words before the first hit, for context.
      best = start >= 3 ? start - 3 : 0;
    }
  }
  const size_t last = std::min(tokens.size(), best + words) - 1;
  const size_t from = best == 0 ? 0 : tokens[best].begin;
  size_t to = last + 1 == tokens.size() ? plain.size() : tokens[last].end;
  std::vector<Fragment> out;
  auto add = [&](std::string_view text, bool hit) {
    if (text.empty()) return;
    if (!out.empty() && out.back().hit == hit) {
      out.back().text += text;
    } else {
      out.push_back({std::string(text), hit});
    }
  };
  if (from > 0) add("…", false);
  size_t at = from;
  for (size_t i = best; i <= last; ++i) {
    if (!is_hit(tokens[i])) continue;
    add(plain.substr(at, tokens[i].begin - at), false);
    add(plain.substr(tokens[i].begin, tokens[i].end - tokens[i].begin), true);
    at = tokens[i].end;
  }
  add(plain.substr(at, to - at), false);
  if (to < plain.size()) add(" …", false);
  for (Fragment& f : out)
    if (!f.hit) std::replace(f.text.begin(), f.text.end(), '\n', ' ');
  return out;
}

}  // namespace harmoni::harmony
