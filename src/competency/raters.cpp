#include "competency/raters.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

namespace harmoni::competency {
namespace {

// splitmix64: a cheap, well-mixed hash of the tie-break key.
uint64_t mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

uint64_t tie_break(uint64_t seed, int64_t ratee, int64_t candidate) {
  return mix(seed ^ mix(static_cast<uint64_t>(ratee) * 0x100000001b3ULL ^
                        mix(static_cast<uint64_t>(candidate))));
}

class Org {
 public:
  Org(const std::vector<OrgUnit>& units, const std::vector<OrgPerson>& people) {
    for (const auto& u : units) {
      parent_[u.id] = u.parent_id;
      children_[u.parent_id.value_or(0)].push_back(u.id);
    }
    for (auto& [_, list] : children_) std::sort(list.begin(), list.end());
    for (const auto& p : people) members_[p.unit_id].push_back(&p);
    for (auto& [unit, list] : members_) {
      std::sort(list.begin(), list.end(),
                [](const OrgPerson* a, const OrgPerson* b) { return a->asn_id < b->asn_id; });
      const OrgPerson* best = nullptr;
      for (const OrgPerson* p : list) {
        if (!p->structural) continue;
        if (!best || p->grade > best->grade || (p->grade == best->grade && p->nip < best->nip))
          best = p;
      }
      if (best) head_[unit] = best;
      for (const OrgPerson* p : list) {
        if (p != best) staff_by_grade_[unit][p->grade].push_back(p);
      }
    }
  }

  const OrgPerson* head(int64_t unit) const {
    auto it = head_.find(unit);
    return it == head_.end() ? nullptr : it->second;
  }
  bool is_head(const OrgPerson& p) const { return head(p.unit_id) == &p; }
  std::optional<int64_t> parent(int64_t unit) const {
    auto it = parent_.find(unit);
    return it == parent_.end() ? std::nullopt : it->second;
  }
  const std::vector<const OrgPerson*>& members(int64_t unit) const {
    static const std::vector<const OrgPerson*> kNone;
    auto it = members_.find(unit);
    return it == members_.end() ? kNone : it->second;
  }
  // Child units of a unit; of 0: the top-level units.
  const std::vector<int64_t>& children(int64_t unit) const {
    static const std::vector<int64_t> kNone;
    auto it = children_.find(unit);
    return it == children_.end() ? kNone : it->second;
  }

  // The head of the nearest unit above `unit` that has one.
  const OrgPerson* head_above(int64_t unit) const {
    std::set<int64_t> seen;  // a malformed tree must not loop
    for (auto u = parent(unit); u && seen.insert(*u).second; u = parent(*u)) {
      if (const OrgPerson* h = head(*u)) return h;
    }
    return nullptr;
  }

  const OrgPerson* superior(const OrgPerson& p) const {
    if (is_head(p)) return head_above(p.unit_id);
    if (const OrgPerson* h = head(p.unit_id)) return h;
    return head_above(p.unit_id);
  }

  // Staff peers of a non-head, nearest grade first; within a grade, members in id
  // order from a starting point hashed from (seed, ratee), so a unit of thousands costs
  // a few steps per person and different people get different peers.
  std::vector<const OrgPerson*> staff_peers(const OrgPerson& p, int most,
                                            const std::set<int64_t>& used, uint64_t seed) const {
    std::vector<const OrgPerson*> out;
    auto unit = staff_by_grade_.find(p.unit_id);
    if (unit == staff_by_grade_.end()) return out;
    for (int distance = 0; distance <= kPeerGradeSpan; ++distance) {
      for (int grade : {p.grade - distance, p.grade + distance}) {
        if (distance == 0 && grade != p.grade) continue;
        auto bucket = unit->second.find(grade);
        if (bucket == unit->second.end()) continue;
        const auto& list = bucket->second;
        const size_t start = tie_break(seed, p.asn_id, grade) % list.size();
        for (size_t i = 0; i < list.size() && static_cast<int>(out.size()) < most; ++i) {
          const OrgPerson* c = list[(start + i) % list.size()];
          if (!used.contains(c->asn_id)) out.push_back(c);
        }
        if (static_cast<int>(out.size()) >= most || distance == 0) break;
      }
      if (static_cast<int>(out.size()) >= most) break;
    }
    return out;
  }

  // Heads of sibling units (or of the other top-level units) of a similar grade.
  std::vector<const OrgPerson*> head_peer_candidates(const OrgPerson& p) const {
    std::vector<const OrgPerson*> out;
    for (int64_t sibling : children(parent(p.unit_id).value_or(0))) {
      const OrgPerson* h = sibling == p.unit_id ? nullptr : head(sibling);
      if (h && std::abs(h->grade - p.grade) <= kPeerGradeSpan) out.push_back(h);
    }
    return out;
  }

  std::vector<const OrgPerson*> subordinate_candidates(const OrgPerson& p) const {
    std::vector<const OrgPerson*> out;
    if (!is_head(p)) return out;
    for (const OrgPerson* m : members(p.unit_id)) {
      if (m != &p) out.push_back(m);
    }
    for (int64_t child : children(p.unit_id)) {
      if (const OrgPerson* h = head(child)) {
        out.push_back(h);
      } else {
        const auto& staff = members(child);
        out.insert(out.end(), staff.begin(), staff.end());
      }
    }
    return out;
  }

 private:
  std::unordered_map<int64_t, std::optional<int64_t>> parent_;
  std::unordered_map<int64_t, std::vector<int64_t>> children_;
  std::unordered_map<int64_t, std::vector<const OrgPerson*>> members_;
  std::unordered_map<int64_t, const OrgPerson*> head_;
  std::unordered_map<int64_t, std::map<int, std::vector<const OrgPerson*>>>
      staff_by_grade_;  // unit -> grade -> staff
};

}  // namespace

std::vector<Assignment> assign_raters(const std::vector<OrgUnit>& units,
                                      const std::vector<OrgPerson>& people,
                                      const AssignOptions& options) {
  Org org(units, people);
  std::vector<const OrgPerson*> ratees;
  for (const auto& p : people) {
    if (p.in_scope) ratees.push_back(&p);
  }
  std::sort(ratees.begin(), ratees.end(),
            [](const OrgPerson* a, const OrgPerson* b) { return a->asn_id < b->asn_id; });

  std::vector<Assignment> out;
  auto asked = [&](RaterGroup g) { return options.groups[group_index(g)]; };
  for (const OrgPerson* p : ratees) {
    std::set<int64_t> used{p->asn_id};
    if (asked(RaterGroup::kSelf)) out.push_back({p->asn_id, p->asn_id, RaterGroup::kSelf});
    const OrgPerson* sup = org.superior(*p);
    if (sup && asked(RaterGroup::kSuperior) && used.insert(sup->asn_id).second) {
      out.push_back({p->asn_id, sup->asn_id, RaterGroup::kSuperior});
    } else if (sup) {
      used.insert(sup->asn_id);  // never a peer or subordinate of the person they lead
    }
    auto take = [&](std::vector<const OrgPerson*> candidates, int most, RaterGroup group,
                    bool by_grade) {
      std::sort(candidates.begin(), candidates.end(), [&](const OrgPerson* a, const OrgPerson* b) {
        const int da = by_grade ? std::abs(a->grade - p->grade) : 0,
                  db = by_grade ? std::abs(b->grade - p->grade) : 0;
        return std::tuple(da, tie_break(options.seed, p->asn_id, a->asn_id), a->asn_id) <
               std::tuple(db, tie_break(options.seed, p->asn_id, b->asn_id), b->asn_id);
      });
      std::vector<Assignment> chosen;
      for (const OrgPerson* c : candidates) {
        if (static_cast<int>(chosen.size()) >= most) break;
        if (used.insert(c->asn_id).second) chosen.push_back({p->asn_id, c->asn_id, group});
      }
      std::sort(chosen.begin(), chosen.end(), [](const Assignment& a, const Assignment& b) {
        return a.rater_asn_id < b.rater_asn_id;
      });
      out.insert(out.end(), chosen.begin(), chosen.end());
    };
    if (asked(RaterGroup::kPeer)) {
      if (org.is_head(*p)) {
        take(org.head_peer_candidates(*p), options.max_peers, RaterGroup::kPeer, true);
      } else {
        take(org.staff_peers(*p, options.max_peers, used, options.seed), options.max_peers,
             RaterGroup::kPeer, true);
      }
    }
    if (asked(RaterGroup::kSubordinate)) {
      take(org.subordinate_candidates(*p), options.max_subordinates, RaterGroup::kSubordinate,
           false);
    }
  }
  return out;
}

}  // namespace harmoni::competency
