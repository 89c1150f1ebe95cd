// What the complaint pages and API share: reading a report from a form or JSON, and a
// report's labels in the reader's language.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "complaints/complaint_cases.hpp"
#include "platform/web/app.hpp"

namespace harmoni::complaints {

// Catalog prefixes of a report's labels.
inline constexpr std::string_view kKindLabel = "complaint.kind.";
inline constexpr std::string_view kStatusLabel = "complaint.status.";
inline constexpr std::string_view kStepLabel = "complaint.step.";
inline constexpr std::string_view kCategoryLabel = "complaint.category.";
inline constexpr std::string_view kGradeLabel = "complaint.grade.";

// The report's own fields (kind, where, when, what, who), from a form or the API.
Submission read_submission(web::Input& in);
// "pengaduan" as the reader reads it, and the like for every enum of a report.
template <class E>
std::string label(const web::Context& ctx, std::string_view prefix, E value) {
  return ctx.t(std::string(prefix) + std::string(enum_name(value)));
}
// Choices of an enum for a form: [{value, label, selected}].
template <class E>
nlohmann::json options(const web::Context& ctx, std::string_view prefix,
                       std::optional<E> selected) {
  nlohmann::json out = nlohmann::json::array();
  for (E v : enum_values<E>())
    out.push_back(
        {{"value", enum_name(v)}, {"label", label(ctx, prefix, v)}, {"selected", selected == v}});
  return out;
}
// Handling figures as people read them (decimal comma, "too few" for what is withheld):
// the public statistics page and a unit's results page.
nlohmann::json statistics_json(const web::Context& ctx, const Statistics& st);
// A date as people read it, or "" when there is none.
std::string date_text(const web::Context& ctx, const std::optional<Date>& d);

}  // namespace harmoni::complaints
