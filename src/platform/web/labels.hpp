// An enum's values as the reader reads them: the catalog key is a prefix and the value's
// name ("complaint.kind." + "pengaduan"). Shared by every capability's pages.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "platform/util/enum_names.hpp"
#include "platform/web/app.hpp"

namespace harmoni::web {

template <class E>
std::string label(const Context& ctx, std::string_view prefix, E value) {
  return ctx.t(std::string(prefix) + std::string(enum_name(value)));
}
// Choices of an enum for a form: [{value, label, selected}].
template <class E>
nlohmann::json options(const Context& ctx, std::string_view prefix, std::optional<E> selected) {
  nlohmann::json out = nlohmann::json::array();
  for (E v : enum_values<E>())
    out.push_back(
        {{"value", enum_name(v)}, {"label", label(ctx, prefix, v)}, {"selected", selected == v}});
  return out;
}

}  // namespace harmoni::web
