#include "learning/claim.hpp"

#include "learning/jp.hpp"
#include "platform/files/file_kind.hpp"

namespace harmoni::learning {

Status validate(const Claim& c, const Date& today) {
  std::vector<FieldError> errors;
  if (c.title.size() < 3) errors.push_back({"title", "input.too_short", {{"min", "3"}}});
  auto done = parse_date(c.completed_on);
  if (!done) {
    errors.push_back({"completed_on", "learning.date_invalid", {}});
  } else if (today < *done) {
    errors.push_back({"completed_on", "learning.date_future", {}});
  } else if (done->year < today.year - 1) {
    // Claims are made while the year still counts; older learning is history.
    errors.push_back(
        {"completed_on", "learning.date_too_old", {{"year", std::to_string(today.year - 1)}}});
  }
  if (c.minutes < 15 || c.minutes > kMaxRecordMinutes) {
    errors.push_back({"minutes",
                      "input.out_of_range",
                      {{"min", "15"}, {"max", std::to_string(kMaxRecordMinutes)}}});
  }
  if (!errors.empty()) return Error::fields_invalid(std::move(errors));
  return {};
}

Result<std::string> evidence_type(std::string_view bytes) {
  if (bytes.empty()) return Error::field("evidence", "learning.evidence_empty");
  if (bytes.size() > kMaxEvidenceBytes) {
    return Error::field("evidence", "learning.evidence_size",
                        {{"max", std::to_string(kMaxEvidenceBytes / (1024 * 1024))}});
  }
  auto kind = sniff_file(bytes);
  if (!kind) return Error::field("evidence", "learning.evidence_type");
  return std::string(content_type(*kind));
}

}  // namespace harmoni::learning
