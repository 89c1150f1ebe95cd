#include "learning/certificate_pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>

#include <memory>

#include "platform/qr/qr_svg.hpp"

namespace harmoni::learning {
namespace {

constexpr double kWidth = 841.89;  // A4 landscape, points
constexpr double kHeight = 595.28;
constexpr const char* kFont = "DejaVu Sans";

void centred(cairo_t* cr, const std::string& text, double y, double size, bool bold) {
  cairo_select_font_face(cr, kFont, CAIRO_FONT_SLANT_NORMAL,
                         bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
  cairo_text_extents_t ext;
  cairo_text_extents(cr, text.c_str(), &ext);
  cairo_move_to(cr, (kWidth - ext.x_advance) / 2, y);
  cairo_show_text(cr, text.c_str());
}

}  // namespace

Status write_certificate_pdf(const CertificateText& t, const std::string& path) {
  const qr::Matrix code = TRY(qr::matrix(t.verify_url));
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
      cairo_pdf_surface_create(path.c_str(), kWidth, kHeight), &cairo_surface_destroy);
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
    return Error::internal("cannot create the certificate PDF");
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE,
                                 (t.heading + " " + t.code).c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Harmoni");
  std::unique_ptr<cairo_t, decltype(&cairo_destroy)> context(cairo_create(surface.get()),
                                                             &cairo_destroy);
  cairo_t* cr = context.get();
  // A double frame in the product's green.
  cairo_set_source_rgb(cr, 0.04, 0.36, 0.28);
  cairo_set_line_width(cr, 6);
  cairo_rectangle(cr, 24, 24, kWidth - 48, kHeight - 48);
  cairo_stroke(cr);
  cairo_set_line_width(cr, 1.5);
  cairo_rectangle(cr, 36, 36, kWidth - 72, kHeight - 72);
  cairo_stroke(cr);
  cairo_set_source_rgb(cr, 0.1, 0.12, 0.14);
  centred(cr, t.heading, 130, 38, true);
  centred(cr, t.given_to, 185, 14, false);
  centred(cr, t.holder, 230, 28, true);
  centred(cr, t.for_completing, 275, 14, false);
  centred(cr, t.programme, 315, 22, true);
  centred(cr, t.details, 350, 13, false);
  centred(cr, t.organiser, 375, 13, false);
  // The QR code, bottom right, with its hint and the code.
  const double module = 2.6, side = module * code.size, left = kWidth - 80 - side,
               top = kHeight - 80 - side;
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (int y = 0; y < code.size; ++y) {
    for (int x = 0; x < code.size; ++x) {
      if (code.dark[static_cast<size_t>(y * code.size + x)])
        cairo_rectangle(cr, left + x * module, top + y * module, module, module);
    }
  }
  cairo_fill(cr);
  cairo_select_font_face(cr, kFont, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, 9);
  cairo_move_to(cr, 80, kHeight - 92);
  cairo_show_text(cr, t.verify_hint.c_str());
  cairo_move_to(cr, 80, kHeight - 78);
  cairo_show_text(cr, t.verify_url.c_str());
  cairo_show_page(cr);
  context.reset();
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
    return Error::internal("cannot write the certificate PDF");
  return {};
}

}  // namespace harmoni::learning
