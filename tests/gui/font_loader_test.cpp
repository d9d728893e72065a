#include "ui/font_loader.h"

#include <gtest/gtest.h>

#include "demo_vehicles.h"
#include "imgui_scope.h"
#include "ui/translations.h"

namespace relay::edge::ui {
namespace {

bool HasGlyph(char32_t code_point) {
  return ImGui::GetIO().Fonts->Fonts[0]->FindGlyphNoFallback(static_cast<ImWchar>(code_point)) !=
         nullptr;
}

TEST(FontLoaderTest, BuildsOnceUntilNewCharactersArrive) {
  testing::ImGuiScope imgui;
  auto fonts = testing::OpenShippedFont();
  ASSERT_TRUE(fonts);
  GlyphSet glyphs;
  FontLoader::AddBaseRanges(glyphs);

  ASSERT_TRUE(fonts->Update(glyphs).value());
  EXPECT_TRUE(ImGui::GetIO().Fonts->IsBuilt());
  EXPECT_TRUE(HasGlyph(U'蒙'));
  EXPECT_TRUE(HasGlyph(U'·'));
  EXPECT_FALSE(fonts->Update(glyphs).value());  // nothing new: the atlas stays as it is

  // A character the font has but the common list lacks, as in a rare personal name.
  char32_t rare = 0;
  for (char32_t candidate : U"赟璟淖犇焱垚淼嘚") {
    if (candidate != 0 && !glyphs.Contains(candidate)) {
      rare = candidate;
      break;
    }
  }
  ASSERT_NE(rare, 0u) << "every candidate is already in the common list";
  EXPECT_FALSE(HasGlyph(rare));
  glyphs.AddRange(rare, rare);
  ASSERT_TRUE(fonts->Update(glyphs).value());
  EXPECT_TRUE(HasGlyph(rare));
}

TEST(FontLoaderTest, EveryUiStringAndDemoRecordDrawsWithoutReplacementGlyphs) {
  testing::ImGuiScope imgui;
  auto fonts = testing::OpenShippedFont();
  ASSERT_TRUE(fonts);
  GlyphSet glyphs;
  FontLoader::AddBaseRanges(glyphs);
  for (Language language : {Language::kZh, Language::kEn}) {
    for (const auto& text : Translations::Load(RELAY_ASSETS_DIR, language).value().Texts()) {
      glyphs.AddText(text);
    }
  }
  for (const auto& vehicle : testing::DemoVehicles())
    glyphs.AddJson(vehicle);
  ASSERT_TRUE(fonts->Update(glyphs).ok());

  GlyphSet shown;
  for (Language language : {Language::kZh, Language::kEn}) {
    for (const auto& text : Translations::Load(RELAY_ASSETS_DIR, language).value().Texts()) {
      shown.AddText(text);
    }
  }
  for (const auto& vehicle : testing::DemoVehicles())
    shown.AddJson(vehicle);
  for (char32_t code_point : shown.code_points()) {
    EXPECT_TRUE(HasGlyph(code_point)) << "U+" << std::hex << static_cast<uint32_t>(code_point);
  }
}

TEST(FontLoaderTest, AMissingFileIsAnError) {
  auto fonts = FontLoader::Open({"/nonexistent/font.ttc", 0, "fonts-x"}, 18);
  ASSERT_FALSE(fonts.ok());
  EXPECT_NE(fonts.status().message().find("/nonexistent/font.ttc"), std::string::npos);
}

}  // namespace
}  // namespace relay::edge::ui
