#include "platform/i18n/i18n.hpp"

#include <nlohmann/json.hpp>

#include "platform/embedded.hpp"

namespace harmoni::i18n {

Result<Catalogs> Catalogs::load_embedded() {
  std::map<std::string, std::map<std::string, std::string>> maps;
  constexpr std::string_view kPrefix = "assets/i18n/";
  for (const auto& file : embedded_files()) {
    if (!file.path.starts_with(kPrefix) || !file.path.ends_with(".json")) continue;
    std::string lang(file.path.substr(kPrefix.size(), file.path.size() - kPrefix.size() - 5));
    auto parsed = nlohmann::json::parse(file.data, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) {
      return Error::internal("message catalog is not a JSON object: " + std::string(file.path));
    }
    auto& messages = maps[lang];
    for (auto& [key, value] : parsed.items()) {
      if (!value.is_string()) return Error::internal("catalog value not a string: " + key);
      messages[key] = value.get<std::string>();
    }
  }
  if (!maps.contains(std::string(kDefaultLang))) {
    return Error::internal("the Indonesian catalog assets/i18n/id.json is missing");
  }
  return from_maps(std::move(maps));
}

Catalogs Catalogs::from_maps(std::map<std::string, std::map<std::string, std::string>> maps) {
  Catalogs c;
  for (auto& [lang, messages] : maps) c.catalogs_.emplace(lang, std::move(messages));
  return c;
}

std::string format_message(std::string_view text, const MessageArgs& args) {
  if (args.empty() || text.find('{') == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size() + 16);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{') {
      size_t close = text.find('}', i + 1);
      if (close != std::string_view::npos) {
        auto it = args.find(std::string(text.substr(i + 1, close - i - 1)));
        if (it != args.end()) {
          out += it->second;
          i = close;
          continue;
        }
      }
    }
    out += text[i];
  }
  return out;
}

std::string Catalogs::text(std::string_view lang, std::string_view key,
                           const MessageArgs& args) const {
  for (std::string_view l : {lang, kDefaultLang}) {
    auto cat = catalogs_.find(l);
    if (cat == catalogs_.end()) continue;
    auto it = cat->second.find(std::string(key));
    if (it != cat->second.end()) return format_message(it->second, args);
  }
  return std::string(key);
}

bool Catalogs::has(std::string_view lang, std::string_view key) const {
  auto cat = catalogs_.find(lang);
  return cat != catalogs_.end() && cat->second.contains(std::string(key));
}

std::vector<std::string> Catalogs::languages() const {
  std::vector<std::string> out;
  for (const auto& [lang, _] : catalogs_) out.push_back(lang);
  return out;
}

const std::map<std::string, std::string>& Catalogs::messages(std::string_view lang) const {
  auto cat = catalogs_.find(lang);
  if (cat == catalogs_.end()) cat = catalogs_.find(kDefaultLang);
  return cat->second;
}

bool Catalogs::supports(std::string_view lang) const { return catalogs_.contains(lang); }

std::string Catalogs::negotiate(std::string_view accept_language) const {
  // Take the first listed language we have; quality values are rarely used by browsers
  // in a way that changes the first choice.
  while (!accept_language.empty()) {
    size_t comma = accept_language.find(',');
    std::string_view item = accept_language.substr(0, comma);
    accept_language =
        comma == std::string_view::npos ? std::string_view{} : accept_language.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    std::string_view tag = item.substr(0, item.find_first_of(";-_ "));
    std::string lower;
    for (char c : tag) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "in") lower = "id";  // the old ISO code for Indonesian
    if (supports(lower)) return lower;
  }
  return std::string(kDefaultLang);
}

}  // namespace harmoni::i18n
