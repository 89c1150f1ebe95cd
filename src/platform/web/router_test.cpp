#include "platform/web/router.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "platform/web/app.hpp"

namespace harmoni::web {
namespace {

Reply nothing(Context&) { return Error::not_found(); }
Reply other(Context&) { return Error::forbidden(); }

TEST(Router, MatchesPatternsAndCapturesParameters) {
  Router r;
  r.add({"GET", "/instansi/{code}", nothing});
  r.add({"GET", "/instansi/{code}/units/{unit}", nothing});
  r.add({"POST", "/instansi/{code}", nothing});
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

TEST(Router, LiteralSegmentsWinWhateverTheOrderOfAdding) {
  const RouteDef table[] = {{"GET", "/competency/{id}", nothing},
                            {"GET", "/competency/new", other},
                            {"GET", "/a/{x}/b", nothing},
                            {"GET", "/a/b/{y}", other}};
  for (bool reversed : {false, true}) {
    Router r;
    if (reversed) {
      for (int i = 3; i >= 0; --i) r.add(table[i]);
    } else {
      r.add(table);
    }
    EXPECT_EQ(r.match("GET", "/competency/new").route->handler, &other);
    EXPECT_EQ(r.match("GET", "/competency/7").route->handler, &nothing);
    // The first place the patterns differ decides: "/a/b/..." is literal there.
    EXPECT_EQ(r.match("GET", "/a/b/b").route->handler, &other);
    EXPECT_EQ(r.match("GET", "/a/c/b").route->handler, &nothing);
  }
}

TEST(Router, AnotherMethodOnTheLiteralFallsBackToTheParameter) {
  Router r;
  r.add({"GET", "/competency/new", other});
  r.add({"POST", "/competency/{id}", nothing});
  auto m = r.match("POST", "/competency/new");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/competency/{id}");
}

TEST(Router, RefusesTheSameMethodAndPatternTwice) {
  Router r;
  r.add({"GET", "/units/{id}", nothing});
  EXPECT_THROW(r.add({"GET", "/units/{id}", other}), std::logic_error);
  EXPECT_THROW(r.add({"GET", "/units/{unit_id}", other}), std::logic_error)
      << "the same paths under another parameter name";
  EXPECT_NO_THROW(r.add({"POST", "/units/{id}", other}));
  EXPECT_NO_THROW(r.add({"GET", "/units/new", other}));
  EXPECT_THROW(r.add({"GET", "/x", nullptr}), std::logic_error);
  EXPECT_THROW(r.add({"GET", "/y", nothing, {.access = Access::kAuthenticated, .quick = true}}),
               std::logic_error);
}

}  // namespace
}  // namespace harmoni::web
