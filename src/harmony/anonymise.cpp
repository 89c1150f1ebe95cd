#include "harmony/anonymise.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <regex>

namespace harmoni::harmony {
namespace {

std::string escape_regex(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::strchr(R"(\^$.|?*+()[]{}-/)", c) != nullptr) out += '\\';
    out += c;
  }
  return out;
}

void replace(std::string& text, const std::string& pattern, const std::string& with,
             bool ignore_case = true) {
  auto flags = std::regex::ECMAScript;
  if (ignore_case) flags |= std::regex::icase;
  text = std::regex_replace(text, std::regex(pattern, flags), with);
}

constexpr std::string_view kMonths =
    "Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Agu|Agt|Sep|Okt|Nov|Des";

// Words of a name worth taking out on their own: three letters or more, not an initial,
// not a title or degree ("S.Sos", "M.Si").
std::vector<std::string> name_parts(const std::string& name) {
  std::vector<std::string> out;
  std::string word;
  auto flush = [&] {
    const bool letters = word.size() >= 3 && std::all_of(word.begin(), word.end(), [](char c) {
                           return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '\'';
                         });
    if (letters) out.push_back(word);
    word.clear();
  };
  for (char c : name) {
    if (c == ' ' || c == ',') {
      flush();
    } else {
      word += c;
    }
  }
  flush();
  return out;
}

// Longest first, so a whole name goes before its parts.
void replace_each(std::string& text, std::vector<std::string> words, const std::string& with) {
  std::sort(words.begin(), words.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  words.erase(std::unique(words.begin(), words.end()), words.end());
  for (const std::string& w : words)
    if (!w.empty()) replace(text, "\\b" + escape_regex(w) + "\\b", with);
}

}  // namespace

std::string anonymise(std::string_view input, const Identifiers& ids) {
  std::string text(input);
  replace(text, R"([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})", "[surel]");
  // NIP: 18 digits, often written 8 6 1 3.
  replace(text, R"(\b\d{8}[ .]?\d{6}[ .]?\d[ .]?\d{3}\b)", "[NIP]");
  replace(text, R"((\+62|\b0)8[\d -]{7,14}\d)", "[nomor]");
  replace(text, R"(\b\d{9,}\b)", "[nomor]");
  const std::string months(kMonths);
  replace(text, R"(\b\d{4}-\d{2}-\d{2}\b)", "[tanggal]");
  replace(text, R"(\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b)", "[tanggal]");
  replace(text, "\\b\\d{1,2}\\s+(" + months + ")\\.?(\\s+\\d{4})?\\b", "[tanggal]");
  replace(text, "\\b(" + months + ")\\s+\\d{4}\\b", "[tanggal]");

  std::vector<std::string> names = ids.names;
  for (const std::string& n : ids.names)
    for (std::string& part : name_parts(n)) names.push_back(std::move(part));
  replace_each(text, names, "[nama]");
  std::vector<std::string> places = ids.places;
  for (const std::string& p : ids.places) {
    // "Kota Pontianak" is also written "Pontianak".
    for (std::string_view prefix : {"Kabupaten ", "Kota ", "Provinsi "})
      if (p.starts_with(prefix) && p.size() > prefix.size() + 2)
        places.push_back(p.substr(prefix.size()));
  }
  replace_each(text, places, "[tempat]");

  // Whom and where a text names on its own: a capitalised word after an honorific or a
  // kind of place (matched with case, so "ibu kota" stays).
  replace(
      text,
      R"(\b(Pak|Bu|Bapak|Ibu|Sdr\.?|Sdri\.?|Saudara|Saudari|Mas|Mbak)\s+([A-Z][a-z'A-Z]+)(\s+[A-Z][a-z'A-Z]+)*)",
      "$1 [nama]", false);
  replace(
      text,
      R"(\b(Jalan|Jl\.|Gang|Desa|Kelurahan|Kecamatan|Dusun|Kampung|RT|RW)\s+([A-Z0-9][\w.']*)(\s+[A-Z0-9][\w.']*)*)",
      "[tempat]", false);
  return text;
}

}  // namespace harmoni::harmony
