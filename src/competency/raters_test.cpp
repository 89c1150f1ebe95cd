#include "competency/raters.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

namespace harmoni::competency {
namespace {

// Dinas A (head 100, grade 14) with staff 101..105 and two fields: B (head 200,
// grade 11, staff 201..203) and C (no head; staff 301, 302). A sibling dinas D
// (head 400, grade 14) at the top.
struct Fixture {
  std::vector<OrgUnit> units = {{1, std::nullopt}, {2, 1}, {3, 1}, {4, std::nullopt}};
  std::vector<OrgPerson> people = {{100, "100", 1, 14, true, true}, {101, "101", 1, 8, false, true},
                                   {102, "102", 1, 8, false, true}, {103, "103", 1, 9, false, true},
                                   {104, "104", 1, 7, false, true}, {105, "105", 1, 3, false, true},
                                   {200, "200", 2, 11, true, true}, {201, "201", 2, 7, false, true},
                                   {202, "202", 2, 7, false, true}, {203, "203", 2, 6, false, true},
                                   {301, "301", 3, 7, false, true}, {302, "302", 3, 7, false, true},
                                   {400, "400", 4, 14, true, false}};
};

std::map<RaterGroup, std::set<int64_t>> raters_of(const std::vector<Assignment>& all,
                                                  int64_t ratee) {
  std::map<RaterGroup, std::set<int64_t>> out;
  for (const auto& a : all) {
    if (a.ratee_asn_id == ratee) out[a.group].insert(a.rater_asn_id);
  }
  return out;
}

TEST(Raters, FollowTheUnitTreeAndPositions) {
  Fixture f;
  auto all = assign_raters(f.units, f.people, {.max_peers = 3, .max_subordinates = 3, .seed = 7});
  // Staff of A: superior is A's head; peers are A's staff of a similar grade.
  auto s101 = raters_of(all, 101);
  EXPECT_EQ(s101[RaterGroup::kSelf], std::set<int64_t>{101});
  EXPECT_EQ(s101[RaterGroup::kSuperior], std::set<int64_t>{100});
  EXPECT_EQ(s101[RaterGroup::kPeer], (std::set<int64_t>{102, 103, 104}))
      << "105 (grade 3) is not a peer of grade 8";
  EXPECT_TRUE(s101[RaterGroup::kSubordinate].empty());
  // The head of B: superior is A's head; peers are heads of sibling units (C has none).
  auto s200 = raters_of(all, 200);
  EXPECT_EQ(s200[RaterGroup::kSuperior], std::set<int64_t>{100});
  EXPECT_TRUE(s200[RaterGroup::kPeer].empty());
  EXPECT_EQ(s200[RaterGroup::kSubordinate], (std::set<int64_t>{201, 202, 203}));
  // C has no head: its staff report to A's head, and count among A's subordinates.
  EXPECT_EQ(raters_of(all, 301)[RaterGroup::kSuperior], std::set<int64_t>{100});
  EXPECT_EQ(raters_of(all, 301)[RaterGroup::kPeer], std::set<int64_t>{302});
  // A's head: no superior (nobody above), a peer at the top (D), three subordinates
  // out of A's staff, B's head and C's staff.
  auto s100 = raters_of(all, 100);
  EXPECT_TRUE(s100[RaterGroup::kSuperior].empty());
  EXPECT_EQ(s100[RaterGroup::kPeer], std::set<int64_t>{400});
  EXPECT_EQ(s100[RaterGroup::kSubordinate].size(), 3u);
  const std::set<int64_t> possible = {101, 102, 103, 104, 105, 200, 301, 302};
  for (int64_t r : s100[RaterGroup::kSubordinate]) EXPECT_TRUE(possible.contains(r));
  // D is outside the campaign's scope: it rates but is not rated.
  EXPECT_TRUE(raters_of(all, 400).empty());
}

TEST(Raters, GroupsNotAskedAreLeftOut) {
  Fixture f;
  auto all = assign_raters(f.units, f.people, {.groups = {false, true, false, true}, .seed = 1});
  for (const auto& a : all) {
    EXPECT_TRUE(a.group == RaterGroup::kSuperior || a.group == RaterGroup::kSubordinate);
  }
}

TEST(Raters, AreDeterministicAndSpreadBySeed) {
  Fixture f;
  auto a = assign_raters(f.units, f.people, {.max_peers = 1, .max_subordinates = 1, .seed = 42});
  auto b = assign_raters(f.units, f.people, {.max_peers = 1, .max_subordinates = 1, .seed = 42});
  EXPECT_EQ(a, b);
  // Across seeds, the one subordinate chosen for A's head is not always the same.
  std::set<int64_t> chosen;
  for (uint64_t seed = 0; seed < 40; ++seed) {
    auto all =
        assign_raters(f.units, f.people, {.max_peers = 1, .max_subordinates = 1, .seed = seed});
    auto of_head = raters_of(all, 100);
    chosen.insert(of_head[RaterGroup::kSubordinate].begin(),
                  of_head[RaterGroup::kSubordinate].end());
  }
  EXPECT_GT(chosen.size(), 3u);
}

// Random trees: every rule that must hold for any organisation.
TEST(Raters, PropertiesOnRandomOrganisations) {
  std::mt19937_64 rng(2026);
  for (int round = 0; round < 200; ++round) {
    std::vector<OrgUnit> units;
    const int n_units = 1 + static_cast<int>(rng() % 12);
    for (int u = 1; u <= n_units; ++u) {
      std::optional<int64_t> parent;
      if (u > 1 && rng() % 4 != 0) parent = 1 + static_cast<int64_t>(rng() % (u - 1));
      units.push_back({u, parent});
    }
    std::vector<OrgPerson> people;
    const int n_people = static_cast<int>(rng() % 60);
    for (int i = 0; i < n_people; ++i) {
      bool structural = rng() % 5 == 0;
      people.push_back(
          {1000 + i, std::to_string(5000 - i), 1 + static_cast<int64_t>(rng() % n_units),
           structural ? 10 + static_cast<int>(rng() % 5) : 1 + static_cast<int>(rng() % 12),
           structural, rng() % 3 != 0});
    }
    AssignOptions o{.max_peers = static_cast<int>(rng() % 4),
                    .max_subordinates = static_cast<int>(rng() % 5),
                    .seed = rng()};
    auto all = assign_raters(units, people, o);
    std::set<std::pair<int64_t, int64_t>> pairs;
    std::map<int64_t, std::map<RaterGroup, int>> count;
    std::map<int64_t, const OrgPerson*> by_id;
    for (const auto& p : people) by_id[p.asn_id] = &p;
    for (const auto& a : all) {
      EXPECT_TRUE(pairs.insert({a.ratee_asn_id, a.rater_asn_id}).second)
          << "nobody rates a person twice";
      EXPECT_EQ(a.rater_asn_id == a.ratee_asn_id, a.group == RaterGroup::kSelf);
      EXPECT_TRUE(by_id.at(a.ratee_asn_id)->in_scope);
      ++count[a.ratee_asn_id][a.group];
      if (a.group == RaterGroup::kPeer && !by_id.at(a.ratee_asn_id)->structural) {
        EXPECT_LE(std::abs(by_id.at(a.rater_asn_id)->grade - by_id.at(a.ratee_asn_id)->grade),
                  kPeerGradeSpan);
      }
    }
    for (const auto& [ratee, groups] : count) {
      EXPECT_EQ(groups.count(RaterGroup::kSelf) ? groups.at(RaterGroup::kSelf) : 0, 1);
      EXPECT_LE(groups.count(RaterGroup::kSuperior) ? groups.at(RaterGroup::kSuperior) : 0, 1);
      EXPECT_LE(groups.count(RaterGroup::kPeer) ? groups.at(RaterGroup::kPeer) : 0, o.max_peers);
      EXPECT_LE(groups.count(RaterGroup::kSubordinate) ? groups.at(RaterGroup::kSubordinate) : 0,
                o.max_subordinates);
    }
    EXPECT_EQ(all, assign_raters(units, people, o));
  }
}

}  // namespace
}  // namespace harmoni::competency
