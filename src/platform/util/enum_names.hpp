// One table of {value, "name"} per enum feeds both directions (to text for storage,
// pages and the API; from text when reading them back).
//
// Declare the table beside the enum, in its namespace, and a function that finds it
// (by argument-dependent lookup):
//   inline constexpr EnumName<Step> kStepNames[] = {{Step::kRecall, "recall"}, ...};
//   constexpr std::span<const EnumName<Step>> enum_names(Step) { return kStepNames; }
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace harmoni {

template <class E>
struct EnumName {
  E value;
  std::string_view name;
};

// The value's name; "" for a value missing from its table (a bug the tests catch).
template <class E>
constexpr std::string_view enum_name(E value) {
  for (const auto& entry : enum_names(E{})) {
    if (entry.value == value) return entry.name;
  }
  return {};
}

template <class E>
constexpr std::optional<E> parse_enum(std::string_view name) {
  for (const auto& entry : enum_names(E{})) {
    if (entry.name == name) return entry.value;
  }
  return std::nullopt;
}

// Every value's name in table order (the choices a form or API accepts).
template <class E>
std::vector<std::string> enum_name_list() {
  std::vector<std::string> out;
  for (const auto& entry : enum_names(E{})) out.emplace_back(entry.name);
  return out;
}

// Every value in table order.
template <class E>
std::vector<E> enum_values() {
  std::vector<E> out;
  for (const auto& entry : enum_names(E{})) out.push_back(entry.value);
  return out;
}

}  // namespace harmoni
