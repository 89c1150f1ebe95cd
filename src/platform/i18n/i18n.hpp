// Message catalogs: assets/i18n/<lang>.json, flat keys ("nav.home") to text with
// {name} placeholders. Bahasa Indonesia ("id") is the default and the fallback.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.hpp"

namespace harmoni::i18n {

inline constexpr std::string_view kDefaultLang = "id";

class Catalogs {
 public:
  // Loads every catalog embedded under assets/i18n/.
  static Result<Catalogs> load_embedded();
  static Catalogs from_maps(std::map<std::string, std::map<std::string, std::string>> maps);

  // The text for key in lang (falling back to Indonesian, then to the key itself),
  // with {name} replaced from args.
  std::string text(std::string_view lang, std::string_view key, const MessageArgs& args = {}) const;
  bool has(std::string_view lang, std::string_view key) const;
  std::vector<std::string> languages() const;
  const std::map<std::string, std::string>& messages(std::string_view lang) const;
  // The supported language that best matches an Accept-Language header; "id" if none.
  std::string negotiate(std::string_view accept_language) const;
  bool supports(std::string_view lang) const;

 private:
  std::map<std::string, std::map<std::string, std::string>, std::less<>> catalogs_;
};

// Replaces {name} in text with args[name]; unknown names stay as they are.
std::string format_message(std::string_view text, const MessageArgs& args);

}  // namespace harmoni::i18n
