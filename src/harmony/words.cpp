#include "harmony/words.hpp"

#include <libstemmer.h>

#include <algorithm>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "platform/embedded.hpp"

namespace harmoni::harmony {
namespace {

// Lines of a data file that are neither empty nor comments.
std::vector<std::string_view> data_lines(std::string_view path) {
  std::vector<std::string_view> out;
  std::string_view text = embedded_file(path).value_or("");
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (!line.empty() && line.front() != '#') out.push_back(line);
  }
  return out;
}

const std::unordered_set<std::string_view>& stop_words() {
  static const std::unordered_set<std::string_view> kWords = [] {
    auto lines = data_lines("data/kb/stopwords.txt");
    return std::unordered_set<std::string_view>(lines.begin(), lines.end());
  }();
  return kWords;
}

const std::unordered_map<std::string_view, std::string_view>& corrections() {
  static const std::unordered_map<std::string_view, std::string_view> kTable = [] {
    std::unordered_map<std::string_view, std::string_view> table;
    for (std::string_view line : data_lines("data/kb/stems.tsv")) {
      const size_t tab = line.find('\t');
      if (tab != std::string_view::npos) table.emplace(line.substr(0, tab), line.substr(tab + 1));
    }
    return table;
  }();
  return kTable;
}

struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};

// A Snowball stemmer keeps state while it works: one per thread.
std::string snowball(std::string_view word) {
  thread_local std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer(
      sb_stemmer_new("indonesian", "UTF_8"));
  if (!stemmer) return std::string(word);
  const sb_symbol* out =
      sb_stemmer_stem(stemmer.get(), reinterpret_cast<const sb_symbol*>(word.data()),
                      static_cast<int>(word.size()));
  if (!out) return std::string(word);
  return std::string(reinterpret_cast<const char*>(out),
                     static_cast<size_t>(sb_stemmer_length(stemmer.get())));
}

bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool is_letter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace

std::string stem_word(std::string_view word) {
  if (stop_words().contains(word)) return "";
  const auto& table = corrections();
  if (auto it = table.find(word); it != table.end()) return std::string(it->second);
  // Short words and numbers are their own stems (the rules would strip "di" of "dia").
  if (word.size() <= 3 || !is_letter(static_cast<unsigned char>(word.front())))
    return std::string(word);
  std::string stem = snowball(word);
  if (auto it = table.find(stem); it != table.end()) return std::string(it->second);
  return stem;
}

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < text.size()) {
    if (!is_word_byte(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    // One word: letters and digits; a hyphen continues it when letters stand on both sides.
    std::string previous;
    while (i < text.size()) {
      size_t part_begin = i;
      std::string part;
      while (i < text.size() && is_word_byte(static_cast<unsigned char>(text[i]))) {
        part += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
        ++i;
      }
      std::string term = stem_word(part);
      if (!term.empty() && term != previous) {
        out.push_back({term, part_begin, i});
        previous = term;
      }
      if (i + 1 < text.size() && text[i] == '-' &&
          is_letter(static_cast<unsigned char>(text[i - 1])) &&
          is_letter(static_cast<unsigned char>(text[i + 1]))) {
        ++i;
        continue;
      }
      break;
    }
  }
  return out;
}

std::vector<std::string> distinct_terms(std::string_view text) {
  std::vector<std::string> out;
  for (Token& t : tokenize(text))
    if (std::find(out.begin(), out.end(), t.term) == out.end()) out.push_back(std::move(t.term));
  return out;
}

}  // namespace harmoni::harmony
