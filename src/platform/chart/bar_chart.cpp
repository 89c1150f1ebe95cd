#include "platform/chart/bar_chart.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "platform/util/xml.hpp"

namespace harmoni::chart {

std::string bar_chart_svg(const BarChart& chart) {
  constexpr int kWidth = 640, kHeight = 240, kTop = 24, kBottom = 36, kSide = 8;
  constexpr int kPlot = kHeight - kTop - kBottom;
  double most = 0;
  for (const auto& b : chart.bars) most = std::max(most, b.value);
  const int n = static_cast<int>(chart.bars.size());
  const double slot = n ? static_cast<double>(kWidth - 2 * kSide) / n : 0;
  const double bar_width = slot * 0.7;
  std::string body;
  for (int i = 0; i < n; ++i) {
    const Bar& b = chart.bars[static_cast<size_t>(i)];
    const double h = most > 0 ? std::max(0.0, b.value) / most * kPlot : 0;
    const double x = kSide + i * slot + (slot - bar_width) / 2;
    const double y = kTop + kPlot - h;
    const double mid = x + bar_width / 2;
    body += fmt::format(
        R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" class="chart-bar"/>)", x, y,
        bar_width, h);
    body += fmt::format(
        R"(<text x="{:.1f}" y="{:.1f}" text-anchor="middle" class="chart-value">{}</text>)", mid,
        y - 6, xml_escape(b.value_text));
    body +=
        fmt::format(R"(<text x="{:.1f}" y="{}" text-anchor="middle" class="chart-label">{}</text>)",
                    mid, kHeight - kBottom + 20, xml_escape(b.label));
  }
  return fmt::format(
      R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {0} {1}" role="img" aria-label="{2}" class="chart" preserveAspectRatio="xMidYMid meet"><line x1="{3}" y1="{4}" x2="{5}" y2="{4}" class="chart-axis"/>{6}</svg>)",
      kWidth, kHeight, xml_escape(chart.title), kSide, kTop + kPlot, kWidth - kSide, body);
}

}  // namespace harmoni::chart
