#include "ui/model/shown_text_map.h"

#include <gtest/gtest.h>

#include "relay/text.h"

namespace relay::edge::ui {
namespace {

std::string Utf8(std::u32string_view code_points) {
  std::string text;
  for (char32_t code_point : code_points)
    AppendUtf8(code_point, text);
  return text;
}

// The code points of text; U+FFFD for a byte that is not valid UTF-8, as Dear ImGui reads it.
std::u32string CodePoints(std::string_view text) {
  std::u32string code_points;
  for (size_t pos = 0; pos < text.size();) {
    const auto code_point = NextCodePoint(text, &pos);
    code_points.push_back(code_point ? *code_point : U'\uFFFD');
    if (!code_point) ++pos;
  }
  return code_points;
}

// What Dear ImGui 1.86 with 16-bit characters keeps of text: nothing beyond U+FFFF, no U+0000.
void ExpectImGuiKeepsIt(std::string_view shown) {
  for (char32_t code_point : CodePoints(shown)) {
    EXPECT_LE(code_point, 0xFFFFu);
    EXPECT_NE(code_point, 0u);
    EXPECT_NE(code_point, 0xFFFDu);
  }
}

TEST(ShownTextMapTest, CommonTextIsShownAsItIs) {
  ShownTextMap map;
  const std::string text = "蒙H·12345 巴音嘎查 乌日娜 (13904791234)";
  EXPECT_EQ(map.Show(text), text);
  EXPECT_EQ(map.Store(text), text);
  EXPECT_EQ(map.allocated(), 0u);
}

TEST(ShownTextMapTest, EveryPlaneRoundTripsToTheExactBytes) {
  ShownTextMap map;
  std::u32string sample;
  for (char32_t plane = 0; plane <= 16; ++plane) {
    for (char32_t offset : {0x0001u, 0x0100u, 0x4E2Du, 0xABCDu, 0xFFFCu}) {
      const char32_t code_point = plane * 0x10000 + offset;
      if (code_point < 0xD800 || code_point > 0xDFFF) sample.push_back(code_point);
    }
  }
  sample += U"\U0010FFFF\U00020BB7\U0002A6A5\U0001F600";
  const std::string stored = Utf8(sample);
  const std::string shown = map.Show(stored);
  ExpectImGuiKeepsIt(shown);
  EXPECT_EQ(map.Store(shown), stored);
  EXPECT_EQ(CodePoints(shown).size(), sample.size());  // one shown character for each
}

TEST(ShownTextMapTest, AShownCharacterIsAllocatedOnceAndKept) {
  ShownTextMap map;
  const auto first = map.ShownCodePoint(U'\U00020BB7');
  ASSERT_TRUE(first);
  EXPECT_GE(*first, ShownTextMap::kFirst);
  EXPECT_LE(*first, ShownTextMap::kLast);
  EXPECT_EQ(map.ShownCodePoint(U'\U00020BB7'), first);
  EXPECT_NE(map.ShownCodePoint(U'\U0002A6A5'), first);
  EXPECT_EQ(map.ShownCodePoint(U'蒙'), U'蒙');
  // The text shows the character at the code point allocated first, wherever it appears.
  EXPECT_EQ(CodePoints(map.Show("\xF0\xA0\xAE\xB7")), std::u32string(1, *first));
  EXPECT_EQ(map.allocated(), 2u);
}

TEST(ShownTextMapTest, RealPrivateUseCharactersRoundTripAndAreNotTakenForMappedOnes) {
  ShownTextMap map;
  // A shown 𠮷 and a real character at the code point that shows it must stay apart.
  const std::string rare = "\xF0\xA0\xAE\xB7";
  const std::string shown_rare = map.Show(rare);
  const std::string real_private = Utf8(U"\uE000\uE001\uF8FF");
  const std::string stored = rare + real_private + rare;
  const std::string shown = map.Show(stored);
  EXPECT_EQ(shown.substr(0, shown_rare.size()), shown_rare);
  EXPECT_EQ(map.Store(shown), stored);
  EXPECT_EQ(map.Store(map.Show(real_private)), real_private);
  EXPECT_NE(map.Show(real_private), real_private);
}

TEST(ShownTextMapTest, BytesThatAreNotUtf8AndNulRoundTrip) {
  ShownTextMap map;
  const std::string stored("a\0b\xFF\xC0\x80z\xED\xA0\x80", 10);
  const std::string shown = map.Show(stored);
  ExpectImGuiKeepsIt(shown);
  EXPECT_EQ(shown.find('\0'), std::string::npos);
  EXPECT_EQ(map.Store(shown), stored);
}

TEST(ShownTextMapTest, AFullBlockShowsReplacementsAndStoreTellsTheLoss) {
  ShownTextMap map;
  const size_t room = ShownTextMap::kLast - ShownTextMap::kFirst + 1;
  for (size_t i = 0; i < room; ++i) {
    ASSERT_TRUE(map.ShownCodePoint(0x20000 + static_cast<char32_t>(i)));
  }
  EXPECT_FALSE(map.ShownCodePoint(U'\U0002A6A5'));
  const std::string stored = "\xF0\xAA\x9A\xA5";  // U+2A6A5
  const std::string shown = map.Show(stored);
  EXPECT_EQ(shown, "\xEF\xBF\xBD");
  EXPECT_NE(map.Store(shown), stored);
  // What was allocated before keeps round-tripping.
  const std::string early = Utf8(U"\U00020000\U00020001");
  EXPECT_EQ(map.Store(map.Show(early)), early);
}

}  // namespace
}  // namespace relay::edge::ui
