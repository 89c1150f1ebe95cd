// Page pieces of the survey that the pages above it (the unit's results, the public unit
// page) share with the survey's own.
#pragma once

#include <string>
#include <utility>

#include "platform/util/date.hpp"
#include "platform/web/app.hpp"
#include "survey/ikm.hpp"

namespace harmoni::survey {

// The built-in 2017 questionnaire (data/skm/skm2017.json): element titles, questions and
// answer wording per language.
const nlohmann::json& questionnaire_definition();

// ?from=&to= (YYYY-MM-DD), by default the current quarter so far; field errors otherwise.
Result<std::pair<Date, Date>> period_params(const web::Context& ctx);
// NRR of one element (0 for U1) as text ("3.62"), or "–" when nobody answered it.
std::string nrr_text(const IndexResult& r, int element);
// The index of a period as table rows, one per element: code, title, NRR, answered.
nlohmann::json element_rows(const web::Context& ctx, const IndexResult& r);
// Score, quality letter and band of an index, or false when it has no score.
nlohmann::json index_summary(const web::Context& ctx, const IndexResult& r);

}  // namespace harmoni::survey
