// Bar charts as inline SVG, drawn on the server: no script, no image request on a slow
// link, and sharp at any zoom. The page shows the same figures in a table next to it,
// which is what screen readers use; the chart itself is one labelled image.
#pragma once

#include <string>
#include <vector>

namespace harmoni::chart {

struct Bar {
  std::string label;       // under the bar, e.g. "2026-03"
  double value = 0;        // bar height, from 0
  std::string value_text;  // shown above the bar, e.g. "12"
};

struct BarChart {
  std::string title;  // the image's accessible name
  std::vector<Bar> bars;
};

// An <svg> (responsive width, fixed aspect) with one bar per entry, scaled to the
// largest value; empty input draws the axis only.
std::string bar_chart_svg(const BarChart& chart);

}  // namespace harmoni::chart
