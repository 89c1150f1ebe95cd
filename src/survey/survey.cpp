#include "survey/survey.hpp"

#include <algorithm>
#include <map>

namespace harmoni::survey {

bool may_read_officer(const auth::Principal& reader, int64_t officer_asn_id, int64_t instansi_id,
                      std::string_view unit_path) {
  if (reader.asn_id && *reader.asn_id == officer_asn_id) return true;
  return may_read_officer_table(reader, instansi_id, unit_path);
}

bool may_read_officer_table(const auth::Principal& reader, int64_t instansi_id,
                            std::string_view unit_path) {
  return reader.role == auth::Role::kUnitHead && reader.sees_unit(instansi_id, unit_path);
}

std::array<int, kElements> element_order(FormOrder order) {
  std::array<int, kElements> out{};
  for (int i = 0; i < kElements; ++i) out[i] = i;
  if (order == FormOrder::kFacilitiesBeforeComplaints) std::swap(out[7], out[8]);
  return out;
}

const std::vector<std::string>& respondent_choices(std::string_view item) {
  static const std::map<std::string, std::vector<std::string>, std::less<>> kChoices = {
      {"age_band", {"u20", "20_29", "30_39", "40_49", "50_59", "60plus"}},
      {"sex", {"l", "p"}},
      {"education", {"sd", "smp", "sma", "d1_d3", "d4_s1", "s2_plus"}},
      {"occupation", {"pns", "tni_polri", "swasta", "wirausaha", "pelajar", "lainnya"}},
  };
  static const std::vector<std::string> kNone;
  auto it = kChoices.find(item);
  return it == kChoices.end() ? kNone : it->second;
}

Status validate(const Response& r) {
  std::vector<FieldError> errors;
  int answered = 0;
  for (int i = 0; i < kElements; ++i) {
    int a = r.answers[i];
    if (a == 0) continue;
    if (a < 1 || a > kScale) {
      errors.push_back({"answers.U" + std::to_string(i + 1), "skm.answer_range", {}});
    } else {
      ++answered;
    }
  }
  if (answered == 0 && errors.empty()) errors.push_back({"answers", "skm.no_answers", {}});
  const std::array<const std::string*, 4> values = {
      &r.respondent.age_band, &r.respondent.sex, &r.respondent.education, &r.respondent.occupation};
  for (size_t i = 0; i < kRespondentItems.size(); ++i) {
    if (values[i]->empty()) continue;
    const auto& allowed = respondent_choices(kRespondentItems[i]);
    if (std::find(allowed.begin(), allowed.end(), *values[i]) == allowed.end()) {
      std::string list;
      for (const auto& code : allowed) list += (list.empty() ? "" : ", ") + code;
      errors.push_back({"respondent." + std::string(kRespondentItems[i]),
                        "input.not_allowed",
                        {{"allowed", list}}});
    }
  }
  if (r.suggestion.size() > 2000)
    errors.push_back({"suggestion", "input.too_long", {{"max", "2000"}}});
  if (!errors.empty()) return Error::fields_invalid(std::move(errors));
  return {};
}

Result<PeriodPlan> plan_period(const Date& from, const Date& to) {
  if (to < from) return Error::field("to", "skm.range_backwards");
  if (to.year - from.year > 10) return Error::field("to", "skm.range_too_long");
  PeriodPlan plan;
  // The whole months inside [from, to]: from first_full to end_full.
  const Date first_full = from.day == 1 ? from : next_day(last_of_month(from));
  Date end_full = to;
  if (to != last_of_month(to)) {
    end_full =
        to.month == 1 ? Date{to.year - 1, 12, 31} : last_of_month(Date{to.year, to.month - 1, 1});
  }
  if (end_full < first_full) {
    plan.day_ranges.emplace_back(format_date(from), format_date(to));
    return plan;
  }
  if (from < first_full)
    plan.day_ranges.emplace_back(format_date(from), format_date(last_of_month(from)));
  plan.month_range = std::pair{format_month(first_full), format_month(end_full)};
  if (end_full < to) plan.day_ranges.emplace_back(format_date(first_of_month(to)), format_date(to));
  return plan;
}

}  // namespace harmoni::survey
