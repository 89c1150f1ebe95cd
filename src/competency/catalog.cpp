#include "competency/catalog.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "platform/util/json_read.hpp"

namespace harmoni::competency {
namespace {

using nlohmann::json;

// Parsing errors are the shipped file's or a bug's, never a user's: internal errors
// that say where.
Error bad(const std::string& where) { return Error::internal("competency catalogue: " + where); }

using json_read::at;
using json_read::str;

int num(const json& j, const char* key, int fallback) {
  return json_read::integer(j, key, fallback);
}

Result<Text> text_of(const json& j, const std::string& where) {
  if (!j.is_object() || !j.contains("id") || !j["id"].is_string() ||
      j["id"].get<std::string>().empty()) {
    return bad(where + " needs Indonesian text");
  }
  Text t{j["id"].get<std::string>(), str(j, "en")};
  return t;
}

Result<std::vector<std::string>> learning_of(const json& j,
                                             const std::map<std::string, Text, std::less<>>& kinds,
                                             const std::string& where) {
  if (!j.is_array() || j.empty()) return bad(where + " needs learning kinds");
  std::vector<std::string> out;
  for (const auto& k : j) {
    if (!k.is_string() || !kinds.contains(k.get<std::string>()))
      return bad(where + " has an unknown learning kind");
    out.push_back(k.get<std::string>());
  }
  return out;
}

bool valid_custom_code(std::string_view code) {
  if (code.size() < 2 || code.size() > 24) return false;
  return std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  });
}

}  // namespace

bool Scale::is_extreme(int score) const {
  return std::find(extreme.begin(), extreme.end(), score) != extreme.end();
}

std::string_view band_for_level(int level) {
  if (level >= 4) return "tinggi";
  if (level >= 2) return "menengah";
  if (level == 1) return "dasar";
  return "";
}

Result<Catalog> Catalog::parse(std::string_view json_text) {
  json d = json::parse(json_text, nullptr, false);
  if (d.is_discarded() || !d.is_object()) return bad("not a JSON object");
  Catalog c;

  const json& scale = at(d, "scale");
  c.scale_.min = num(scale, "min", 0);
  c.scale_.max = num(scale, "max", 0);
  if (c.scale_.min != 1 || c.scale_.max < 3 || c.scale_.max > 10)
    return bad("scale must run from 1 to 3..10");
  for (const auto& e : at(scale, "extreme")) {
    if (!e.is_number_integer()) return bad("extreme scores");
    c.scale_.extreme.push_back(e.get<int>());
  }
  for (int s = 0; s <= c.scale_.max; ++s) {
    const std::string key = std::to_string(s);
    const json& labels = at(scale, "labels");
    Text label{str(at(labels, "id"), key.c_str()), str(at(labels, "en"), key.c_str())};
    if (label.id.empty()) return bad("scale label " + key);
    c.scale_.labels[s] = label;
    if (s == 0) continue;
    const json& desc = at(scale, "descriptions");
    c.scale_.descriptions[s] = TRY(text_of(
        json{{"id", at(at(desc, "id"), key.c_str())}, {"en", at(at(desc, "en"), key.c_str())}},
        "scale description " + key));
  }

  for (const auto& [code, t] : at(d, "learning_kinds").items()) {
    c.learning_kinds_[code] = TRY(text_of(t, "learning kind " + code));
  }
  if (c.learning_kinds_.empty()) return bad("no learning kinds");

  auto anchored = [&](const json& j, Item item) -> Result<Item> {
    item.low = TRY(text_of(at(j, "low"), item.code + " low anchor"));
    item.high = TRY(text_of(at(j, "high"), item.code + " high anchor"));
    item.learning = TRY(learning_of(at(j, "learning"), c.learning_kinds_, item.code));
    return item;
  };

  // Perekat Bangsa: the same in every version.
  const json& pb = at(d, "perekat_bangsa");
  for (const auto& [band, b] : at(pb, "bands").items())
    c.bands_[band] = TRY(text_of(b, "band " + band));
  std::vector<Item> pb_items;
  for (const auto& l : at(pb, "levels")) {
    Text title = TRY(text_of(l, "a level"));
    Level level{num(l, "level", 0), std::move(title)};
    if (level.level != static_cast<int>(c.levels_.size()) + 1)
      return bad("levels must run 1..5 in order");
    const json& indicators = at(l, "indicators");
    if (indicators.size() != 3)
      return bad("level " + std::to_string(level.level) + " needs three indicators");
    int n = 0;
    for (const auto& ind : indicators) {
      Item item{.code = str(ind, "code"),
                .kind = ItemKind::kIndicator,
                .group = "PB." + std::to_string(level.level),
                .level = level.level};
      if (item.code != "PB." + std::to_string(level.level) + "." + std::to_string(++n))
        return bad("indicator code " + item.code);
      item.text = TRY(text_of(ind, item.code));
      pb_items.push_back(TRY(anchored(ind, std::move(item))));
    }
    c.levels_.push_back(std::move(level));
  }
  if (c.levels_.size() != 5) return bad("Perekat Bangsa needs five levels");

  std::vector<Item> managerial;
  for (const auto& m : at(d, "managerial")) {
    Item item{.code = str(m, "code"), .kind = ItemKind::kManagerial, .group = "MK"};
    if (!item.code.starts_with("MK.")) return bad("managerial code " + item.code);
    item.text = TRY(text_of(m, item.code));
    managerial.push_back(TRY(anchored(m, std::move(item))));
  }

  const json& values = at(d, "values");
  for (const auto& [version, title] : at(values, "versions").items()) {
    c.version_titles_[version] = TRY(text_of(title, "version " + version));
  }
  for (std::string_view version : kValuesVersions) {
    const std::string v(version);
    if (!c.version_titles_.contains(v)) return bad("values version " + v + " missing");
    std::vector<Value>& list = c.values_[v];
    std::vector<Item>& items = c.items_[v];
    for (const auto& val : at(values, "items")) {
      Text name = TRY(text_of(val, "a value"));
      Text definition = TRY(text_of(at(at(val, "definition"), v.c_str()), "definition " + v));
      Value value{str(val, "code"), std::move(name), std::move(definition)};
      const json& behaviours = at(val, "behaviours");
      if (value.code.size() != 2 || behaviours.size() != 3)
        return bad("value " + value.code + " needs three behaviours");
      int n = 0;
      for (const auto& b : behaviours) {
        Item item{.code = str(b, "code"), .kind = ItemKind::kBehaviour, .group = value.code};
        if (item.code != value.code + "." + std::to_string(++n))
          return bad("behaviour code " + item.code);
        item.text = TRY(text_of(at(b, v.c_str()), item.code + " " + v));
        items.push_back(TRY(anchored(b, std::move(item))));
      }
      list.push_back(std::move(value));
    }
    if (list.size() != 7) return bad("BerAKHLAK has seven values");
    items.insert(items.end(), pb_items.begin(), pb_items.end());
    items.insert(items.end(), managerial.begin(), managerial.end());
  }
  return c;
}

const std::vector<Value>& Catalog::values(std::string_view version) const {
  static const std::vector<Value> kNone;
  auto it = values_.find(version);
  return it == values_.end() ? kNone : it->second;
}

const Text* Catalog::version_title(std::string_view version) const {
  auto it = version_titles_.find(version);
  return it == version_titles_.end() ? nullptr : &it->second;
}

bool Catalog::has_version(std::string_view version) const { return items_.contains(version); }

std::vector<Item> Catalog::items(std::string_view version) const {
  auto it = items_.find(version);
  return it == items_.end() ? std::vector<Item>{} : it->second;
}

std::optional<Item> Catalog::find(std::string_view code, std::string_view version) const {
  auto it = items_.find(version);
  if (it == items_.end()) return std::nullopt;
  for (const auto& item : it->second) {
    if (item.code == code) return item;
  }
  return std::nullopt;
}

Result<Item> custom_item(const Catalog& catalog, CustomItemDraft d) {
  std::vector<FieldError> errors;
  if (!valid_custom_code(d.code)) errors.push_back({"code", "competency.custom_code_invalid", {}});
  bool known_value = d.value_code.empty();
  for (const auto& v : catalog.values(kValuesVersions[0]))
    known_value = known_value || v.code == d.value_code;
  if (!known_value) errors.push_back({"value", "competency.value_unknown", {}});
  if (d.text.id.empty()) errors.push_back({"text_id", "input.required", {}});
  if (d.low.id.empty()) errors.push_back({"low_id", "input.required", {}});
  if (d.high.id.empty()) errors.push_back({"high_id", "input.required", {}});
  if (d.learning.empty()) errors.push_back({"learning", "competency.learning_required", {}});
  for (const auto& k : d.learning) {
    if (!catalog.learning_kinds().contains(k)) {
      errors.push_back({"learning", "competency.learning_unknown", {}});
      break;
    }
  }
  if (!errors.empty()) return Error::fields_invalid(std::move(errors));
  Item item{.code = std::string(kCustomPrefix) + d.code,
            .kind = ItemKind::kCustom,
            .group = d.value_code};
  item.text = std::move(d.text);
  item.low = std::move(d.low);
  item.high = std::move(d.high);
  item.learning = std::move(d.learning);
  return item;
}

}  // namespace harmoni::competency
