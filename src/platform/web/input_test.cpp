#include "platform/web/input.hpp"

#include <gtest/gtest.h>

namespace harmoni::web {
namespace {

std::vector<std::string> error_keys(Input& in) {
  auto st = in.finish();
  std::vector<std::string> out;
  if (!st.ok()) {
    for (const auto& f : st.error().fields) out.push_back(f.field + ":" + f.key);
  }
  return out;
}

TEST(Input, JsonKeepsTypesAndRejectsUnknownFields) {
  auto in =
      Input::from_json(R"({"name":"  Budi  ","grade":7,"active":true,"extra":1})").release_value();
  EXPECT_EQ(in.text("name"), "Budi");
  EXPECT_EQ(in.integer("grade", {.min = 1, .max = 17}), 7);
  EXPECT_TRUE(in.flag("active"));
  EXPECT_EQ(error_keys(in), (std::vector<std::string>{"extra:input.unknown_field"}));
}

TEST(Input, JsonTypeMismatches) {
  auto in = Input::from_json(R"({"name":5,"grade":"7","active":"yes"})").release_value();
  EXPECT_FALSE(in.text("name"));
  EXPECT_FALSE(in.integer("grade"));
  in.flag("active");
  EXPECT_EQ(error_keys(in),
            (std::vector<std::string>{"name:input.not_text", "grade:input.not_integer",
                                      "active:input.not_boolean"}));
}

TEST(Input, MalformedBodies) {
  EXPECT_EQ(Input::from_json("{").error().key, "error.json_malformed");
  EXPECT_EQ(Input::from_json("[1]").error().key, "error.json_not_object");
  EXPECT_EQ(Input::from_json("{\"a\":\"\xC3\x28\"}").error().key, "error.utf8");
}

TEST(Input, FormsAreStrings) {
  auto in = Input::from_form("grade=+12+&active=on&name=&_csrf=x").release_value();
  EXPECT_EQ(in.integer("grade"), 12);
  EXPECT_TRUE(in.flag("active"));
  EXPECT_FALSE(in.flag("missing"));
  EXPECT_FALSE(in.text("name"));
  EXPECT_EQ(error_keys(in), (std::vector<std::string>{"name:input.required"}))
      << "forms allow extra fields";
}

TEST(Input, TextRules) {
  auto in = Input::from_json(R"({"a":"abcdef","b":"x\u0001y","c":"line1\nline2","d":"ééé"})")
                .release_value();
  EXPECT_FALSE(in.text("a", {.max_chars = 5}));
  EXPECT_FALSE(in.text("b"));
  EXPECT_EQ(in.text("c", {.multiline = true}), "line1\nline2");
  EXPECT_EQ(in.text("d", {.max_chars = 3}), "ééé") << "limits count characters, not bytes";
  EXPECT_EQ(error_keys(in),
            (std::vector<std::string>{"a:input.too_long", "b:input.control_chars"}));
}

TEST(Input, RangesAndChoices) {
  auto in = Input::from_json(R"({"n":0,"k":"x"})").release_value();
  EXPECT_FALSE(in.integer("n", {.min = 1, .max = 4}));
  EXPECT_FALSE(in.choice("k", {"a", "b"}));
  EXPECT_EQ(error_keys(in),
            (std::vector<std::string>{"n:input.out_of_range", "k:input.not_allowed"}));
}

}  // namespace
}  // namespace harmoni::web
