#include "survey/report_pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>

#include <algorithm>
#include <memory>

namespace harmoni::survey {
namespace {

constexpr double kPageWidth = 595.28;  // A4 in points
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 56;
constexpr double kBottom = kPageHeight - kMargin;
constexpr const char* kFont = "DejaVu Sans";

// A cursor that writes down the page and starts a new one when full.
class Writer {
 public:
  explicit Writer(cairo_t* cr) : cr_(cr) {}

  void font(double size, bool bold) {
    cairo_select_font_face(cr_, kFont, CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr_, size);
    size_ = size;
  }

  void need(double height) {
    if (y_ + height > kBottom) new_page();
  }

  void new_page() {
    cairo_show_page(cr_);
    y_ = kMargin;
  }

  // Wrapped text from x to the right margin; returns nothing, advances the cursor.
  void text(const std::string& s, double x = kMargin, double width = kPageWidth - 2 * kMargin) {
    std::vector<std::string> lines = wrap(s, width);
    for (const auto& line : lines) {
      need(size_ * 1.4);
      y_ += size_ * 1.2;
      cairo_move_to(cr_, x, y_);
      cairo_show_text(cr_, line.c_str());
      y_ += size_ * 0.2;
    }
  }

  void heading(const std::string& s) {
    need(40);
    y_ += 10;
    font(13, true);
    text(s);
    font(10, false);
    y_ += 2;
  }

  void gap(double h) { y_ += h; }
  double y() const { return y_; }
  void set_y(double y) { y_ = y; }
  cairo_t* cr() { return cr_; }

  std::vector<std::string> wrap(const std::string& s, double width) {
    std::vector<std::string> lines;
    std::string line, word;
    auto fits = [&](const std::string& candidate) {
      cairo_text_extents_t ext;
      cairo_text_extents(cr_, candidate.c_str(), &ext);
      return ext.x_advance <= width;
    };
    auto flush_word = [&] {
      if (word.empty()) return;
      std::string candidate = line.empty() ? word : line + " " + word;
      if (fits(candidate) || line.empty()) {
        line = candidate;
      } else {
        lines.push_back(line);
        line = word;
      }
      word.clear();
    };
    for (char c : s) {
      if (c == ' ' || c == '\n') {
        flush_word();
        if (c == '\n') {
          lines.push_back(line);
          line.clear();
        }
      } else {
        word += c;
      }
    }
    flush_word();
    if (!line.empty() || lines.empty()) lines.push_back(line);
    return lines;
  }

 private:
  cairo_t* cr_;
  double y_ = kMargin;
  double size_ = 10;
};

// A table with fixed column widths (fractions of the text width); a header row in bold.
// Cells wrap; a row is as tall as its longest cell, at least min_height.
void table(Writer& w, const std::vector<double>& widths, const std::vector<std::string>& header,
           const std::vector<std::vector<std::string>>& rows, double min_height = 16) {
  constexpr double kLine = 12;
  const double full = kPageWidth - 2 * kMargin;
  auto draw_row = [&](const std::vector<std::string>& cells, bool bold) {
    w.font(9.5, bold);
    std::vector<std::vector<std::string>> wrapped;
    size_t most = 1;
    for (size_t c = 0; c < cells.size(); ++c) {
      wrapped.push_back(w.wrap(cells[c], widths[c] * full - 6));
      most = std::max(most, wrapped.back().size());
    }
    const double height = std::max(min_height, static_cast<double>(most) * kLine + 4);
    w.need(height + 4);
    w.font(9.5, bold);
    double x = kMargin;
    const double top = w.y();
    for (size_t c = 0; c < cells.size(); ++c) {
      for (size_t l = 0; l < wrapped[c].size(); ++l) {
        cairo_move_to(w.cr(), x + 3, top + kLine * static_cast<double>(l + 1) - 0.5);
        cairo_show_text(w.cr(), wrapped[c][l].c_str());
      }
      cairo_rectangle(w.cr(), x, top, widths[c] * full, height);
      x += widths[c] * full;
    }
    cairo_set_line_width(w.cr(), 0.5);
    cairo_stroke(w.cr());
    w.set_y(top + height);
  };
  draw_row(header, true);
  for (const auto& r : rows) draw_row(r, false);
  w.font(10, false);
  w.gap(6);
}

// Horizontal bars of the NRR of each element on the 1..4 scale. Element names wrap
// (some are long, more so in English), and a row grows to fit its name.
void chart(Writer& w, const std::vector<ReportElement>& elements) {
  constexpr double kBar = 14, kGap = 6, kLine = 10.5, kLabelWidth = 190;
  const double full = kPageWidth - 2 * kMargin - kLabelWidth - 40;
  w.font(9, false);
  std::vector<std::vector<std::string>> labels;
  std::vector<double> row_top;
  double height = 0;
  for (const auto& e : elements) {
    labels.push_back(w.wrap(e.code + " " + e.title, kLabelWidth - 8));
    row_top.push_back(height);
    height += std::max(kBar, static_cast<double>(labels.back().size()) * kLine) + kGap;
  }
  w.need(height + 30);
  const double top = w.y() + 6;
  cairo_t* cr = w.cr();
  // Scale marks 1..4.
  for (int v = 1; v <= 4; ++v) {
    double x = kMargin + kLabelWidth + (v - 1) / 3.0 * full;
    cairo_set_source_rgb(cr, 0.8, 0.8, 0.8);
    cairo_move_to(cr, x, top);
    cairo_line_to(cr, x, top + height);
    cairo_set_line_width(cr, 0.5);
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_move_to(cr, x - 3, top + height + 10);
    cairo_show_text(cr, std::to_string(v).c_str());
  }
  for (size_t i = 0; i < elements.size(); ++i) {
    const auto& e = elements[i];
    const double y = top + row_top[i];
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (size_t l = 0; l < labels[i].size(); ++l) {
      cairo_move_to(cr, kMargin, y + kBar - 3 + static_cast<double>(l) * kLine);
      cairo_show_text(cr, labels[i][l].c_str());
    }
    if (e.nrr > 0) {
      double len = std::clamp((e.nrr - 1) / 3.0, 0.0, 1.0) * full;
      cairo_set_source_rgb(cr, 0.04, 0.31, 0.54);
      cairo_rectangle(cr, kMargin + kLabelWidth, y, std::max(len, 1.0), kBar);
      cairo_fill(cr);
      cairo_set_source_rgb(cr, 0, 0, 0);
      cairo_move_to(cr, kMargin + kLabelWidth + len + 4, y + kBar - 3);
      cairo_show_text(cr, e.nrr_text.c_str());
    }
  }
  cairo_set_source_rgb(cr, 0, 0, 0);
  w.set_y(top + height + 18);
}

}  // namespace

Status write_skm_report_pdf(const ReportData& d, const std::string& path) {
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
      cairo_pdf_surface_create(path.c_str(), kPageWidth, kPageHeight), &cairo_surface_destroy);
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return Error::unavailable("export.failed",
                              cairo_status_to_string(cairo_surface_status(surface.get())));
  }
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, d.title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Harmoni");
  std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface.get()),
                                                        &cairo_destroy);
  Writer w(cr.get());
  cairo_set_source_rgb(cr.get(), 0, 0, 0);

  w.font(16, true);
  w.text(d.title);
  w.font(11, false);
  w.text(d.unit + " · " + d.instansi);
  w.text(d.period);

  w.heading(d.h_method);
  for (const auto& [label, value] : d.method) w.text(label + ": " + value);

  w.heading(d.h_result);
  if (d.score.empty()) {
    w.text(d.h_none);
  } else {
    w.font(20, true);
    w.text(d.score + "  ·  " + d.mutu + "  ·  " + d.kinerja);
    w.font(10, false);
  }

  w.heading(d.h_elements);
  std::vector<std::vector<std::string>> rows;
  for (const auto& e : d.elements)
    rows.push_back({e.code + " " + e.title, e.nrr_text, std::to_string(e.answered)});
  table(w, {0.6, 0.2, 0.2}, {d.c_element, d.c_nrr, d.c_answered}, rows);

  w.heading(d.h_chart);
  chart(w, d.elements);

  w.heading(d.h_profile);
  for (const auto& p : d.profile) {
    w.font(10, true);
    w.text(p.heading);
    w.font(10, false);
    std::string line;
    for (const auto& [label, n] : p.counts)
      line += (line.empty() ? "" : "; ") + label + ": " + std::to_string(n);
    w.text(line.empty() ? "–" : line, kMargin + 12, kPageWidth - 2 * kMargin - 12);
  }

  w.heading(d.h_suggestions);
  if (d.suggestions.empty()) w.text("–");
  for (const auto& s : d.suggestions) w.text("• " + s, kMargin + 6, kPageWidth - 2 * kMargin - 6);

  w.heading(d.h_followup);
  // What the unit planned, then empty rows to add to by hand (six when nothing was planned).
  std::vector<std::vector<std::string>> plan = d.followups;
  plan.resize(plan.size() + (d.followups.empty() ? 6 : 2), std::vector<std::string>(4, ""));
  table(w, {0.3, 0.36, 0.17, 0.17}, {d.c_issue, d.c_action, d.c_who, d.c_when}, plan, 34);

  w.gap(12);
  w.font(8, false);
  w.text(d.footer);
  cairo_show_page(cr.get());
  cr.reset();
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return Error::unavailable("export.failed",
                              cairo_status_to_string(cairo_surface_status(surface.get())));
  }
  return {};
}

}  // namespace harmoni::survey
