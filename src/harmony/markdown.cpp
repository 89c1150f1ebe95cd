#include "harmony/markdown.hpp"

#include <cmark.h>

#include <cstdlib>
#include <memory>

namespace harmoni::harmony {
namespace {

struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct IterDeleter {
  void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};

}  // namespace

std::string markdown_html(std::string_view markdown) {
  char* html = cmark_markdown_to_html(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT);
  if (!html) return "";
  std::string out(html);
  std::free(html);
  return out;
}

std::string markdown_plain(std::string_view markdown) {
  std::unique_ptr<cmark_node, NodeDeleter> doc(
      cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT));
  if (!doc) return "";
  std::unique_ptr<cmark_iter, IterDeleter> it(cmark_iter_new(doc.get()));
  std::string out;
  cmark_event_type ev;
  while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
    cmark_node* node = cmark_iter_get_node(it.get());
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
      case CMARK_NODE_CODE_BLOCK:
        if (const char* literal = cmark_node_get_literal(node)) out += literal;
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        out += ' ';
        break;
      case CMARK_NODE_PARAGRAPH:
      case CMARK_NODE_HEADING:
      case CMARK_NODE_ITEM:
        if (ev == CMARK_EVENT_EXIT && !out.empty() && out.back() != '\n') out += '\n';
        break;
      default:
        break;
    }
  }
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

}  // namespace harmoni::harmony
