#include "platform/i18n/i18n.hpp"

#include <gtest/gtest.h>

#include "platform/templates/templates.hpp"

namespace harmoni::i18n {
namespace {

TEST(I18n, BothCatalogsHaveTheSameKeys) {
  auto catalogs = Catalogs::load_embedded();
  ASSERT_TRUE(catalogs.ok());
  const auto& id = catalogs->messages("id");
  const auto& en = catalogs->messages("en");
  for (const auto& [key, _] : id) EXPECT_TRUE(en.contains(key)) << "missing in en.json: " << key;
  for (const auto& [key, _] : en) EXPECT_TRUE(id.contains(key)) << "missing in id.json: " << key;
  EXPECT_GT(id.size(), 200u);
}

TEST(I18n, FallsBackToIndonesianThenToTheKey) {
  auto c = Catalogs::from_maps(
      {{"id", {{"a", "Halo {name}"}, {"b", "Hanya id"}}}, {"en", {{"a", "Hello {name}"}}}});
  EXPECT_EQ(c.text("en", "a", {{"name", "Siti"}}), "Hello Siti");
  EXPECT_EQ(c.text("en", "b"), "Hanya id");
  EXPECT_EQ(c.text("fr", "a", {{"name", "X"}}), "Halo X");
  EXPECT_EQ(c.text("id", "nope"), "nope");
  EXPECT_EQ(format_message("{a} and {b}", {{"a", "1"}}), "1 and {b}");
}

TEST(I18n, NegotiatesFromAcceptLanguage) {
  auto c = Catalogs::from_maps({{"id", {}}, {"en", {}}});
  EXPECT_EQ(c.negotiate("en-US,en;q=0.9"), "en");
  EXPECT_EQ(c.negotiate("fr-FR, id;q=0.5"), "id");
  EXPECT_EQ(c.negotiate("in-ID"), "id");
  EXPECT_EQ(c.negotiate(""), "id");
}

TEST(Templates, EveryEmbeddedTemplateCompilesInEveryLanguage) {
  auto catalogs = Catalogs::load_embedded();
  ASSERT_TRUE(catalogs.ok());
  auto templates = Templates::load_embedded(catalogs.value());
  ASSERT_TRUE(templates.ok()) << templates.error().internal_detail;
  EXPECT_TRUE(templates->has("login"));
}

TEST(Templates, EscapesDataAndTranslatesMarkers) {
  auto c = Catalogs::from_maps({{"id", {{"greet", "Halo"}}}, {"en", {{"greet", "Hello"}}}});
  auto t = Templates::from_sources({{"page", "{{> part}} {{name}}"}, {"part", "[[greet]]"}}, c);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->render("en", "page", {{"name", "<b>&"}}).value(), "Hello &lt;b&gt;&amp;");
  EXPECT_EQ(t->render("id", "page", {{"name", "x"}}).value(), "Halo x");
  auto sections = Templates::from_sources(
      {{"page", "{{#note}}<p>{{note}}</p>{{/note}}{{^note}}none{{/note}}"}}, c);
  ASSERT_TRUE(sections.ok());
  EXPECT_EQ(sections->render("id", "page", {{"note", ""}}).value(), "none")
      << "an empty string is false";
  EXPECT_EQ(sections->render("id", "page", {{"note", "a"}}).value(), "<p>a</p>");
  auto unknown = Templates::from_sources({{"page", "[[missing.key]]"}}, c);
  EXPECT_FALSE(unknown.ok());
}

}  // namespace
}  // namespace harmoni::i18n
