// Survey responses and the periods an index is asked for. Pure domain: no I/O.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "platform/auth/principal.hpp"
#include "platform/result.hpp"
#include "platform/util/date.hpp"
#include "platform/util/enum_names.hpp"
#include "survey/ikm.hpp"

namespace harmoni::survey {

// How a response reached us (stored; each has its own checks at the boundary).
enum class Channel { kTicket, kLink, kKiosk, kPaper, kApi };
inline constexpr EnumName<Channel> kChannelNames[] = {{Channel::kTicket, "ticket"},
                                                      {Channel::kLink, "link"},
                                                      {Channel::kKiosk, "kiosk"},
                                                      {Channel::kPaper, "paper"},
                                                      {Channel::kApi, "api"}};
constexpr std::span<const EnumName<Channel>> enum_names(Channel) { return kChannelNames; }

// The order a form asks the nine elements in. Codes stay U1..U9 whatever the order
// (docs/domain/skm.md: the order is a setting; many published forms ask U9 before U8).
enum class FormOrder { kStandard, kFacilitiesBeforeComplaints };
inline constexpr EnumName<FormOrder> kFormOrderNames[] = {
    {FormOrder::kStandard, "standard"}, {FormOrder::kFacilitiesBeforeComplaints, "u9_before_u8"}};
constexpr std::span<const EnumName<FormOrder>> enum_names(FormOrder) { return kFormOrderNames; }
// Element indexes (0 for U1) in the order asked.
std::array<int, kElements> element_order(FormOrder order);

// The respondent profile of the 2017 form. Every item is optional; values are codes
// from respondent_choices().
struct Respondent {
  std::string age_band;
  std::string sex;
  std::string education;
  std::string occupation;
};

// Allowed codes of each profile item, in display order (labels live in the catalogs
// as "skm.profile.<item>.<code>").
const std::vector<std::string>& respondent_choices(std::string_view item);
inline constexpr std::array<std::string_view, 4> kRespondentItems = {"age_band", "sex", "education",
                                                                     "occupation"};

struct Response {
  std::array<int, kElements> answers{};  // 1..4, 0 when skipped
  Respondent respondent;
  std::string suggestion;
};

// At least one element answered, every answer 1..4, profile codes known, suggestion at
// most 2,000 characters. Field errors name "answers.U3", "respondent.sex", ...
Status validate(const Response& response);

// Results per named officer (U6/U7, what citizens wrote, who served whom) go to the
// officer and to the heads of units above them, nobody else.
bool may_read_officer(const auth::Principal& reader, int64_t officer_asn_id, int64_t instansi_id,
                      std::string_view unit_path);
// The per-officer table of a unit's results: its heads only.
bool may_read_officer_table(const auth::Principal& reader, int64_t instansi_id,
                            std::string_view unit_path);

// The inclusive date range of an index, split so that whole months are read from the
// monthly counts and only the ragged ends from the daily counts.
struct PeriodPlan {
  std::vector<std::pair<std::string, std::string>> day_ranges;     // 'YYYY-MM-DD' pairs
  std::optional<std::pair<std::string, std::string>> month_range;  // 'YYYY-MM' pair
};
// Fails (field "to") when to < from, or when the range is longer than 10 years.
Result<PeriodPlan> plan_period(const Date& from, const Date& to);

}  // namespace harmoni::survey
