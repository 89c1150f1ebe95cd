#include "platform/db/row_map.hpp"

#include <gtest/gtest.h>

namespace harmoni::db {
namespace {

enum class Colour { kRed, kBlue };
inline constexpr EnumName<Colour> kColourNames[] = {{Colour::kRed, "red"}, {Colour::kBlue, "blue"}};
constexpr std::span<const EnumName<Colour>> enum_names(Colour) { return kColourNames; }

struct Inner {
  int64_t id = 0;
  std::string name;
};

struct Thing {
  int64_t id = 0;
  int count = 0;
  bool on = false;
  std::string text;
  std::optional<int64_t> maybe;
  std::optional<int> score;
  std::optional<bool> passed;
  Colour colour = Colour::kBlue;
  Date day;
  Inner inner;
  std::string upper;
};

const RowMap<Inner> kInnerRow{{"i.id", &Inner::id}, {"i.name", &Inner::name}};
const RowMap<Thing> kThingRow{
    {"t.id", &Thing::id},
    {"t.count", &Thing::count},
    {"t.on", &Thing::on},
    {"t.text", &Thing::text},
    {"t.maybe", &Thing::maybe},
    {"t.score", &Thing::score},
    {"t.passed", &Thing::passed},
    {"t.colour", &Thing::colour},
    {"t.day", &Thing::day},
    {kInnerRow, &Thing::inner},
    {"UPPER(t.text)", [](Thing& t, const Row& r, size_t i) { t.upper = r.text(i); }}};

TEST(RowMap, ListsEachColumnOnceInTheOrderItReads) {
  EXPECT_EQ(kThingRow.columns(),
            "t.id, t.count, t.on, t.text, t.maybe, t.score, t.passed, t.colour, t.day, i.id, "
            "i.name, UPPER(t.text)");
  EXPECT_EQ(kThingRow.size(), 12u) << "the embedded map counts its own columns";
}

TEST(RowMap, ReadsEveryKindOfFieldAndExtrasAfterIt) {
  Row row({Value(7), Value(3), Value(1), Value("abc"), Value(), Value(90), Value(0), Value("red"),
           Value("2026-12-03"), Value(5), Value("inner"), Value("ABC"), Value("extra")});
  Thing t = kThingRow.read(row);
  EXPECT_EQ(t.id, 7);
  EXPECT_EQ(t.count, 3);
  EXPECT_TRUE(t.on);
  EXPECT_EQ(t.text, "abc");
  EXPECT_FALSE(t.maybe.has_value());
  EXPECT_EQ(t.score, 90);
  EXPECT_EQ(t.passed, false);
  EXPECT_EQ(t.colour, Colour::kRed);
  EXPECT_EQ(t.day, (Date{2026, 12, 3}));
  EXPECT_EQ(t.inner.id, 5);
  EXPECT_EQ(t.inner.name, "inner");
  EXPECT_EQ(t.upper, "ABC");
  EXPECT_EQ(row.text(kThingRow.size()), "extra");
}

TEST(RowMap, AnUnknownEnumNameKeepsTheDefaultAndReadsFromAnOffset) {
  Row row({Value("lead"), Value(9), Value("x")});
  RowMap<Thing> colour_only{{"t.colour", &Thing::colour}};
  EXPECT_EQ(colour_only.read(row, 2).colour, Colour::kBlue);
  Inner inner = kInnerRow.read(row, 1);
  EXPECT_EQ(inner.id, 9);
  EXPECT_EQ(inner.name, "x");
}

}  // namespace
}  // namespace harmoni::db
