// Campaigns, forms and results as JSON: one shape for the API and the pages (pages
// render the same objects, which carry translated labels as well as codes).
#pragma once

#include <nlohmann/json.hpp>

#include "competency/competency_store.hpp"
#include "competency/shipped_catalog.hpp"
#include "platform/web/app.hpp"

namespace harmoni::competency {

// Two decimals, as text ("3.33") and as a number.
std::string score_text(double value);
double score_number(double value);

nlohmann::json campaign_json(const web::Context& ctx, const Campaign& campaign);
nlohmann::json item_json_for(const web::Context& ctx, const Item& item);
// The title of a rollup group in the caller's language: a value's name, "Level 2:
// ...", the managerial competencies, or the instansi's own indicators.
std::string group_title(const web::Context& ctx, const Campaign& campaign,
                        const std::string& group);

// A person's result as the caller may see it: columns shown (with how many forms),
// scores per group and item aligned with the columns, the Perekat Bangsa level with
// its band and the gap to the position's required level, blind spots and hidden
// strengths, comments and examples (no names).
nlohmann::json result_view(const web::Context& ctx, const Campaign& campaign,
                           const StoredResult& stored);

}  // namespace harmoni::competency
