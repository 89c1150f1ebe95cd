// Self-learning claims: learning done outside a class (self-study, a course elsewhere,
// learning on the job), claimed by the person with an evidence file and approved by
// their superior before it counts in the JP ledger. Pure domain: no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "platform/result.hpp"
#include "platform/util/date.hpp"
#include "platform/util/enum_names.hpp"

namespace harmoni::learning {

enum class ClaimKind { kSelfStudy, kExternalCourse, kOnTheJob, kMentoring, kSeminar };
inline constexpr EnumName<ClaimKind> kClaimKindNames[] = {
    {ClaimKind::kSelfStudy, "self_study"},
    {ClaimKind::kExternalCourse, "external_course"},
    {ClaimKind::kOnTheJob, "on_the_job"},
    {ClaimKind::kMentoring, "mentoring"},
    {ClaimKind::kSeminar, "seminar"}};
constexpr std::span<const EnumName<ClaimKind>> enum_names(ClaimKind) { return kClaimKindNames; }
// "self_study", "external_course", "on_the_job", "mentoring", "seminar"

enum class ClaimStatus { kSubmitted, kApproved, kRejected };
inline constexpr EnumName<ClaimStatus> kClaimStatusNames[] = {
    {ClaimStatus::kSubmitted, "submitted"},
    {ClaimStatus::kApproved, "approved"},
    {ClaimStatus::kRejected, "rejected"}};
constexpr std::span<const EnumName<ClaimStatus>> enum_names(ClaimStatus) {
  return kClaimStatusNames;
}

struct Claim {
  int64_t id = 0;
  int64_t asn_id = 0;
  ClaimKind kind = ClaimKind::kSelfStudy;
  std::string title;
  std::string provider;      // who offered it (a platform, an institution), optional
  std::string completed_on;  // 'YYYY-MM-DD'
  int64_t minutes = 0;
  ClaimStatus status = ClaimStatus::kSubmitted;
  std::string decision_note;
};

// A title, a real date not in the future (`today`) and not before last year, minutes
// 15..kMaxRecordMinutes. Field errors name "title", "completed_on", "minutes".
Status validate(const Claim& claim, const Date& today);

// Evidence files: PDF, PNG or JPEG, told by their first bytes (not by their name),
// at most kMaxEvidenceBytes. Returns the content type, or "learning.evidence_type" /
// "learning.evidence_size" / "learning.evidence_empty".
inline constexpr size_t kMaxEvidenceBytes = 5 * 1024 * 1024;
Result<std::string> evidence_type(std::string_view bytes);

}  // namespace harmoni::learning
