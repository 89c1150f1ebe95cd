#include "platform/qr/qr_svg.hpp"

#include <gtest/gtest.h>

namespace harmoni::qr {
namespace {

TEST(QrSvg, EncodesIntoAnAccessibleSvg) {
  auto a = svg("https://harmoni.example/s/abc", "Survei <kunjungan>");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->rfind("<svg", 0), 0u);
  EXPECT_NE(a->find(R"(aria-label="Survei &lt;kunjungan&gt;")"), std::string::npos);
  EXPECT_NE(a->find("viewBox=\"0 0 37 37\""),
            std::string::npos);  // version 3: 29 modules + quiet zone
  auto b = svg("https://harmoni.example/s/abd", "x");
  EXPECT_NE(*a, *b);  // a different text gives a different code
}

}  // namespace
}  // namespace harmoni::qr
