// A knowledge-base article: a documented past conflict and how it was resolved, guidance,
// or the lessons of a closed case, used for self-study and as case-study material in
// training (seed 002). Pure: its checks, its life (a case's lessons are confirmed by their
// author and approved by a second handler before anyone reads them) and its tags.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "platform/result.hpp"
#include "platform/util/enum_names.hpp"

namespace harmoni::harmony {

enum class ArticleState { kDraft, kPending, kPublished, kWithdrawn };
inline constexpr EnumName<ArticleState> kArticleStateNames[] = {
    {ArticleState::kDraft, "draft"},
    {ArticleState::kPending, "pending"},
    {ArticleState::kPublished, "published"},
    {ArticleState::kWithdrawn, "withdrawn"}};
constexpr std::span<const EnumName<ArticleState>> enum_names(ArticleState) {
  return kArticleStateNames;
}

// Who reads it: the author's instansi, or every instansi.
enum class Scope { kInstansi, kAll };
inline constexpr EnumName<Scope> kScopeNames[] = {{Scope::kInstansi, "instansi"},
                                                  {Scope::kAll, "all"}};
constexpr std::span<const EnumName<Scope>> enum_names(Scope) { return kScopeNames; }

// What a tag says: a case kind, a dimension, a setting, a region code, a competency
// indicator (Perekat Bangsa levels "PB.3", Harmonis behaviours "HA.2"), a learning
// programme's code.
enum class TagKind { kKind, kDimension, kSetting, kRegion, kIndicator, kProgramme };
inline constexpr EnumName<TagKind> kTagKindNames[] = {
    {TagKind::kKind, "kind"},           {TagKind::kDimension, "dimension"},
    {TagKind::kSetting, "setting"},     {TagKind::kRegion, "region"},
    {TagKind::kIndicator, "indicator"}, {TagKind::kProgramme, "programme"}};
constexpr std::span<const EnumName<TagKind>> enum_names(TagKind) { return kTagKindNames; }

struct Tag {
  TagKind kind = TagKind::kKind;
  std::string value;
  friend bool operator==(const Tag&, const Tag&) = default;
};
// "kind:discrimination", "indicator:PB.3": the form tags take in the API and in forms.
std::optional<Tag> parse_tag(std::string_view text);
std::string tag_text(const Tag& tag);

struct Article {
  int64_t id = 0;
  int64_t instansi_id = 0;
  std::string title;
  std::string body;                    // Markdown (CommonMark)
  std::vector<std::string> questions;  // reflection questions for self-study
  std::vector<Tag> tags;
  Scope scope = Scope::kInstansi;
  ArticleState state = ArticleState::kDraft;
  std::optional<int64_t> case_id;  // written from a closed case
  std::optional<int64_t> author_user_id;
  std::optional<int64_t> approver_user_id;
  int64_t created_at = 0;    // ms
  int64_t published_at = 0;  // ms, 0 before
  // Joined for display.
  std::string author_name;
  std::string instansi_name;
};

inline constexpr size_t kArticleTitleMax = 200;
inline constexpr size_t kArticleBodyMax = 100'000;
inline constexpr size_t kMaxQuestions = 5;
inline constexpr size_t kMaxTags = 20;
// Title 5..200 characters, body 50..100,000, at most five questions of 10..500, at most
// 20 tags, each known in kind and shape (codes are checked against their catalogues by
// the caller). Every problem at once.
Status validate(const Article& article);

enum class ArticleStep {
  kSubmit,    // the author confirms a draft
  kApprove,   // a second handler publishes it
  kReturn,    // the second handler sends it back with a note
  kPublish,   // written directly by someone who may publish
  kWithdraw,  // taken out of the knowledge base
};
// The state after the step: "kb.step_not_allowed" (conflict) when it cannot be taken
// there, "kb.approver_is_author" (forbidden) when the approver wrote or submitted it.
Result<ArticleState> state_after(const Article& article, ArticleStep step, int64_t acting_user_id);

}  // namespace harmoni::harmony
