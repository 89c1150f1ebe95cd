// From submitted 360-degree forms to a person's result, with anonymity built in.
// Pure domain: no I/O.
//
// Anonymity rule (docs/competency.md): self and superior are known raters and are
// shown as such. Peers and subordinates are anonymous: a group is shown only when at
// least min_group_size of its members answered; when both groups are too small but
// together reach the size, they are shown pooled as "others"; otherwise they are
// withheld. Inside a shown anonymous column, an item is shown only when at least
// min_group_size raters judged it. Everything the result holds (means, the weighted
// scores, the Perekat Bangsa level, blind spots, comments) is computed from shown
// cells only, so withheld ratings cannot be worked back out of it.
#pragma once

#include <array>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "competency/campaign.hpp"
#include "competency/heatmap.hpp"
#include "platform/util/enum_names.hpp"

namespace harmoni::competency {

// One rater's form. Scores are 1..scale.max, or 0 for "cannot judge".
struct RatingAnswers {
  RaterGroup group = RaterGroup::kSelf;
  std::map<std::string, int> scores;
  std::map<std::string, std::string> examples;  // item code -> an example, for extreme scores
  std::string comment;
};

inline constexpr size_t kMinExampleChars = 10;
inline constexpr size_t kMaxExampleChars = 1000;
inline constexpr size_t kMaxCommentChars = 2000;

// A final form answers every item of the instrument (a score or "cannot judge") and
// gives an example for each extreme score; a draft may leave items out. Both refuse
// unknown items and scores outside the scale. Field errors name "scores.<code>",
// "examples.<code>", "comment".
Status validate_answers(const RatingAnswers& answers, const Instrument& instrument,
                        const Scale& scale, bool final);

// The columns of a result: the four groups, and peers and subordinates pooled.
enum class Column { kSelf, kSuperior, kPeer, kSubordinate, kOthers };
inline constexpr EnumName<Column> kColumnNames[] = {{Column::kSelf, "self"},
                                                    {Column::kSuperior, "superior"},
                                                    {Column::kPeer, "peer"},
                                                    {Column::kSubordinate, "subordinate"},
                                                    {Column::kOthers, "others"}};
constexpr std::span<const EnumName<Column>> enum_names(Column) { return kColumnNames; }
inline constexpr size_t kColumns = 5;

struct Cell {
  double mean = 0;
  int n = 0;  // raters who judged it
};

struct Scores {
  std::string code;                                   // item code, or the group's code
  std::array<std::optional<Cell>, kColumns> columns;  // by Column
  std::optional<double> others;                       // weighted over the shown columns but self
  std::optional<double> overall;                      // weighted over every shown column
};

struct PersonResult {
  // Forms received per shown column (0 for a column withheld or not asked).
  std::array<int, kColumns> responses{};
  std::array<bool, kColumns> shown{};
  bool withheld_any = false;  // some anonymous ratings were too few to show
  std::vector<Scores> items;  // instrument order
  std::vector<Scores>
      groups;  // values, Perekat Bangsa levels, managerial, own groups, in first-seen order
  std::optional<int> level;  // demonstrated Perekat Bangsa level (0..5); nullopt when not assessed
  std::vector<std::string> demonstrated;      // indicator codes
  std::vector<std::string> blind_spots;       // self rated higher than others by the margin
  std::vector<std::string> hidden_strengths;  // others rated higher than self by the margin
  std::vector<std::string> comments;          // no names, alphabetical
  std::vector<std::pair<std::string, std::string>>
      examples;  // (item code, text), by item then text
};

PersonResult compute_result(const Instrument& instrument, const CampaignSettings& settings,
                            const std::vector<RatingAnswers>& forms);

// Stored form of a result (and of a form's answers), and back.
std::string result_json(const PersonResult& result);
Result<PersonResult> parse_result_json(std::string_view text);
std::string answers_json(const RatingAnswers& answers);  // without the group
Result<RatingAnswers> parse_answers_json(std::string_view text, RaterGroup group);

// What the heat map needs of a result: the others' score of each rollup group.
PersonSummary summary_of(const PersonResult& result, int64_t unit_id);

// The group an item rolls up to in results ("HA", "PB.2", "MK", or "X" for an own
// item with no value).
std::string rollup_group(const Item& item);

}  // namespace harmoni::competency
