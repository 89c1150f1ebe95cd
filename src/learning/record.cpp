#include "learning/record.hpp"

#include <nlohmann/json.hpp>

#include "learning/jp.hpp"

namespace harmoni::learning {

Status validate(const LearningRecord& r) {
  std::vector<FieldError> errors;
  if (r.title.empty() || r.title.size() > 500) errors.push_back({"title", "input.required", {}});
  if (r.minutes < 1 || r.minutes > kMaxRecordMinutes) {
    errors.push_back({"minutes",
                      "input.out_of_range",
                      {{"min", "1"}, {"max", std::to_string(kMaxRecordMinutes)}}});
  }
  if (r.jp_e2 < 0 || r.jp_e2 > 100000)
    errors.push_back({"jp", "input.out_of_range", {{"min", "0"}, {"max", "1000"}}});
  if (r.score && (*r.score < 0 || *r.score > 100))
    errors.push_back({"score", "input.out_of_range", {{"min", "0"}, {"max", "100"}}});
  if (r.completed_on.year < 1990 || r.completed_on.year > 2100)
    errors.push_back({"completed_on", "learning.date_invalid", {}});
  if (!errors.empty()) return Error::fields_invalid(std::move(errors));
  return {};
}

nlohmann::json xapi_statement(const LearningRecord& r, std::string_view nip,
                              std::string_view home_page) {
  nlohmann::json result = {
      {"completion", r.verb != "failed"},
      {"duration", "PT" + std::to_string(r.minutes) + "M"},
      {"extensions", {{std::string(home_page) + "/xapi/jp", static_cast<double>(r.jp_e2) / 100}}}};
  if (r.score)
    result["score"] = {{"raw", *r.score}, {"min", 0}, {"max", 100}, {"scaled", *r.score / 100.0}};
  if (r.passed) result["success"] = *r.passed;
  return {
      {"actor", {{"objectType", "Agent"}, {"account", {{"homePage", home_page}, {"name", nip}}}}},
      {"verb",
       {{"id", "http://adlnet.gov/expapi/verbs/" + r.verb}, {"display", {{"en-US", r.verb}}}}},
      {"object",
       {{"objectType", "Activity"},
        {"id", std::string(home_page) + "/xapi/activities/" + std::string(enum_name(r.source)) +
                   "/" + r.source_ref},
        {"definition",
         {{"name", {{"id-ID", r.title}}},
          {"type", std::string(home_page) + "/xapi/types/" + r.activity_type}}}}},
      {"result", result},
      {"timestamp", format_date(r.completed_on) + "T00:00:00+07:00"}};
}

}  // namespace harmoni::learning
