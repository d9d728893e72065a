#include "ui/model/glyph_set.h"

#include <gtest/gtest.h>

namespace relay::edge::ui {
namespace {

TEST(GlyphSetTest, CollectsEveryCodePointOfUtf8Text) {
  GlyphSet glyphs;
  glyphs.AddText("蒙H·12345 伊和淖尔");
  for (char32_t c : {U'蒙', U'H', U'·', U'1', U'5', U' ', U'伊', U'淖', U'尔'}) {
    EXPECT_TRUE(glyphs.Contains(c)) << static_cast<uint32_t>(c);
  }
  EXPECT_EQ(glyphs.code_points().size(), 13u);
}

TEST(GlyphSetTest, RevisionGrowsOnlyWithNewCodePoints) {
  GlyphSet glyphs;
  glyphs.AddText("明安图镇");
  const auto revision = glyphs.revision();
  glyphs.AddText("图镇明安");
  EXPECT_EQ(glyphs.revision(), revision);
  glyphs.AddText("星耀镇");
  EXPECT_GT(glyphs.revision(), revision);
}

TEST(GlyphSetTest, KeepsCharactersBeyondTheBasicPlane) {
  GlyphSet glyphs;
  glyphs.AddText("\xF0\xA0\xAE\xB7");  // U+20BB7, a rare character in personal names
  EXPECT_TRUE(glyphs.Contains(U'\U00020BB7'));
}

TEST(GlyphSetTest, SkipsBrokenUtf8AndControlCharacters) {
  GlyphSet glyphs;
  glyphs.AddText(std::string("a\xE6\x98") + "b\x80\xFF\n\t");  // cut-off 明, stray bytes
  EXPECT_EQ(glyphs.code_points(), (std::set<char32_t>{U'a', U'b'}));
}

TEST(GlyphSetTest, ReadsEveryStringInsideJson) {
  GlyphSet glyphs;
  glyphs.AddJson({{"township", "星耀镇"}, {"seats", 5}, {"tags", {"嘎查"}}});
  EXPECT_TRUE(glyphs.Contains(U'耀'));
  EXPECT_TRUE(glyphs.Contains(U'嘎'));
  EXPECT_FALSE(glyphs.Contains(U't'));  // keys are not shown
  EXPECT_FALSE(glyphs.Contains(U'5'));  // numbers are drawn from the base ranges
}

TEST(GlyphSetTest, AddsRanges) {
  GlyphSet glyphs;
  glyphs.AddRange(U'a', U'z');
  EXPECT_EQ(glyphs.code_points().size(), 26u);
}

}  // namespace
}  // namespace relay::edge::ui
