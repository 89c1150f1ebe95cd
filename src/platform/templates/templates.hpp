// Server-side HTML from mustache templates (assets/templates/*.mustache).
//
// At load, each template is prepared once per language: `{{> name}}` partials are
// inlined and `[[message.key]]` markers are replaced by the catalog's text, so a
// render only fills in data. `{{name}}` HTML-escapes; `{{{name}}}` is reserved for
// HTML the server built itself (never for stored or user text).
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "platform/i18n/i18n.hpp"
#include "platform/result.hpp"

namespace harmoni {

class Templates {
 public:
  static Result<Templates> load_embedded(const i18n::Catalogs& catalogs);
  // Builds from explicit sources (tests): name -> template text.
  static Result<Templates> from_sources(const std::map<std::string, std::string>& sources,
                                        const i18n::Catalogs& catalogs);

  Result<std::string> render(std::string_view lang, std::string_view name,
                             const nlohmann::json& data) const;
  bool has(std::string_view name) const;

  Templates();
  ~Templates();
  Templates(Templates&&) noexcept;
  Templates& operator=(Templates&&) noexcept;

 private:
  struct Compiled;
  // lang -> template name -> compiled template
  std::map<std::string, std::map<std::string, std::shared_ptr<Compiled>, std::less<>>, std::less<>>
      compiled_;
};

}  // namespace harmoni
