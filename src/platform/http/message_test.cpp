#include "platform/http/message.hpp"

#include <gtest/gtest.h>

#include "platform/http/gzip.hpp"
#include "platform/http/multipart.hpp"
#include "platform/util/utf8.hpp"

namespace harmoni::http {
namespace {

TEST(Http, PercentDecoding) {
  EXPECT_EQ(percent_decode("a%20b+c", true), "a b c");
  EXPECT_EQ(percent_decode("a%20b+c", false), "a b+c");
  EXPECT_FALSE(percent_decode("%2", false).has_value());
  EXPECT_FALSE(percent_decode("%zz", false).has_value());
  EXPECT_FALSE(percent_decode("abc%", false).has_value());
  EXPECT_EQ(percent_encode("a b/ü"), "a%20b%2F%C3%BC");
}

TEST(Http, Utf8Validation) {
  EXPECT_TRUE(is_valid_utf8("Sambas – Kalimantan Barat ✓"));
  EXPECT_FALSE(is_valid_utf8("\xC3\x28"));
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF")) << "overlong";
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80")) << "surrogate";
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80")) << "past U+10FFFF";
  EXPECT_FALSE(is_valid_utf8("\xE2\x82")) << "truncated";
}

TEST(Http, FormParsing) {
  auto fields = parse_form("a=1&b=x+y&c=%C3%A9&empty=&novalue");
  ASSERT_TRUE(fields.ok());
  EXPECT_EQ(fields.value(),
            (Fields{{"a", "1"}, {"b", "x y"}, {"c", "é"}, {"empty", ""}, {"novalue", ""}}));
  EXPECT_EQ(parse_form("a=%ZZ").error().key, "error.form_encoding");
  EXPECT_EQ(parse_form("a=%C3%28").error().key, "error.utf8");
}

TEST(Http, CookiesAndQuery) {
  Request r;
  r.headers = {{"cookie", "a=1; harmoni_session=abc; b=2"}};
  r.query = "q=siti+aminah&limit=5";
  EXPECT_EQ(r.cookie("harmoni_session"), "abc");
  EXPECT_EQ(r.cookie("missing"), "");
  EXPECT_EQ(r.query_param("q"), "siti aminah");
  EXPECT_FALSE(r.query_param("nope").has_value());
}

TEST(Http, GzipNegotiation) {
  EXPECT_TRUE(accepts_gzip("gzip, deflate, br"));
  EXPECT_TRUE(accepts_gzip("br;q=1.0, gzip;q=0.8"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0"));
  EXPECT_FALSE(accepts_gzip("identity"));
  EXPECT_TRUE(is_compressible("text/html; charset=utf-8"));
  EXPECT_FALSE(is_compressible("image/png"));
  std::string text(5000, 'a');
  std::string packed = gzip(text);
  EXPECT_LT(packed.size(), 200u);
  EXPECT_EQ(static_cast<unsigned char>(packed[0]), 0x1f);
}

TEST(Http, MultipartBoundary) {
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=----abc"), "----abc");
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=\"q r\""), "q r");
  EXPECT_EQ(multipart_boundary("text/csv"), "");
}

}  // namespace
}  // namespace harmoni::http
