#include "harmony/article.hpp"

#include <algorithm>
#include <cctype>

#include "harmony/disharmony.hpp"
#include "harmony/text_rules.hpp"

namespace harmoni::harmony {
namespace {

bool tag_value_shape(const Tag& tag) {
  const std::string& v = tag.value;
  if (v.empty() || v.size() > 40) return false;
  switch (tag.kind) {
    case TagKind::kKind:
      return parse_enum<Kind>(v).has_value();
    case TagKind::kDimension:
      return parse_enum<Dimension>(v).has_value();
    case TagKind::kSetting:
      return parse_enum<Setting>(v).has_value();
    case TagKind::kRegion:
      return std::all_of(v.begin(), v.end(),
                         [](unsigned char c) { return std::isdigit(c) != 0 || c == '.'; });
    case TagKind::kIndicator:
    case TagKind::kProgramme:
      return std::all_of(v.begin(), v.end(), [](unsigned char c) {
        return std::isupper(c) != 0 || std::isdigit(c) != 0 || c == '.' || c == '_' || c == '-';
      });
  }
  return false;
}

}  // namespace

std::optional<Tag> parse_tag(std::string_view text) {
  const size_t colon = text.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  auto kind = parse_enum<TagKind>(text.substr(0, colon));
  if (!kind) return std::nullopt;
  Tag tag{*kind, std::string(text.substr(colon + 1))};
  if (!tag_value_shape(tag)) return std::nullopt;
  return tag;
}

std::string tag_text(const Tag& tag) { return std::string(enum_name(tag.kind)) + ":" + tag.value; }

Status validate(const Article& a) {
  std::vector<FieldError> errors;
  check_length(errors, "title", a.title, 5, kArticleTitleMax);
  check_length(errors, "body", a.body, 50, kArticleBodyMax);
  if (a.questions.size() > kMaxQuestions)
    errors.push_back({"questions", "input.too_many", {{"max", std::to_string(kMaxQuestions)}}});
  for (const std::string& q : a.questions) check_length(errors, "questions", q, 10, 500);
  if (a.tags.size() > kMaxTags)
    errors.push_back({"tags", "input.too_many", {{"max", std::to_string(kMaxTags)}}});
  for (const Tag& t : a.tags)
    if (!tag_value_shape(t)) errors.push_back({"tags", "kb.tag_unknown", {{"tag", tag_text(t)}}});
  return errors_or_ok(std::move(errors));
}

Result<ArticleState> state_after(const Article& a, ArticleStep step, int64_t acting_user_id) {
  auto only_from = [&](ArticleState from, ArticleState to) -> Result<ArticleState> {
    if (a.state != from) return Error::conflict("kb.step_not_allowed");
    return to;
  };
  switch (step) {
    case ArticleStep::kSubmit:
      return only_from(ArticleState::kDraft, ArticleState::kPending);
    case ArticleStep::kApprove:
    case ArticleStep::kReturn:
      if (a.state != ArticleState::kPending) return Error::conflict("kb.step_not_allowed");
      if (a.author_user_id == acting_user_id) return Error::forbidden("kb.approver_is_author");
      return step == ArticleStep::kApprove ? ArticleState::kPublished : ArticleState::kDraft;
    case ArticleStep::kPublish:
      // Lessons of a case always pass a second handler: their names must be gone.
      if (a.case_id) return Error::conflict("kb.case_needs_approval");
      return only_from(ArticleState::kDraft, ArticleState::kPublished);
    case ArticleStep::kWithdraw:
      return only_from(ArticleState::kPublished, ArticleState::kWithdrawn);
  }
  return Error::conflict("kb.step_not_allowed");
}

}  // namespace harmoni::harmony
