// docs/api.md and the server's API routes must agree, both ways.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "cli/wiring.hpp"
#include "support/backends.hpp"
#include "support/seed.hpp"

namespace harmoni::test {
namespace {

TEST(ApiDoc, EveryApiRouteIsDocumentedAndNothingElse) {
  std::ifstream in(std::string(HARMONI_SOURCE_DIR) + "/docs/api.md");
  ASSERT_TRUE(in) << "docs/api.md is missing";
  std::stringstream text;
  text << in.rdbuf();
  std::string doc = text.str();
  std::set<std::string> documented;
  std::regex row(R"re(\|\s*`(GET|POST|PATCH|PUT|DELETE)`\s*\|\s*`(/api/v1/[^`]*)`)re");
  for (std::sregex_iterator it(doc.begin(), doc.end(), row), end; it != end; ++it) {
    documented.insert((*it)[1].str() + " " + (*it)[2].str());
  }
  ASSERT_FALSE(documented.empty());

  auto t = open_backend("sqlite", false);
  SystemClock clock;
  SystemRandom random;
  Config config;
  auto catalogs = i18n::Catalogs::load_embedded().release_value();
  auto templates = Templates::load_embedded(catalogs).release_value();
  auth::AuthStore auth(*t.db, clock, random);
  events::Hub hub("test");
  web::App app(
      web::Services{config, *t.db, clock, random, test_vault(), catalogs, templates, auth, hub});
  cli::register_all_routes(app);
  std::set<std::string> served;
  for (const auto& route : app.router().routes()) {
    if (route.is_api()) served.insert(route.method + " " + route.pattern);
  }
  for (const auto& r : served) EXPECT_TRUE(documented.contains(r)) << "undocumented: " << r;
  for (const auto& r : documented)
    EXPECT_TRUE(served.contains(r)) << "documented but not served: " << r;
}

}  // namespace
}  // namespace harmoni::test
