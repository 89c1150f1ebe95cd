#include "learning/record.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace harmoni::learning {
namespace {

TEST(Record, ValidationAndTheXapiShape) {
  LearningRecord r{.source = Source::kClass,
                   .source_ref = "class:4:17",
                   .verb = "passed",
                   .title = "Komunikasi antarbudaya",
                   .activity_type = "intercultural",
                   .completed_on = {2026, 3, 4},
                   .minutes = 1080,
                   .jp_e2 = 2400,
                   .score = 88,
                   .passed = true};
  EXPECT_TRUE(validate(r).ok());
  auto s = xapi_statement(r, "198001012005011001", "https://harmoni.sambas.go.id");
  EXPECT_EQ(s["actor"]["account"]["name"], "198001012005011001");
  EXPECT_EQ(s["verb"]["id"], "http://adlnet.gov/expapi/verbs/passed");
  EXPECT_EQ(s["object"]["definition"]["name"]["id-ID"], "Komunikasi antarbudaya");
  EXPECT_EQ(s["result"]["duration"], "PT1080M");
  EXPECT_EQ(s["result"]["score"]["raw"], 88);
  EXPECT_TRUE(s["result"]["success"].get<bool>());
  EXPECT_EQ(s["timestamp"], "2026-03-04T00:00:00+07:00");
  EXPECT_EQ(s.dump().find("@"), std::string::npos) << "no e-mail in a statement";
  r.title = "";
  r.minutes = 0;
  r.score = 101;
  EXPECT_EQ(validate(r).error().fields.size(), 3u);
  for (Source src : {Source::kClass, Source::kClaim, Source::kPeduli, Source::kLms, Source::kKb})
    EXPECT_EQ(parse_enum<Source>(enum_name(src)), src);
}

}  // namespace
}  // namespace harmoni::learning
