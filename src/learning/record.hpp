// The JP ledger's entry: one piece of learning one person completed. It keeps who,
// what, when, how long, the result and where it came from, the shape of an xAPI
// statement (actor, verb, object, result, timestamp), so it can be handed to a learning
// record store later. Pure domain: no I/O.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "platform/result.hpp"
#include "platform/util/date.hpp"
#include "platform/util/enum_names.hpp"

namespace harmoni::learning {

// Where a record came from; each source's reference is unique, which makes imports
// and completions idempotent.
enum class Source { kClass, kClaim, kPeduli, kLms, kKb };
inline constexpr EnumName<Source> kSourceNames[] = {{Source::kClass, "class"},
                                                    {Source::kClaim, "claim"},
                                                    {Source::kPeduli, "peduli"},
                                                    {Source::kLms, "lms"},
                                                    {Source::kKb, "kb"}};
constexpr std::span<const EnumName<Source>> enum_names(Source) { return kSourceNames; }

struct LearningRecord {
  int64_t id = 0;
  int64_t asn_id = 0;
  Source source = Source::kClass;
  std::string source_ref;          // "class:12:45" (class and person), "claim:7", "peduli:3:45",
                                   // "lms:<provider>:<id>", "kb:<article>:<person>"
  std::string verb = "completed";  // xAPI verb: completed, passed, failed, attended
  std::string title;               // what was learnt (the xAPI object's name)
  std::string activity_type;  // a programme type, "self_study", "on_the_job", "social_care", an
                              // LMS's course
  Date completed_on;          // counts in this calendar year
  int64_t minutes = 0;
  int64_t jp_e2 = 0;
  std::optional<int> score;  // 0..100
  std::optional<bool> passed;
};

// A title, a real date, minutes 1..kMaxRecordMinutes, JP 0..1000, score 0..100.
Status validate(const LearningRecord& record);

// The record as an xAPI statement. The actor is identified by NIP under the server's
// home page (an account name), never by e-mail.
nlohmann::json xapi_statement(const LearningRecord& record, std::string_view nip,
                              std::string_view home_page);

}  // namespace harmoni::learning
