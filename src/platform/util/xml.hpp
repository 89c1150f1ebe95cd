// Text placed inside XML or HTML markup built outside the templates (SVG).
#pragma once

#include <string>
#include <string_view>

namespace harmoni {

// &, <, > and " as entities: safe in element text and in double-quoted attributes.
std::string xml_escape(std::string_view text);

}  // namespace harmoni
