// What the learning capability's route files share: their tables (registered by
// learning_routes.cpp), the year asked for, and the JSON shapes of the API and the pages.
#pragma once

#include <nlohmann/json.hpp>
#include <span>

#include "learning/learning_store.hpp"
#include "platform/web/app.hpp"

namespace harmoni::learning {

std::span<const web::RouteDef> person_routes();     // one's learning, approvals, certificates
std::span<const web::RouteDef> programme_routes();  // programmes and classes (HR)
std::span<const web::RouteDef> oversight_routes();  // compliance, export, LMS import, settings

nlohmann::json jp_json(int64_t jp_e2);  // {"jp": 2.5, "jp_text": "2.5"}
nlohmann::json standing_json(const web::Context& ctx, int64_t jp_e2);
nlohmann::json record_json(const web::Context& ctx, const LearningRecord& record);
nlohmann::json programme_json(const web::Context& ctx, const Programme& programme);
nlohmann::json class_json(const web::Context& ctx, const ClassSession& session);

}  // namespace harmoni::learning
