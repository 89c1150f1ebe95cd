// The catalogues a 360-degree campaign draws its questions from: the Perekat Bangsa
// competency (5 levels, 15 indicators), the BerAKHLAK values with their behaviours
// (one wording per legal text: "2021" circular, "2023" law), the eight managerial
// competencies, and an instansi's own behavioural indicators. Also the rating scale
// and the kinds of learning each item is developed by. Pure: parses text, no I/O.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.hpp"
#include "platform/util/enum_names.hpp"

namespace harmoni::competency {

// A text in the two languages the product speaks; `in("en")` falls back to Indonesian
// when there is no English.
struct Text {
  std::string id;
  std::string en;
  const std::string& in(std::string_view lang) const {
    return lang == "en" && !en.empty() ? en : id;
  }
};

enum class ItemKind { kBehaviour, kIndicator, kManagerial, kCustom };
inline constexpr EnumName<ItemKind> kItemKindNames[] = {{ItemKind::kBehaviour, "behaviour"},
                                                        {ItemKind::kIndicator, "indicator"},
                                                        {ItemKind::kManagerial, "managerial"},
                                                        {ItemKind::kCustom, "custom"}};
constexpr std::span<const EnumName<ItemKind>> enum_names(ItemKind) { return kItemKindNames; }

// One thing raters score. Codes are stable across versions: "BP.1" (a value's
// behaviour), "PB.2.3" (a Perekat Bangsa indicator), "MK.INT" (managerial),
// "X.<CODE>" (an instansi's own).
struct Item {
  std::string code;
  ItemKind kind = ItemKind::kBehaviour;
  // What the item rolls up to: the value ("HA"), the level ("PB.2"), "MK", or for an
  // instansi's own item the value it belongs to ("" for none: shown as its own group).
  std::string group;
  int level = 0;  // Perekat Bangsa indicators: 1..5
  Text text;
  Text low, high;                     // what a low and a high score look like in practice
  std::vector<std::string> learning;  // learning kind codes that develop it
};

struct Value {
  std::string code;  // "BP", "AK", "KO", "HA", "LO", "AD", "KL"
  Text name;
  Text definition;
};

struct Level {
  int level = 0;
  Text title;
};

// Score labels (0 = cannot judge) and what each score means.
struct Scale {
  int min = 1;
  int max = 5;
  std::vector<int> extreme;  // scores that need an example from the rater
  std::map<int, Text> labels;
  std::map<int, Text> descriptions;
  bool is_extreme(int score) const;
};

inline constexpr std::string_view kValuesVersions[] = {"2021", "2023"};
inline constexpr std::string_view kCustomPrefix = "X.";

// Bands of the seed articles, from a Perekat Bangsa level: 1 dasar, 2-3 menengah,
// 4-5 tinggi; "" below level 1.
std::string_view band_for_level(int level);

class Catalog {
 public:
  // Reads data/competency/catalog.json; every item must have a code, Indonesian text,
  // both anchors and known learning kinds.
  static Result<Catalog> parse(std::string_view json_text);

  const Scale& scale() const { return scale_; }
  const std::vector<Value>& values(std::string_view version) const;
  const std::vector<Level>& levels() const { return levels_; }
  const std::map<std::string, Text, std::less<>>& learning_kinds() const { return learning_kinds_; }
  const std::map<std::string, Text, std::less<>>& bands() const { return bands_; }
  const Text* version_title(std::string_view version) const;
  // Every built-in item in catalogue order (values, Perekat Bangsa, managerial), with
  // the behaviours in the given version's wording.
  std::vector<Item> items(std::string_view version) const;
  std::optional<Item> find(std::string_view code, std::string_view version) const;
  bool has_version(std::string_view version) const;

 private:
  Scale scale_;
  std::map<std::string, std::vector<Value>, std::less<>> values_;  // by version
  std::map<std::string, std::vector<Item>, std::less<>> items_;    // by version
  std::vector<Level> levels_;
  std::map<std::string, Text, std::less<>> learning_kinds_;
  std::map<std::string, Text, std::less<>> bands_;
  std::map<std::string, Text, std::less<>> version_titles_;
};

// An instansi's own behavioural indicator, as entered. Checked against the catalogue:
// a code of 2-24 of A-Z 0-9 - (stored with the "X." prefix), the value it belongs to
// (or none), Indonesian text, both anchors, at least one known learning kind.
struct CustomItemDraft {
  std::string code;
  std::string value_code;
  Text text, low, high;
  std::vector<std::string> learning;
};
Result<Item> custom_item(const Catalog& catalog, CustomItemDraft draft);

}  // namespace harmoni::competency
