// The command-line commands. Each returns the process exit status; errors go to
// stderr in the chosen language (Bahasa Indonesia by default).
#pragma once

#include <string>

#include "platform/config/config.hpp"

namespace harmoni::cli {

struct Common {
  Config config;
  std::string lang = "id";
};

int serve(const Common& common, bool demo);
int migrate(const Common& common);
int demo(const Common& common, int scale, int64_t survey_responses, int64_t complaint_volume);

struct UserAdd {
  std::string email, role, instansi, unit, name, lang = "id";
};
int user_add(const Common& common, const UserAdd& args);  // password from stdin
int token_create(const Common& common, const std::string& email, const std::string& name);
int audit_verify(const Common& common);
int backup(const Common& common, const std::string& to);
int asn_import(const Common& common, const std::string& instansi, const std::string& file,
               const std::string& mode);

}  // namespace harmoni::cli
