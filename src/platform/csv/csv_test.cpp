#include "platform/csv/csv.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace harmoni::csv {
namespace {

using Rows = std::vector<std::vector<std::string>>;

Result<Rows> read_all(const std::string& text, char delimiter = ',') {
  std::istringstream in(text);
  Reader reader(in, delimiter);
  Rows rows;
  std::vector<std::string> fields;
  while (TRY(reader.next(fields))) rows.push_back(fields);
  return rows;
}

TEST(Csv, PlainQuotedAndEscapedFields) {
  auto rows = read_all("a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows.value(), (Rows{{"a", "b", "c"}, {"1", "x, y", "say \"hi\""}}));
}

TEST(Csv, CrLfBlankLinesBomAndEmbeddedNewlines) {
  auto rows = read_all("\xEF\xBB\xBFnip,nama\r\n\r\n1,\"two\nlines\"\r\n3,\n");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows.value(), (Rows{{"nip", "nama"}, {"1", "two\nlines"}, {"3", ""}}));
}

TEST(Csv, LastLineWithoutNewline) {
  auto rows = read_all("a;b\n1;2", ';');
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows.value(), (Rows{{"a", "b"}, {"1", "2"}}));
}

TEST(Csv, RecordLinesCountEmbeddedNewlines) {
  std::istringstream in("h\n\"a\nb\"\nc\n");
  Reader reader(in);
  std::vector<std::string> f;
  ASSERT_TRUE(reader.next(f).value());
  EXPECT_EQ(reader.record_line(), 1);
  ASSERT_TRUE(reader.next(f).value());
  EXPECT_EQ(reader.record_line(), 2);
  ASSERT_TRUE(reader.next(f).value());
  EXPECT_EQ(reader.record_line(), 4);
}

TEST(Csv, ErrorsNameTheLine) {
  auto stray = read_all("a,b\n1,x\"y\n");
  ASSERT_FALSE(stray.ok());
  EXPECT_EQ(stray.error().key, "csv.stray_quote");
  EXPECT_EQ(stray.error().args.at("line"), "2");
  auto after = read_all("a,b\n\"1\"x,2\n");
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.error().key, "csv.stray_quote");
  auto open = read_all("a,b\n1,\"never closed\n");
  ASSERT_FALSE(open.ok());
  EXPECT_EQ(open.error().key, "csv.unterminated_quote");
  auto utf8 = read_all("a\n\xC3\x28\n");
  ASSERT_FALSE(utf8.ok());
  EXPECT_EQ(utf8.error().key, "csv.bad_utf8");
}

TEST(Csv, LimitsBoundMemory) {
  std::istringstream in(std::string(100, 'x') + "\n");
  Reader reader(in, ',', ReaderLimits{.max_field_bytes = 10, .max_fields = 4});
  std::vector<std::string> f;
  auto r = reader.next(f);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().key, "csv.field_too_long");
  std::istringstream wide("a,b,c,d,e\n");
  Reader reader2(wide, ',', ReaderLimits{.max_field_bytes = 10, .max_fields = 4});
  EXPECT_EQ(reader2.next(f).error().key, "csv.too_many_fields");
}

TEST(Csv, DetectsSemicolonExports) {
  EXPECT_EQ(detect_delimiter("nip;nama;status;unit"), ';');
  EXPECT_EQ(detect_delimiter("nip,nama,status,unit"), ',');
  EXPECT_EQ(detect_delimiter("nip"), ',');
}

}  // namespace
}  // namespace harmoni::csv
