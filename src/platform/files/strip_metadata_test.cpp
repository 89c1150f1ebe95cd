// Metadata removal: what could name a reporter (a place, a camera, an author) is gone,
// and what makes the picture or the document is left byte for byte.
#include "platform/files/strip_metadata.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <gtest/gtest.h>

#include "support/sample_jpeg.hpp"

namespace harmoni {
namespace {

using test::camera_jpeg;
using test::kFrame;
using test::kJfif;
using test::kQuantTable;
using test::kScanData;
using test::kScanHeader;
using test::segment;

TEST(StripMetadata, AJpegLosesItsExifXmpIptcProfileCommentsAndTrailer) {
  auto out = strip_metadata(FileKind::kJpeg, camera_jpeg());
  ASSERT_TRUE(out.ok()) << out.error().key;
  for (const char* leak : {"Exif", "GPS", "Serial", "Siti", "8BIM", "Pixel", "Budi", "SEFT"}) {
    EXPECT_EQ(out->find(leak), std::string::npos) << leak;
  }
  EXPECT_EQ(*out, std::string("\xFF\xD8") + segment(0xE0, kJfif) + kQuantTable + kFrame +
                      kScanHeader + kScanData + "\xFF\xD9");
}

TEST(StripMetadata, AJfifThumbnailGoesButAdobesColourMarkerStays) {
  std::string thumbnail_jfif = kJfif;
  thumbnail_jfif[12] = 1;
  thumbnail_jfif[13] = 1;
  thumbnail_jfif += "RGB";
  const std::string adobe = segment(0xEE, std::string("Adobe\0\x64\x00\x00\x00\x00\x01", 12));
  std::string jpeg = std::string("\xFF\xD8") + segment(0xE0, thumbnail_jfif) + adobe + kQuantTable +
                     kFrame + kScanHeader + kScanData + "\xFF\xD9";
  auto out = strip_metadata(FileKind::kJpeg, jpeg);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, std::string("\xFF\xD8") + adobe + kQuantTable + kFrame + kScanHeader + kScanData +
                      "\xFF\xD9");
}

TEST(StripMetadata, ATruncatedJpegKeepsItsPictureAndABrokenOneIsRefused) {
  std::string truncated = std::string("\xFF\xD8") + kQuantTable + kFrame + kScanHeader + kScanData;
  auto out = strip_metadata(FileKind::kJpeg, truncated);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, truncated + "\xFF\xD9");

  std::string cut = camera_jpeg().substr(0, 30);  // inside the EXIF segment
  auto refused = strip_metadata(FileKind::kJpeg, cut);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields.at(0).key, "file.damaged");
  EXPECT_FALSE(strip_metadata(FileKind::kJpeg, "\xFF\xD8garbage").ok());
}

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

std::string drawn_png() {
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 8, 8);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 0.8, 0.1, 0.1);
  cairo_rectangle(cr, 2, 2, 4, 4);
  cairo_fill(cr);
  cairo_destroy(cr);
  std::string png;
  cairo_surface_write_to_png_stream(surface, append_to_string, &png);
  cairo_surface_destroy(surface);
  return png;
}

std::string chunk(std::string_view type, std::string_view data) {
  std::string c;
  for (int shift = 24; shift >= 0; shift -= 8) c += static_cast<char>(data.size() >> shift);
  c.append(type);
  c.append(data);
  c.append("\0\0\0\0", 4);  // the CRC is not checked here; viewers would
  return c;
}

struct PngReader {
  std::string_view data;
  size_t at = 0;
};

cairo_status_t read_from_string(void* closure, unsigned char* out, unsigned int length) {
  auto* r = static_cast<PngReader*>(closure);
  if (r->at + length > r->data.size()) return CAIRO_STATUS_READ_ERROR;
  std::copy_n(r->data.data() + r->at, length, out);
  r->at += length;
  return CAIRO_STATUS_SUCCESS;
}

TEST(StripMetadata, APngLosesItsTextTimeAndExifAndStillDecodes) {
  std::string png = drawn_png();
  // After IHDR (8 + 25 bytes): what a phone or an editor adds.
  png.insert(33, chunk("tEXt", std::string("Author\0Siti Aminah", 18)) +
                     chunk("eXIf", "GPS 109.34") + chunk("tIME", "\x07\xEA\x0C\x03\x09\x00\x00") +
                     chunk("iCCP", std::string("Pixel 7\0\0", 9)) + chunk("zzZz", "private"));
  png += "after the end";
  auto out = strip_metadata(FileKind::kPng, png);
  ASSERT_TRUE(out.ok()) << out.error().key;
  for (const char* leak : {"Siti", "GPS", "tIME", "Pixel", "private", "after the end"}) {
    EXPECT_EQ(out->find(leak), std::string::npos) << leak;
  }
  EXPECT_EQ(*out, drawn_png());
  PngReader reader{*out};
  cairo_surface_t* decoded = cairo_image_surface_create_from_png_stream(read_from_string, &reader);
  EXPECT_EQ(cairo_surface_status(decoded), CAIRO_STATUS_SUCCESS);
  EXPECT_EQ(cairo_image_surface_get_width(decoded), 8);
  cairo_surface_destroy(decoded);
}

TEST(StripMetadata, APngWithAnUnknownCriticalChunkOrNoEndIsRefused) {
  std::string png = drawn_png();
  std::string unknown = png;
  unknown.insert(33, chunk("ZZZZ", "x"));
  EXPECT_FALSE(strip_metadata(FileKind::kPng, unknown).ok());
  EXPECT_FALSE(strip_metadata(FileKind::kPng, png.substr(0, png.size() - 12)).ok());
}

std::string cairo_pdf_with_author() {
  std::string pdf;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append_to_string, &pdf, 200, 200);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, "Siti Aminah");
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, "Laporan pungli loket 3");
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Pixel 7 Scanner");
  cairo_t* cr = cairo_create(surface);
  cairo_rectangle(cr, 10, 10, 50, 50);
  cairo_fill(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  return pdf;
}

TEST(StripMetadata, APdfKeepsItsLengthAndOffsetsButNotItsAuthor) {
  const std::string pdf = cairo_pdf_with_author();
  ASSERT_NE(pdf.find("Siti Aminah"), std::string::npos);
  auto out = strip_metadata(FileKind::kPdf, pdf);
  ASSERT_TRUE(out.ok()) << out.error().key;
  for (const char* leak : {"Siti", "pungli", "Pixel", "cairo"}) {
    EXPECT_EQ(out->find(leak), std::string::npos) << leak;
  }
  // Same length, and the same bytes outside the blanked values: the xref table holds.
  ASSERT_EQ(out->size(), pdf.size());
  size_t changed = 0;
  for (size_t i = 0; i < pdf.size(); ++i) changed += pdf[i] != (*out)[i];
  EXPECT_GT(changed, 20u);
  EXPECT_LT(changed, 120u);
  EXPECT_NE(out->find("startxref"), std::string::npos);
}

TEST(StripMetadata, APdfBlanksIndirectValuesXmpAndJpegMetadataInside) {
  const std::string jpeg = camera_jpeg();
  std::string pdf =
      "%PDF-1.4\n"
      "1 0 obj << /Type /Catalog /Pages 2 0 R /Metadata 5 0 R >> endobj\n"
      "3 0 obj << /Author 4 0 R /Title <5369746920416D696E6168> >> endobj\n"
      "4 0 obj (Siti \\(Aminah\\)) endobj\n"
      "5 0 obj << /Type /Metadata /Subtype /XML /Length 60 >> stream\n"
      "<?xpacket begin='' id='x'?><dc:creator>Siti</dc:creator><?xpacket end='w'?>\n"
      "endstream endobj\n"
      "6 0 obj << /Filter /DCTDecode >> stream\n" +
      jpeg +
      "\nendstream endobj\n"
      "trailer << /Root 1 0 R /Info 3 0 R >>\n%%EOF\n";
  auto out = strip_metadata(FileKind::kPdf, pdf);
  ASSERT_TRUE(out.ok()) << out.error().key;
  ASSERT_EQ(out->size(), pdf.size());
  for (const char* leak : {"Siti", "5369746920", "dc:creator", "Exif", "GPS", "Budi"}) {
    EXPECT_EQ(out->find(leak), std::string::npos) << leak;
  }
  // The picture inside is untouched.
  EXPECT_NE(out->find(kScanData), std::string::npos);
}

TEST(StripMetadata, APdfWithCompressedMetadataIsRefusedNotStoredAsItIs) {
  std::string compressed_xmp =
      "%PDF-1.5\n5 0 obj << /Type /Metadata /Subtype /XML /Filter /FlateDecode /Length 3 >> "
      "stream\nxyz\nendstream endobj\ntrailer << /Root 1 0 R >>\n";
  auto refused = strip_metadata(FileKind::kPdf, compressed_xmp);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields.at(0).key, "file.metadata_compressed");

  // The information dictionary lives in a compressed object stream: not in plain text.
  std::string in_object_stream =
      "%PDF-1.5\n9 0 obj << /Type /XRef /Info 7 0 R /Root 1 0 R >> stream\nxx\nendstream\n";
  refused = strip_metadata(FileKind::kPdf, in_object_stream);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields.at(0).key, "file.metadata_compressed");
}

}  // namespace
}  // namespace harmoni
