#include "harmony/article_file.hpp"

#include <string>

namespace harmoni::harmony {

Result<Article> parse_article_file(std::string_view text) {
  Article a;
  int line_no = 0;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    if (line.empty()) break;  // the body follows
    const size_t colon = line.find(": ");
    auto bad = [&] {
      return Error::invalid("kb.file_invalid", {{"line", std::to_string(line_no)}});
    };
    if (colon == std::string_view::npos) return bad();
    const std::string_view key = line.substr(0, colon);
    std::string_view value = line.substr(colon + 2);
    if (key == "title") {
      a.title = value;
    } else if (key == "question") {
      a.questions.emplace_back(value);
    } else if (key == "scope") {
      auto scope = parse_enum<Scope>(value);
      if (!scope) return bad();
      a.scope = *scope;
    } else if (key == "tags") {
      while (!value.empty()) {
        const size_t space = value.find(' ');
        auto tag = parse_tag(value.substr(0, space));
        if (!tag) return bad();
        a.tags.push_back(*tag);
        value = space == std::string_view::npos ? std::string_view() : value.substr(space + 1);
      }
    } else {
      return bad();
    }
  }
  a.body = text;
  while (!a.body.empty() && a.body.back() == '\n') a.body.pop_back();
  return a;
}

}  // namespace harmoni::harmony
