// Reading stored or shipped JSON without exceptions: a missing member or one of the
// wrong type reads as empty (or the fallback), never throws. Callers check what they
// require. References point into the document (or a static null), so loops over them
// never outlive a temporary.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace harmoni::json_read {

inline const nlohmann::json& at(const nlohmann::json& j, const char* key) {
  static const nlohmann::json kNull;
  if (!j.is_object()) return kNull;
  auto it = j.find(key);
  return it == j.end() ? kNull : *it;
}

inline std::string str(const nlohmann::json& j, const char* key) {
  const nlohmann::json& v = at(j, key);
  return v.is_string() ? v.get<std::string>() : std::string();
}

inline int integer(const nlohmann::json& j, const char* key, int fallback) {
  const nlohmann::json& v = at(j, key);
  return v.is_number_integer() ? v.get<int>() : fallback;
}

inline bool boolean(const nlohmann::json& j, const char* key, bool fallback) {
  const nlohmann::json& v = at(j, key);
  return v.is_boolean() ? v.get<bool>() : fallback;
}

// The strings of an array member; other elements are skipped.
inline std::vector<std::string> strings(const nlohmann::json& j, const char* key) {
  std::vector<std::string> out;
  for (const auto& v : at(j, key)) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

}  // namespace harmoni::json_read
