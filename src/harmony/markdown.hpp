// Articles are written in Markdown (CommonMark, by Debian's libcmark). Rendered safely:
// raw HTML is dropped and links other than http(s), mailto and relative ones are removed
// (cmark's default since 0.29), so an article cannot carry a script. Pure.
#pragma once

#include <string>
#include <string_view>

namespace harmoni::harmony {

std::string markdown_html(std::string_view markdown);
// The text a reader sees, without markup (for the index and the snippets): blocks end
// with a line break.
std::string markdown_plain(std::string_view markdown);

}  // namespace harmoni::harmony
