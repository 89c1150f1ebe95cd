// The learning capability's routes (registered by learning_routes.cpp), with what its
// route files share.
#pragma once

#include <nlohmann/json.hpp>

#include "learning/learning_store.hpp"
#include "org/org.hpp"
#include "platform/web/app.hpp"

namespace harmoni::learning {

void register_programme_routes(web::App& app);  // programmes and classes (HR)
void register_person_routes(web::App& app);     // one's learning, approvals, certificates
void register_oversight_routes(web::App& app);  // compliance, export, LMS import, settings

Date today_wib(const web::Context& ctx);
// ?year= (2000..2100), by default this year.
Result<int> year_param(const web::Context& ctx);
// 422 for invalid input, otherwise the error's own status: forms shown again with errors.
int form_status(const Error* error);

// How the caller stands to a person's learning: the person, a superior (a unit head
// over them) or HR of the instansi may see it; nobody else (administrators run
// programmes but do not read people's records).
enum class Relation { kNone, kSelf, kSuperior, kHr };
Relation relation_to(const auth::Principal& principal, const org::Asn& person);
// A person of the caller's instansi the caller may see the learning of ("not found" else).
Result<org::Asn> visible_person(const web::Context& ctx, std::string_view nip_text);

nlohmann::json jp_json(int64_t jp_e2);  // {"jp": 2.5, "jp_text": "2.5"}
nlohmann::json standing_json(const web::Context& ctx, int64_t jp_e2);
nlohmann::json record_json(const web::Context& ctx, const LearningRecord& record);
nlohmann::json programme_json(const web::Context& ctx, const Programme& programme);
nlohmann::json class_json(const web::Context& ctx, const ClassSession& session);

}  // namespace harmoni::learning
