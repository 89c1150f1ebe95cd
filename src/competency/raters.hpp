// Who rates whom in a campaign, from the unit tree and positions alone. Pure and
// deterministic: the same organisation and seed give the same assignments, so a
// campaign can be opened again after a failure and HR can explain every choice.
//
// The rules (docs/competency.md):
// - The head of a unit is its active member in a structural position of the highest
//   grade (ties: lowest NIP). A unit may have none.
// - Superior: for a unit's head, the head of the nearest ancestor unit that has one;
//   for anyone else, the head of their own unit, else of the nearest ancestor.
// - Peers: for a non-head, other non-heads of the same unit whose grade is within
//   kPeerGradeSpan of theirs, nearest grade first, and within a grade from a starting
//   point hashed from (seed, ratee) in id order; for a head, the heads of sibling units
//   (same parent, or the other top-level units). Up to max_peers.
// - Subordinates: for a unit's head, the unit's other members and the heads of its
//   child units (a child unit without a head: its members). Up to max_subordinates.
// - Self, when the campaign asks it.
// Other ties among candidates are broken by a hash of (seed, ratee, candidate), so the
// same people are not always chosen across ratees; nobody rates a person twice. Cost:
// a few steps per person for peers, a sort of the candidates for a unit's head.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "competency/campaign.hpp"

namespace harmoni::competency {

inline constexpr int kPeerGradeSpan = 2;

struct OrgUnit {
  int64_t id = 0;
  std::optional<int64_t> parent_id;
};

struct OrgPerson {
  int64_t asn_id = 0;
  std::string nip;
  int64_t unit_id = 0;
  int grade = 0;
  bool structural = false;
  bool in_scope = false;  // assessed in this campaign (raters may come from outside the scope)
};

struct Assignment {
  int64_t ratee_asn_id = 0;
  int64_t rater_asn_id = 0;
  RaterGroup group = RaterGroup::kSelf;
  friend bool operator==(const Assignment&, const Assignment&) = default;
};

struct AssignOptions {
  std::array<bool, 4> groups = {true, true, true, true};
  int max_peers = 3;
  int max_subordinates = 3;
  uint64_t seed = 0;  // the campaign id
};

// Assignments for every in-scope person, ordered by ratee then group then rater.
std::vector<Assignment> assign_raters(const std::vector<OrgUnit>& units,
                                      const std::vector<OrgPerson>& people,
                                      const AssignOptions& options);

}  // namespace harmoni::competency
