// Dialogue (musyawarah) the interest-based way: in each session every side says what it
// needs, not only its position; agreements are specific, owned and dated, and checked
// later. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "platform/result.hpp"
#include "platform/util/date.hpp"
#include "platform/util/enum_names.hpp"

namespace harmoni::harmony {

struct Need {
  int side = 1;
  std::string text;
};

struct Session {
  int64_t id = 0;
  Date held_on;
  std::optional<int64_t> facilitator_asn_id;  // an ASN of the instansi
  std::vector<int> sides_present;             // the sides that took part
  std::vector<Need> needs;
  std::string notes;
  // Joined for display.
  std::string facilitator_name;
};
// Held on a day not after today, at least one side present, each need of a side
// present and 3..1,000 characters, notes at most 4,000. Every problem at once.
Status validate(const Session& session, const Date& today);

enum class AgreementState { kOpen, kKept, kNotKept };
inline constexpr EnumName<AgreementState> kAgreementStateNames[] = {
    {AgreementState::kOpen, "open"},
    {AgreementState::kKept, "kept"},
    {AgreementState::kNotKept, "not_kept"}};
constexpr std::span<const EnumName<AgreementState>> enum_names(AgreementState) {
  return kAgreementStateNames;
}

struct Agreement {
  int64_t id = 0;
  std::optional<int64_t> session_id;
  std::string text;
  int64_t owner_asn_id = 0;  // who carries it out (an ASN of the instansi)
  Date due_on;
  AgreementState state = AgreementState::kOpen;
  std::optional<Date> checked_on;
  std::string check_note;
  // Joined for display.
  std::string owner_name;
};
// Text 5..1,000 characters, an owner, a due day not before the day it is made.
Status validate(const Agreement& agreement, const Date& today);
// Whether its due day passed and no check found it kept (not kept stays overdue).
bool is_overdue(const Agreement& agreement, const Date& today);

// A follow-up check of an agreement.
struct Check {
  bool kept = false;
  std::string note;  // required when not kept: what happens now
};
Status validate(const Check& check);

}  // namespace harmoni::harmony
