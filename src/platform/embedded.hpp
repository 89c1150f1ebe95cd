// Files built into the binary (assets/, migrations/, data/), so one executable
// carries its templates, catalogs, schema and static assets.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace harmoni {

struct EmbeddedFile {
  std::string_view path;  // relative to the source root, e.g. "assets/static/app.css"
  std::string_view data;
};

std::span<const EmbeddedFile> embedded_files();
std::optional<std::string_view> embedded_file(std::string_view path);

}  // namespace harmoni
