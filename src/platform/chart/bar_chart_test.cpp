#include "platform/chart/bar_chart.hpp"

#include <gtest/gtest.h>

namespace harmoni::chart {
namespace {

int count(const std::string& text, const std::string& what) {
  int n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(BarChart, OneBarPerEntryScaledToTheLargest) {
  std::string svg =
      bar_chart_svg({"Peserta", {{"2026-01", 10, "10"}, {"2026-02", 5, "5"}, {"2026-03", 0, "0"}}});
  EXPECT_EQ(count(svg, "<rect"), 3);
  // The plot is 180 units high: the largest bar fills it, half the value half of it.
  EXPECT_NE(svg.find(R"(height="180.0")"), std::string::npos);
  EXPECT_NE(svg.find(R"(height="90.0")"), std::string::npos);
  EXPECT_NE(svg.find(R"(height="0.0")"), std::string::npos);
  EXPECT_NE(svg.find(R"(aria-label="Peserta")"), std::string::npos);
  EXPECT_NE(svg.find(">2026-02<"), std::string::npos);
}

TEST(BarChart, EscapesTextAndDrawsNothingForNoData) {
  std::string svg = bar_chart_svg({"a \"<b>\" & c", {{"<x>", 1, "1"}}});
  EXPECT_NE(svg.find("a &quot;&lt;b&gt;&quot; &amp; c"), std::string::npos);
  EXPECT_NE(svg.find(">&lt;x&gt;<"), std::string::npos);
  EXPECT_EQ(svg.find("<x>"), std::string::npos);
  std::string empty = bar_chart_svg({"kosong", {}});
  EXPECT_EQ(count(empty, "<rect"), 0);
  EXPECT_NE(empty.find("<line"), std::string::npos);
}

}  // namespace
}  // namespace harmoni::chart
