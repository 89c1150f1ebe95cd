#include "survey/survey_web.hpp"

#include "platform/embedded.hpp"
#include "survey/survey.hpp"

namespace harmoni::survey {

const nlohmann::json& questionnaire_definition() {
  static const nlohmann::json definition =
      nlohmann::json::parse(embedded_file("data/skm/skm2017.json").value_or("{}"), nullptr, false);
  return definition;
}

Result<std::pair<Date, Date>> period_params(const web::Context& ctx) {
  std::vector<FieldError> errors;
  Date to = date_in_wib(ctx.now_ms());
  Date from{to.year, ((to.month - 1) / 3) * 3 + 1, 1};
  for (auto [name, target] : {std::pair{"from", &from}, std::pair{"to", &to}}) {
    auto text = ctx.request.query_param(name);
    if (!text || text->empty()) continue;
    if (auto d = parse_date(*text)) {
      *target = *d;
    } else {
      errors.push_back({name, "skm.date_invalid", {}});
    }
  }
  if (!errors.empty()) return Error::fields_invalid(std::move(errors));
  TRY(plan_period(from, to));  // checks the order and length
  return std::pair{from, to};
}

std::string nrr_text(const IndexResult& r, int element) {
  const auto& e = r.elements[element];
  return e.nrr_e4 ? format_fixed((*e.nrr_e4 + 50) / 100, 2) : "–";
}

nlohmann::json element_rows(const web::Context& ctx, const IndexResult& r) {
  const std::string lang = ctx.lang == "en" ? "en" : "id";
  nlohmann::json rows = nlohmann::json::array();
  for (int i = 0; i < kElements; ++i) {
    std::string code = "U" + std::to_string(i + 1);
    rows.push_back({{"code", code},
                    {"title", questionnaire_definition()["elements"][code][lang]["title"]},
                    {"nrr", r.elements[i].nrr_e4 ? format_fixed(*r.elements[i].nrr_e4, 4) : "–"},
                    {"answered", r.elements[i].answered}});
  }
  return rows;
}

nlohmann::json index_summary(const web::Context& ctx, const IndexResult& r) {
  if (!r.score_e2) return false;
  return {{"score", format_fixed(*r.score_e2, 2)},
          {"mutu", mutu_letter(*r.mutu)},
          {"kinerja", ctx.t(kinerja_key(*r.mutu))},
          {"respondents", r.respondents}};
}

}  // namespace harmoni::survey
