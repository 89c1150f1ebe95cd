#include "platform/auth/credentials.hpp"

#include <algorithm>
#include <cctype>

#include "platform/util/utf8.hpp"

namespace harmoni::auth {

std::string normalize_email(std::string_view email) {
  while (!email.empty() && std::isspace(static_cast<unsigned char>(email.front())))
    email.remove_prefix(1);
  while (!email.empty() && std::isspace(static_cast<unsigned char>(email.back())))
    email.remove_suffix(1);
  std::string out(email);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

Status check_password_rule(std::string_view password) {
  if (!is_valid_utf8(password)) return Error::field("password", "error.utf8");
  if (password.size() < 10) return Error::field("password", "password.too_short", {{"min", "10"}});
  if (password.size() > 256) return Error::field("password", "password.too_long", {{"max", "256"}});
  if (password.find_first_not_of(password.front()) == std::string_view::npos) {
    return Error::field("password", "password.too_simple");
  }
  return {};
}

}  // namespace harmoni::auth
