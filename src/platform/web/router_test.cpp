#include "platform/web/router.hpp"

#include <gtest/gtest.h>

#include "platform/web/app.hpp"

namespace harmoni::web {
namespace {

TEST(Router, MatchesPatternsAndCapturesParameters) {
  Router r;
  auto h = [](Context&) -> Reply { return Error::not_found(); };
  r.add("GET", "/instansi/{code}", h);
  r.add("GET", "/instansi/{code}/units/{unit}", h);
  r.add("POST", "/instansi/{code}", h);
  auto m = r.match("GET", "/instansi/KAB-SAMBAS/units/DUKCAPIL");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/instansi/{code}/units/{unit}");
  EXPECT_EQ(m.params, (PathParams{{"code", "KAB-SAMBAS"}, {"unit", "DUKCAPIL"}}));
  EXPECT_EQ(r.match("POST", "/instansi/X").route->method, "POST");
  EXPECT_EQ(r.match("HEAD", "/instansi/X").route->method, "GET");
  auto wrong = r.match("DELETE", "/instansi/X");
  EXPECT_EQ(wrong.route, nullptr);
  EXPECT_TRUE(wrong.method_mismatch);
  auto none = r.match("GET", "/nothing");
  EXPECT_EQ(none.route, nullptr);
  EXPECT_FALSE(none.method_mismatch);
  EXPECT_EQ(r.match("GET", "/instansi/").route, nullptr) << "empty parameter";
}

}  // namespace
}  // namespace harmoni::web
