// What the harmony and knowledge-base pages and API share: the catalog prefixes of their
// labels, a tag as people read it, and reading an article from a form or JSON.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "harmony/kb_cases.hpp"
#include "platform/web/app.hpp"
#include "platform/web/labels.hpp"

namespace harmoni::harmony {

using web::label;
using web::options;

inline constexpr std::string_view kKindLabel = "harmony.kind.";
inline constexpr std::string_view kDimensionLabel = "harmony.dimension.";
inline constexpr std::string_view kSettingLabel = "harmony.setting.";
inline constexpr std::string_view kStatusLabel = "harmony.status.";
inline constexpr std::string_view kOutcomeLabel = "harmony.outcome.";
inline constexpr std::string_view kReferralLabel = "harmony.referral.";
inline constexpr std::string_view kStepLabel = "harmony.step.";
inline constexpr std::string_view kPartyLabel = "harmony.party.";
inline constexpr std::string_view kSourceLabel = "harmony.source.";
inline constexpr std::string_view kCauseLabel = "harmony.cause.";
inline constexpr std::string_view kAgreementLabel = "harmony.agreement.";
inline constexpr std::string_view kOriginLabel = "harmony.origin.";
inline constexpr std::string_view kArticleStateLabel = "kb.state.";
inline constexpr std::string_view kScopeLabel = "kb.scope.";

// "Diskriminasi", "PB.3.1": a tag as its reader reads it.
std::string tag_label(const web::Context& ctx, const Tag& tag);
// [{text, label, href}] for an article's tags, each a link to the articles it names.
nlohmann::json tags_json(const web::Context& ctx, const std::vector<Tag>& tags);
// An article's fields from a form (tags space-separated, questions one a line) or JSON
// (arrays); the problems are collected in `in`.
Article read_article_fields(web::Input& in);
// The tags of a space-separated list or a JSON array: an unknown one is a field error.
std::vector<Tag> read_tags(web::Input& in, std::string_view field);

}  // namespace harmoni::harmony
