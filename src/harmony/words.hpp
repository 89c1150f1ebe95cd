// Indonesian words as search terms: the same analysis for the index and for a query, on
// every database (Harmoni stems in the application, so SQLite and PostgreSQL hold the
// same terms; docs/architecture.md says why). Pure.
//
// A word is lower-cased; function words (data/kb/stopwords.txt) are dropped; its stem
// comes from Snowball's Indonesian stemmer (libstemmer, Tala's rules: particles -lah
// -kah -tah -pun, possessives -ku -mu -nya, prefixes me- di- ter- ke- pe- ber- per-,
// suffixes -kan -an -i) corrected by a table (data/kb/stems.tsv) where the rules cut a
// base word (diskriminasi, mediasi, pegawai); a reduplicated word (anak-anak,
// berbeda-beda) is each of its parts once.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace harmoni::harmony {

// The stem of one word (lower case, no hyphen); a stop word gives "".
std::string stem_word(std::string_view word);

// A term found in a text, with the bytes of the word it came from (for highlighting).
struct Token {
  std::string term;
  size_t begin = 0;
  size_t end = 0;
};
// The terms of a text in order; bytes outside ASCII letters and digits separate words,
// except a hyphen between two letters (a reduplication or compound).
std::vector<Token> tokenize(std::string_view text);
// The terms alone, each once, in first-seen order (a query).
std::vector<std::string> distinct_terms(std::string_view text);

}  // namespace harmoni::harmony
