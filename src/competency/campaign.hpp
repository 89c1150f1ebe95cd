// A 360-degree campaign: who is assessed (scope), when, on which items (the
// instrument, frozen when the campaign is made so results keep their wording), by
// which rater groups with which weights, and the rules that turn ratings into results.
// Pure domain: no I/O.
#pragma once

#include <array>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "competency/catalog.hpp"
#include "platform/result.hpp"
#include "platform/util/enum_names.hpp"

namespace harmoni::competency {

enum class RaterGroup { kSelf, kSuperior, kPeer, kSubordinate };
inline constexpr EnumName<RaterGroup> kRaterGroupNames[] = {
    {RaterGroup::kSelf, "self"},
    {RaterGroup::kSuperior, "superior"},
    {RaterGroup::kPeer, "peer"},
    {RaterGroup::kSubordinate, "subordinate"}};
constexpr std::span<const EnumName<RaterGroup>> enum_names(RaterGroup) { return kRaterGroupNames; }
inline size_t group_index(RaterGroup g) { return static_cast<size_t>(g); }
// Peers and subordinates are anonymous: their scores are shown only as averages of
// groups of at least min_group_size. Self and superior are known by definition.
inline bool is_anonymous(RaterGroup g) {
  return g == RaterGroup::kPeer || g == RaterGroup::kSubordinate;
}

// When a Perekat Bangsa level counts as demonstrated (documented in docs/competency.md):
// an indicator is demonstrated when at least agree_percent of the raters other than
// the person who judged it gave at least min_score; a level counts when at least
// indicators_needed of its three indicators are demonstrated and every lower level
// counts too.
struct LevelRule {
  int min_score = 3;
  int agree_percent = 67;
  int indicators_needed = 2;
};

enum class CampaignStatus { kDraft, kOpen, kClosed };
inline constexpr EnumName<CampaignStatus> kCampaignStatusNames[] = {
    {CampaignStatus::kDraft, "draft"},
    {CampaignStatus::kOpen, "open"},
    {CampaignStatus::kClosed, "closed"}};
constexpr std::span<const EnumName<CampaignStatus>> enum_names(CampaignStatus) {
  return kCampaignStatusNames;
}

struct CampaignSettings {
  std::string name;
  std::string starts_on;  // 'YYYY-MM-DD': raters may answer from this day
  std::string deadline;   // 'YYYY-MM-DD': the last day to answer (WIB)
  std::string values_version = "2023";
  std::vector<std::string> item_codes;                    // the instrument, in the order asked
  std::array<bool, 4> groups = {true, true, true, true};  // by group_index
  std::array<int, 4> weights = {10, 40, 20, 30};  // percent, by group_index; 0 for groups not asked
  int min_group_size = 3;
  int max_peers = 3;
  int max_subordinates = 3;
  LevelRule level_rule;
  int blind_spot_tenths =
      10;  // self minus others, in tenths of a scale point, that counts as a blind spot
  std::vector<int64_t>
      scope_unit_ids;  // units whose subtrees are assessed; empty: the whole instansi
};

// Everything a campaign's answers are read against: its settings, and the items as
// they were worded when it was made.
struct Instrument {
  std::vector<Item> items;
  const Item* find(std::string_view code) const;
};

// Checks the settings against the catalogue and the instansi's own items. Field errors
// name "name", "starts_on", "deadline", "values_version", "items", "weights",
// "min_group_size", "max_peers", "max_subordinates", "level_rule", "blind_spot".
Status validate(const CampaignSettings& settings, const Catalog& catalog,
                const std::vector<Item>& custom_items);
// The items of the settings' instrument with their current wording (after validate).
Instrument build_instrument(const CampaignSettings& settings, const Catalog& catalog,
                            const std::vector<Item>& custom_items);

// The settings that are not columns, as the API shows and takes them (and as they are
// stored): groups as a list of names, weights and the level rule as objects, the item
// codes. settings_json() is its text.
nlohmann::json settings_object(const CampaignSettings& settings);
std::string settings_json(const CampaignSettings& settings);
Status read_settings_json(std::string_view text, CampaignSettings& settings);
std::string instrument_json(const Instrument& instrument);
Result<Instrument> parse_instrument(std::string_view text);
nlohmann::json item_json(const Item& item);

}  // namespace harmoni::competency
