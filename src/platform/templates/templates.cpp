#include "platform/templates/templates.hpp"

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

#include "platform/embedded.hpp"

namespace harmoni {

namespace mst = kainjow::mustache;

struct Templates::Compiled {
  explicit Compiled(const std::string& text) : tmpl(text) {}
  mst::mustache tmpl;
};

namespace {

Result<std::string> inline_partials(const std::map<std::string, std::string>& sources,
                                    const std::string& text, int depth) {
  if (depth > 8) return Error::internal("template partials nest too deep");
  std::string out;
  size_t pos = 0;
  for (;;) {
    size_t open = text.find("{{>", pos);
    if (open == std::string::npos) break;
    size_t close = text.find("}}", open);
    if (close == std::string::npos) return Error::internal("unclosed partial tag");
    std::string name = text.substr(open + 3, close - open - 3);
    name.erase(0, name.find_first_not_of(' '));
    name.erase(name.find_last_not_of(' ') + 1);
    auto it = sources.find(name);
    if (it == sources.end()) return Error::internal("unknown partial: " + name);
    out += text.substr(pos, open - pos);
    out += TRY(inline_partials(sources, it->second, depth + 1));
    pos = close + 2;
  }
  out += text.substr(pos);
  return out;
}

Result<std::string> translate_markers(const std::string& text, const i18n::Catalogs& catalogs,
                                      std::string_view lang, std::string_view name) {
  std::string out;
  size_t pos = 0;
  for (;;) {
    size_t open = text.find("[[", pos);
    if (open == std::string::npos) break;
    size_t close = text.find("]]", open);
    if (close == std::string::npos)
      return Error::internal("unclosed [[ in template " + std::string(name));
    std::string key = text.substr(open + 2, close - open - 2);
    if (!catalogs.has(lang, key)) {
      return Error::internal("template " + std::string(name) + " uses unknown message " + key +
                             " (" + std::string(lang) + ")");
    }
    out += text.substr(pos, open - pos);
    out += catalogs.text(lang, key);
    pos = close + 2;
  }
  out += text.substr(pos);
  return out;
}

mst::data to_data(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      mst::data obj{mst::data::type::object};
      for (auto& [k, v] : value.items()) obj.set(k, to_data(v));
      return obj;
    }
    case nlohmann::json::value_t::array: {
      mst::data list{mst::data::type::list};
      for (const auto& v : value) list.push_back(to_data(v));
      return list;
    }
    case nlohmann::json::value_t::string:
      // An empty string is false in a section, as in mustache.js: {{#note}}…{{/note}}
      // shows nothing for no note. As a variable it renders empty either way.
      if (value.get_ref<const std::string&>().empty())
        return mst::data(mst::data::type::bool_false);
      return mst::data(value.get<std::string>());
    case nlohmann::json::value_t::boolean:
      return mst::data(value.get<bool>() ? mst::data::type::bool_true
                                         : mst::data::type::bool_false);
    case nlohmann::json::value_t::null:
      return mst::data(mst::data::type::bool_false);
    default:
      return mst::data(value.dump());
  }
}

}  // namespace

Templates::Templates() = default;
Templates::~Templates() = default;
Templates::Templates(Templates&&) noexcept = default;
Templates& Templates::operator=(Templates&&) noexcept = default;

Result<Templates> Templates::load_embedded(const i18n::Catalogs& catalogs) {
  std::map<std::string, std::string> sources;
  constexpr std::string_view kPrefix = "assets/templates/";
  constexpr std::string_view kSuffix = ".mustache";
  for (const auto& file : embedded_files()) {
    if (!file.path.starts_with(kPrefix) || !file.path.ends_with(kSuffix)) continue;
    std::string name(
        file.path.substr(kPrefix.size(), file.path.size() - kPrefix.size() - kSuffix.size()));
    sources.emplace(std::move(name), std::string(file.data));
  }
  return from_sources(sources, catalogs);
}

Result<Templates> Templates::from_sources(const std::map<std::string, std::string>& sources,
                                          const i18n::Catalogs& catalogs) {
  Templates t;
  for (const auto& lang : catalogs.languages()) {
    auto& per_lang = t.compiled_[lang];
    for (const auto& [name, text] : sources) {
      std::string expanded = TRY(inline_partials(sources, text, 0));
      std::string translated = TRY(translate_markers(expanded, catalogs, lang, name));
      auto compiled = std::make_shared<Compiled>(translated);
      if (!compiled->tmpl.is_valid()) {
        return Error::internal("template " + name + ": " + compiled->tmpl.error_message());
      }
      per_lang.emplace(name, std::move(compiled));
    }
  }
  return t;
}

bool Templates::has(std::string_view name) const {
  return !compiled_.empty() && compiled_.begin()->second.contains(name);
}

Result<std::string> Templates::render(std::string_view lang, std::string_view name,
                                      const nlohmann::json& data) const {
  auto per_lang = compiled_.find(lang);
  if (per_lang == compiled_.end()) per_lang = compiled_.find(i18n::kDefaultLang);
  if (per_lang == compiled_.end()) return Error::internal("no templates loaded");
  auto it = per_lang->second.find(name);
  if (it == per_lang->second.end()) return Error::internal("unknown template " + std::string(name));
  // kainjow's mustache object keeps render state, so each render uses its own copy.
  mst::mustache tmpl = it->second->tmpl;
  std::string out = tmpl.render(to_data(data));
  if (!tmpl.error_message().empty())
    return Error::internal("render " + std::string(name) + ": " + tmpl.error_message());
  return out;
}

}  // namespace harmoni
