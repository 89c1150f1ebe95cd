// What a case is made of besides its header: the parties with the least data that
// serves, the facts (each with its source) kept apart from opinions, and the causes in
// the fishbone's categories with their why-chain. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "platform/result.hpp"
#include "platform/util/enum_names.hpp"

namespace harmoni::harmony {

// An ASN is known by NIP; anyone else only by the role they play.
enum class PartyKind { kAsn, kCitizen, kCommunityLeader, kPartner };
inline constexpr EnumName<PartyKind> kPartyKindNames[] = {
    {PartyKind::kAsn, "asn"},
    {PartyKind::kCitizen, "citizen"},
    {PartyKind::kCommunityLeader, "community_leader"},
    {PartyKind::kPartner, "partner"}};
constexpr std::span<const EnumName<PartyKind>> enum_names(PartyKind) { return kPartyKindNames; }

struct Party {
  int64_t id = 0;
  PartyKind kind = PartyKind::kAsn;
  std::optional<int64_t> asn_id;  // exactly for kAsn
  int side = 1;                   // parties on one side share a number (1..9)
  // Joined for staff display: the ASN's name, never stored here.
  std::string asn_name;
};
Status validate(const Party& party);

enum class Source { kDocument, kWitness, kObservation, kRecord, kStatement };
inline constexpr EnumName<Source> kSourceNames[] = {{Source::kDocument, "document"},
                                                    {Source::kWitness, "witness"},
                                                    {Source::kObservation, "observation"},
                                                    {Source::kRecord, "record"},
                                                    {Source::kStatement, "statement"}};
constexpr std::span<const EnumName<Source>> enum_names(Source) { return kSourceNames; }

// A fact carries its source; an opinion or feeling is recorded as one, with whose side
// holds it, so the analysis can tell them apart.
struct Finding {
  int64_t id = 0;
  bool is_fact = true;
  std::string text;
  std::optional<Source> source;  // exactly for a fact
  std::string source_detail;     // which document, which record (optional)
  std::optional<int> side;       // for an opinion: the side that holds it (optional)
  int64_t at_ms = 0;
};
Status validate(const Finding& finding);

enum class CauseCategory {
  kPeople,
  kPolicy,  // methods, policy and procedure
  kCommunication,
  kLeadership,
  kResources,
  kEnvironment,
};
inline constexpr EnumName<CauseCategory> kCauseCategoryNames[] = {
    {CauseCategory::kPeople, "people"},
    {CauseCategory::kPolicy, "policy"},
    {CauseCategory::kCommunication, "communication"},
    {CauseCategory::kLeadership, "leadership"},
    {CauseCategory::kResources, "resources"},
    {CauseCategory::kEnvironment, "environment"}};
constexpr std::span<const EnumName<CauseCategory>> enum_names(CauseCategory) {
  return kCauseCategoryNames;
}

// A cause with its chain of whys, from the problem to the root (at most five).
struct Cause {
  int64_t id = 0;
  CauseCategory category = CauseCategory::kPeople;
  std::vector<std::string> whys;
  int64_t at_ms = 0;
  const std::string& root() const { return whys.back(); }
};
inline constexpr size_t kMaxWhys = 5;
Status validate(const Cause& cause);

}  // namespace harmoni::harmony
