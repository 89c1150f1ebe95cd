// Who may see whose learning. Pure: no I/O.
#pragma once

#include <optional>
#include <string>

#include "org/org.hpp"
#include "platform/auth/principal.hpp"

namespace harmoni::learning {

// How the caller stands to a person's learning: the person, a superior (a unit head over
// them) or HR of the instansi may see it; nobody else (administrators run programmes but
// do not read people's records).
enum class Relation { kNone, kSelf, kSuperior, kHr };
Relation relation_to(const auth::Principal& principal, const org::Asn& person);

// The part of the instansi the caller follows up in compliance: "" for the whole instansi,
// a unit head's subtree; none for others. Counts per unit go to whoever runs learning;
// lists of people (and their export) to HR and unit heads only.
enum class Detail { kCounts, kPeople };
std::optional<std::string> follow_up_scope(const auth::Principal& principal, Detail detail);

}  // namespace harmoni::learning
