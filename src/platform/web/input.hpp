// Reads and checks request input at the boundary: an HTML form or a JSON object,
// through one interface, so pages and the API validate the same way.
//
// Each getter records a FieldError (message key + field name) when the value is
// missing or malformed and returns nullopt; finish() reports them all at once,
// plus any unknown JSON field.
#pragma once

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.hpp"
#include "platform/util/utf8.hpp"

namespace harmoni::web {

struct TextRule {
  bool required = true;
  size_t min_chars = 0;
  size_t max_chars = 200;
  bool multiline = false;  // allows \n and \t
};

struct IntRule {
  bool required = true;
  int64_t min = std::numeric_limits<int64_t>::min();
  int64_t max = std::numeric_limits<int64_t>::max();
};

class Input {
 public:
  static Result<Input> from_form(std::string_view body);
  static Result<Input> from_json(std::string_view body);
  // From an already parsed JSON object (nested objects, CSV rows).
  static Input from_object(nlohmann::json object, bool strict_types);

  std::optional<std::string> text(std::string_view name, const TextRule& rule = {});
  std::optional<int64_t> integer(std::string_view name, const IntRule& rule = {});
  // JSON: true/false; form: a checkbox (present means true). Missing gives false.
  bool flag(std::string_view name);
  // One of the allowed values.
  std::optional<std::string> choice(std::string_view name, const std::vector<std::string>& allowed,
                                    bool required = true);
  // A nested JSON object as its own Input (nullopt when absent, or not an object:
  // then an error is recorded). Hand it back with absorb() once read.
  std::optional<Input> nested(std::string_view name);
  // Takes over a nested Input's errors (and unknown fields), named "name.field".
  void absorb(std::string_view name, Input& child);
  // A JSON array of texts, each checked by `each` (errors name "name[i]"); nullopt with
  // an error when it is not an array or holds more than max_items. Forms send one
  // field per value instead: see keys_with_prefix().
  std::optional<std::vector<std::string>> text_list(std::string_view name, size_t max_items,
                                                    const TextRule& each = {});
  // The names of the fields sent that start with `prefix`, without it, in name order:
  // forms with a field per item ("score:HA.1") and JSON objects whose keys are data.
  std::vector<std::string> keys_with_prefix(std::string_view prefix) const;
  // Whether the field was sent (PATCH reads only what is present).
  bool has(std::string_view name) const { return values_.contains(name); }
  // Marks a field as known without reading it (e.g. the CSRF token).
  void ignore(std::string_view name) { used_.insert(std::string(name)); }

  void add_error(std::string field, std::string key, MessageArgs args = {});
  bool has_errors() const { return !errors_.empty(); }
  // All collected errors, and for JSON any field that nobody read.
  Status finish();
  // finish(), with the field errors of a check made on what was read (so every problem
  // is reported at once); a check that failed otherwise is returned as it is.
  Status finish_with(Status checked);
  bool is_json() const { return strict_types_; }
  // Raw string value as sent (forms re-display it); "" when absent.
  std::string raw(std::string_view name) const;

 private:
  const nlohmann::json* find(std::string_view name);

  nlohmann::json values_ = nlohmann::json::object();
  bool strict_types_ = false;  // JSON keeps types; form values are all strings
  std::set<std::string, std::less<>> used_;
  std::vector<FieldError> errors_;
};

}  // namespace harmoni::web
