// What the complaint pages and API share: reading a report from a form or JSON, and a
// report's labels in the reader's language.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "complaints/complaint_cases.hpp"
#include "platform/web/app.hpp"
#include "platform/web/labels.hpp"

namespace harmoni::complaints {

// Catalog prefixes of a report's labels.
inline constexpr std::string_view kKindLabel = "complaint.kind.";
inline constexpr std::string_view kStatusLabel = "complaint.status.";
inline constexpr std::string_view kStepLabel = "complaint.step.";
inline constexpr std::string_view kCategoryLabel = "complaint.category.";
inline constexpr std::string_view kGradeLabel = "complaint.grade.";

// The report's own fields (kind, where, when, what, who), from a form or the API.
Submission read_submission(web::Input& in);
using web::label;
using web::options;
// Handling figures as people read them (decimal comma, "too few" for what is withheld):
// the public statistics page and a unit's results page.
nlohmann::json statistics_json(const web::Context& ctx, const Statistics& st);
// A date as people read it, or "" when there is none.
std::string date_text(const web::Context& ctx, const std::optional<Date>& d);

}  // namespace harmoni::complaints
