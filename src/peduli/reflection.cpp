#include "peduli/reflection.hpp"

#include <algorithm>

namespace harmoni::peduli {

Status validate(const Reflection& r) {
  std::vector<FieldError> errors;
  if (std::all_of(r.answers.begin(), r.answers.end(),
                  [](const std::string& a) { return a.empty(); })) {
    errors.push_back({"seen", "peduli.reflection_empty", {}});
  }
  for (size_t i = 0; i < r.answers.size(); ++i) {
    size_t chars =
        static_cast<size_t>(std::count_if(r.answers[i].begin(), r.answers[i].end(), [](char c) {
          return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        }));
    if (chars > kMaxAnswerChars) {
      errors.push_back({std::string(kQuestions[i]),
                        "input.too_long",
                        {{"max", std::to_string(kMaxAnswerChars)}}});
    }
  }
  if (r.sharing == Sharing::kMentor && (!r.mentor_asn_id || *r.mentor_asn_id == r.asn_id)) {
    errors.push_back({"mentor", "peduli.mentor_required", {}});
  }
  if (!errors.empty()) return Error::fields_invalid(std::move(errors));
  return {};
}

bool may_read(const Reflection& r, int64_t reader, bool reader_is_superior) {
  if (reader == r.asn_id) return true;
  if (r.sharing == Sharing::kMentor) return r.mentor_asn_id && *r.mentor_asn_id == reader;
  if (r.sharing == Sharing::kSuperior) return reader_is_superior;
  return false;
}

}  // namespace harmoni::peduli
