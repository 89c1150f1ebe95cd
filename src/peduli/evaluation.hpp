// Evaluating the social-care programme for HR (seed 001 judges it by consistency and
// active participation): participation over time, who comes back, hours, regions and
// target groups reached, and whether leaders lead by example. Pure: works on rows the
// store reads.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace harmoni::peduli {

// One confirmed participation (attended, with minutes).
struct Participation {
  int64_t asn_id = 0;
  int64_t unit_id = 0;
  bool is_head = false;  // a unit head (structural position heading a unit)
  std::string month;     // 'YYYY-MM' of the activity
  int64_t activity_id = 0;
  std::string region_code;
  std::string target_group;
  int64_t minutes = 0;
  int beneficiaries = 0;  // of the activity (counted once per activity)
};

struct MonthFigures {
  int64_t people = 0;  // distinct participants that month
  int64_t activities = 0;
  int64_t minutes = 0;
};

struct Evaluation {
  int64_t participants = 0;  // distinct people
  int64_t returning = 0;     // of them, people who took part in two or more activities
  int64_t activities = 0;
  int64_t minutes = 0;
  int64_t beneficiaries = 0;
  std::map<std::string, MonthFigures> by_month;
  std::map<std::string, int64_t> people_by_region;      // distinct people per region
  std::map<std::string, int64_t> activities_by_target;  // activities per target group
  std::map<std::string, int64_t> beneficiaries_by_target;
};

Evaluation evaluate(const std::vector<Participation>& rows);

// Leaders as role models, per unit: how many of its heads and of its staff took part.
struct UnitShare {
  int64_t heads = 0, heads_took_part = 0;
  int64_t staff = 0, staff_took_part = 0;
};
// `people`: every active ASN of the scope (unit, whether a head); `took_part`: who did.
struct Person {
  int64_t asn_id = 0;
  int64_t unit_id = 0;
  bool is_head = false;
};
std::map<int64_t, UnitShare> leader_shares(const std::vector<Person>& people,
                                           const std::set<int64_t>& took_part);

}  // namespace harmoni::peduli
