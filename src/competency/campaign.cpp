#include "competency/campaign.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "platform/util/date.hpp"
#include "platform/util/json_read.hpp"

namespace harmoni::competency {
namespace {

using nlohmann::json;

constexpr size_t kMaxItems = 200;

json text_json(const Text& t) { return {{"id", t.id}, {"en", t.en}}; }
using json_read::at;
using json_read::integer;
using json_read::str;

Text text_from(const json& j) { return Text{str(j, "id"), str(j, "en")}; }

const Item* find_in(const std::vector<Item>& items, std::string_view code) {
  for (const auto& i : items) {
    if (i.code == code) return &i;
  }
  return nullptr;
}

}  // namespace

const Item* Instrument::find(std::string_view code) const { return find_in(items, code); }

Status validate(const CampaignSettings& s, const Catalog& catalog,
                const std::vector<Item>& custom_items) {
  std::vector<FieldError> errors;
  if (s.name.empty()) errors.push_back({"name", "input.required", {}});
  auto start = parse_date(s.starts_on), deadline = parse_date(s.deadline);
  if (!start) errors.push_back({"starts_on", "competency.date_invalid", {}});
  if (!deadline) {
    errors.push_back({"deadline", "competency.date_invalid", {}});
  } else if (start && *deadline < *start) {
    errors.push_back({"deadline", "competency.deadline_before_start", {{"date", s.starts_on}}});
  }
  if (!catalog.has_version(s.values_version))
    errors.push_back({"values_version", "competency.version_unknown", {}});
  if (s.item_codes.empty()) {
    errors.push_back({"items", "competency.items_required", {}});
  } else if (s.item_codes.size() > kMaxItems) {
    errors.push_back({"items", "competency.items_too_many", {{"max", std::to_string(kMaxItems)}}});
  } else {
    std::set<std::string_view> seen;
    for (const auto& code : s.item_codes) {
      bool known = catalog.find(code, s.values_version).has_value() ||
                   find_in(custom_items, code) != nullptr;
      if (!known || !seen.insert(code).second) {
        errors.push_back({"items",
                          known ? "competency.item_twice" : "competency.item_unknown",
                          {{"code", code}}});
        break;
      }
    }
  }
  int sum = 0;
  bool weights_ok = true;
  for (RaterGroup g : enum_values<RaterGroup>()) {
    int w = s.weights[group_index(g)];
    if (w < 0 || w > 100 || (!s.groups[group_index(g)] && w != 0) ||
        (s.groups[group_index(g)] && w == 0))
      weights_ok = false;
    sum += w;
  }
  if (!weights_ok || sum != 100)
    errors.push_back({"weights", "competency.weights_sum", {{"sum", std::to_string(sum)}}});
  if (!s.groups[group_index(RaterGroup::kSuperior)] && !s.groups[group_index(RaterGroup::kPeer)] &&
      !s.groups[group_index(RaterGroup::kSubordinate)]) {
    errors.push_back({"groups", "competency.groups_others_required", {}});
  }
  if (s.min_group_size < 3 || s.min_group_size > 20) {
    errors.push_back({"min_group_size", "input.out_of_range", {{"min", "3"}, {"max", "20"}}});
  }
  if (s.max_peers < 0 || s.max_peers > 10)
    errors.push_back({"max_peers", "input.out_of_range", {{"min", "0"}, {"max", "10"}}});
  if (s.max_subordinates < 0 || s.max_subordinates > 10) {
    errors.push_back({"max_subordinates", "input.out_of_range", {{"min", "0"}, {"max", "10"}}});
  }
  const LevelRule& r = s.level_rule;
  if (r.min_score < catalog.scale().min || r.min_score > catalog.scale().max ||
      r.agree_percent < 1 || r.agree_percent > 100 || r.indicators_needed < 1 ||
      r.indicators_needed > 3) {
    errors.push_back({"level_rule", "competency.level_rule_invalid", {}});
  }
  if (s.blind_spot_tenths < 1 ||
      s.blind_spot_tenths > (catalog.scale().max - catalog.scale().min) * 10) {
    errors.push_back({"blind_spot", "input.out_of_range", {}});
  }
  if (!errors.empty()) return Error::fields_invalid(std::move(errors));
  return {};
}

Instrument build_instrument(const CampaignSettings& s, const Catalog& catalog,
                            const std::vector<Item>& custom_items) {
  Instrument out;
  for (const auto& code : s.item_codes) {
    if (auto item = catalog.find(code, s.values_version)) {
      out.items.push_back(std::move(*item));
    } else if (const Item* own = find_in(custom_items, code)) {
      out.items.push_back(*own);
    }
  }
  return out;
}

json settings_object(const CampaignSettings& s) {
  json groups = json::array(), weights = json::object();
  for (RaterGroup g : enum_values<RaterGroup>()) {
    if (s.groups[group_index(g)]) groups.push_back(enum_name(g));
    weights[std::string(enum_name(g))] = s.weights[group_index(g)];
  }
  return json{{"groups", groups},
              {"weights", weights},
              {"min_group_size", s.min_group_size},
              {"max_peers", s.max_peers},
              {"max_subordinates", s.max_subordinates},
              {"level_rule",
               {{"min_score", s.level_rule.min_score},
                {"agree_percent", s.level_rule.agree_percent},
                {"indicators_needed", s.level_rule.indicators_needed}}},
              {"blind_spot_tenths", s.blind_spot_tenths},
              {"items", s.item_codes}};
}

std::string settings_json(const CampaignSettings& s) { return settings_object(s).dump(); }

Status read_settings_json(std::string_view text, CampaignSettings& s) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Error::internal("campaign settings are not JSON");
  const std::vector<std::string> groups = json_read::strings(j, "groups");
  for (RaterGroup g : enum_values<RaterGroup>()) {
    const std::string name(enum_name(g));
    s.groups[group_index(g)] = std::find(groups.begin(), groups.end(), name) != groups.end();
    s.weights[group_index(g)] = integer(at(j, "weights"), name.c_str(), 0);
  }
  s.min_group_size = integer(j, "min_group_size", 3);
  s.max_peers = integer(j, "max_peers", 3);
  s.max_subordinates = integer(j, "max_subordinates", 3);
  const json& r = at(j, "level_rule");
  s.level_rule = LevelRule{integer(r, "min_score", 3), integer(r, "agree_percent", 67),
                           integer(r, "indicators_needed", 2)};
  s.blind_spot_tenths = integer(j, "blind_spot_tenths", 10);
  s.item_codes = json_read::strings(j, "items");
  return {};
}

json item_json(const Item& i) {
  return {{"code", i.code},
          {"kind", enum_name(i.kind)},
          {"group", i.group},
          {"level", i.level},
          {"text", text_json(i.text)},
          {"low", text_json(i.low)},
          {"high", text_json(i.high)},
          {"learning", i.learning}};
}

std::string instrument_json(const Instrument& instrument) {
  json items = json::array();
  for (const auto& i : instrument.items) items.push_back(item_json(i));
  return items.dump();
}

Result<Instrument> parse_instrument(std::string_view text) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_array())
    return Error::internal("campaign instrument is not a JSON array");
  Instrument out;
  for (const auto& i : j) {
    Item item{.code = str(i, "code"),
              .kind = parse_enum<ItemKind>(str(i, "kind")).value_or(ItemKind::kCustom),
              .group = str(i, "group"),
              .level = integer(i, "level", 0)};
    if (item.code.empty()) return Error::internal("campaign instrument item without a code");
    item.text = text_from(at(i, "text"));
    item.low = text_from(at(i, "low"));
    item.high = text_from(at(i, "high"));
    item.learning = json_read::strings(i, "learning");
    out.items.push_back(std::move(item));
  }
  return out;
}

}  // namespace harmoni::competency
