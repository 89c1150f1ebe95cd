#include "desk/desk.hpp"

#include "org/org.hpp"

namespace harmoni::desk {
namespace {

void check_text(std::vector<FieldError>& errors, const char* field, const std::string& value,
                size_t max, bool required) {
  if (required && value.empty()) {
    errors.push_back({field, "input.required", {}});
  } else if (value.size() > max) {
    errors.push_back({field, "input.too_long", {{"max", std::to_string(max)}}});
  }
}

}  // namespace

Status validate(Service& s) {
  std::vector<FieldError> errors;
  s.code = org::upper_code(s.code);
  if (!org::is_valid_code(s.code)) errors.push_back({"code", "code.invalid", {}});
  check_text(errors, "name", s.name, 200, true);
  check_text(errors, "requirements", s.requirements, 4000, false);
  check_text(errors, "procedure", s.procedure, 4000, false);
  check_text(errors, "cost", s.cost, 500, true);
  check_text(errors, "product", s.product, 500, true);
  check_text(errors, "complaints", s.complaints, 1000, false);
  if (s.standard_minutes < 1 || s.standard_minutes > 525600) {
    errors.push_back({"standard_minutes", "input.out_of_range", {{"min", "1"}, {"max", "525600"}}});
  }
  s.ticket_prefix = org::upper_code(s.ticket_prefix);
  if (s.ticket_prefix.empty() || s.ticket_prefix.size() > 2 ||
      s.ticket_prefix.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string::npos) {
    errors.push_back({"ticket_prefix", "service.prefix_invalid", {}});
  }
  if (!errors.empty()) return Error::fields_invalid(std::move(errors));
  return {};
}

Status validate(Counter& c) {
  std::vector<FieldError> errors;
  c.code = org::upper_code(c.code);
  if (!org::is_valid_code(c.code)) errors.push_back({"code", "code.invalid", {}});
  check_text(errors, "name", c.name, 100, true);
  if (!errors.empty()) return Error::fields_invalid(std::move(errors));
  return {};
}

}  // namespace harmoni::desk
