#include "harmony/harmony_web.hpp"

#include "harmony/text_rules.hpp"

namespace harmoni::harmony {

std::string tag_label(const web::Context& ctx, const Tag& tag) {
  switch (tag.kind) {
    case TagKind::kKind:
      if (auto k = parse_enum<Kind>(tag.value)) return label(ctx, kKindLabel, *k);
      break;
    case TagKind::kDimension:
      if (auto d = parse_enum<Dimension>(tag.value)) return label(ctx, kDimensionLabel, *d);
      break;
    case TagKind::kSetting:
      if (auto s = parse_enum<Setting>(tag.value)) return label(ctx, kSettingLabel, *s);
      break;
    default:
      break;
  }
  return tag.value;
}

nlohmann::json tags_json(const web::Context& ctx, const std::vector<Tag>& tags) {
  nlohmann::json out = nlohmann::json::array();
  for (const Tag& t : tags)
    out.push_back(
        {{"text", tag_text(t)}, {"label", tag_label(ctx, t)}, {"href", "/kb?tag=" + tag_text(t)}});
  return out;
}

std::vector<Tag> read_tags(web::Input& in, std::string_view field) {
  std::vector<std::string> texts;
  if (in.is_json()) {
    if (in.has(field))
      texts = in.text_list(field, kMaxTags, {.max_chars = 60}).value_or(std::vector<std::string>{});
  } else {
    std::string list = in.text(field, {.required = false, .max_chars = 2000}).value_or("");
    size_t at = 0;
    while (at < list.size()) {
      const size_t space = list.find_first_of(" \t\r\n,", at);
      std::string word =
          list.substr(at, space == std::string::npos ? std::string::npos : space - at);
      if (!word.empty()) texts.push_back(word);
      if (space == std::string::npos) break;
      at = space + 1;
    }
  }
  std::vector<Tag> tags;
  for (const std::string& text : texts) {
    if (auto tag = parse_tag(text)) {
      if (std::find(tags.begin(), tags.end(), *tag) == tags.end()) tags.push_back(*tag);
    } else {
      in.add_error(std::string(field), "kb.tag_unknown", {{"tag", text}});
    }
  }
  return tags;
}

Article read_article_fields(web::Input& in) {
  Article a;
  a.title = in.text("title", {.max_chars = kArticleTitleMax}).value_or("");
  a.body = in.text("body", {.max_chars = kArticleBodyMax, .multiline = true}).value_or("");
  if (in.is_json()) {
    if (in.has("questions"))
      a.questions = in.text_list("questions", kMaxQuestions, {.max_chars = 500})
                        .value_or(std::vector<std::string>{});
  } else {
    a.questions = nonblank_lines(
        in.text("questions", {.required = false, .max_chars = 3000, .multiline = true})
            .value_or(""));
  }
  a.tags = read_tags(in, "tags");
  if (auto scope = in.choice("scope", enum_name_list<Scope>(), false))
    a.scope = *parse_enum<Scope>(*scope);
  return a;
}

}  // namespace harmoni::harmony
