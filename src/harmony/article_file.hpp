// An article kept as a text file: header lines "title: ...", "tags: kind:x indicator:Y",
// "scope: instansi|all", "question: ..." (any number), a blank line, then the Markdown
// body. The demo's knowledge base (data/kb/demo/) is written so. Pure.
#pragma once

#include <string_view>

#include "harmony/article.hpp"
#include "platform/result.hpp"

namespace harmoni::harmony {

// The article's title, body, questions, tags and scope; "kb.file_invalid" (with the
// line) when a header line is not understood.
Result<Article> parse_article_file(std::string_view text);

}  // namespace harmoni::harmony
