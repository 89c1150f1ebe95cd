// Storage of follow-up plans (survey::FollowUp). SQL stays in the .cpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "platform/db/database.hpp"
#include "survey/followup.hpp"

namespace harmoni::survey {

// Stores a validated follow-up; returns its id.
Result<int64_t> insert_followup(db::Tx& tx, const FollowUp& followup,
                                std::optional<int64_t> user_id, int64_t now);
// The unit's follow-ups of exactly this period, by due date.
Result<std::vector<FollowUp>> list_followups(db::Tx& tx, int64_t unit_id, const std::string& from,
                                             const std::string& to);
// Moves a follow-up of this unit to a new status; "followup.unknown" when the unit has no such one.
Result<FollowUp> set_followup_status(db::Tx& tx, int64_t unit_id, int64_t id, FollowUpStatus status,
                                     int64_t now);

}  // namespace harmoni::survey
