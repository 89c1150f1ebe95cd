// The reflection journal after a social-care activity: three guided questions (what
// did you see, what did you feel, what will you change in how you serve). Private to
// the writer unless they share it with their mentor (an ASN they name) or their
// superior. Pure domain: no I/O.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "platform/result.hpp"
#include "platform/util/enum_names.hpp"

namespace harmoni::peduli {

inline constexpr std::array<std::string_view, 3> kQuestions = {"seen", "felt", "change"};
inline constexpr size_t kMaxAnswerChars = 4000;

enum class Sharing { kPrivate, kMentor, kSuperior };
inline constexpr EnumName<Sharing> kSharingNames[] = {
    {Sharing::kPrivate, "private"}, {Sharing::kMentor, "mentor"}, {Sharing::kSuperior, "superior"}};
constexpr std::span<const EnumName<Sharing>> enum_names(Sharing) { return kSharingNames; }

struct Reflection {
  int64_t id = 0;
  int64_t activity_id = 0;
  int64_t asn_id = 0;
  std::array<std::string, 3> answers;  // by kQuestions
  Sharing sharing = Sharing::kPrivate;
  std::optional<int64_t> mentor_asn_id;  // with Sharing::kMentor
};

// At least one answer; each at most kMaxAnswerChars; a mentor when shared with one (not
// the writer). Field errors name "seen", "felt", "change", "mentor".
Status validate(const Reflection& reflection);

// Whether a reader may read it: the writer always; the mentor or a superior of the
// writer only as the writer chose. `reader_is_superior` is decided by the caller from
// the unit tree.
bool may_read(const Reflection& reflection, int64_t reader_asn_id, bool reader_is_superior);

}  // namespace harmoni::peduli
