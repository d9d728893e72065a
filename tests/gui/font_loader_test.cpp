#include "ui/views/font_loader.h"

#include <gtest/gtest.h>

#include "demo_records.h"
#include "imgui_scope.h"
#include "relay/schema.h"
#include "temp_dir.h"
#include "ui/model/translations.h"
#include "ui/views/shown_text.h"

namespace relay::edge::ui {
namespace {

// Every text of every demo record: vehicles, the places they refer to, people, transports.
std::vector<nlohmann::json> StoredDemoRecords() {
  testing::TempDir dir;
  SystemClock clock;
  auto store = LocalStore::Open(dir.File("edge.db"), clock);
  EXPECT_TRUE(store.ok()) << store.status().message();
  if (!store.ok()) return {};
  testing::DemoRecords demo(*store.value());
  std::vector<nlohmann::json> records;
  for (const auto& table : SchemaTables()) {
    auto stored = store.value()->List(table.name);
    EXPECT_TRUE(stored.ok()) << table.name;
    if (stored.ok()) records.insert(records.end(), stored.value().begin(), stored.value().end());
  }
  return records;
}

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
  const auto records = StoredDemoRecords();
  ASSERT_FALSE(records.empty());
  for (const auto& record : records)
    glyphs.AddJson(record);
  ASSERT_TRUE(fonts->Update(glyphs).ok());

  GlyphSet shown;
  for (Language language : {Language::kZh, Language::kEn}) {
    for (const auto& text : Translations::Load(RELAY_ASSETS_DIR, language).value().Texts()) {
      shown.AddText(text);
    }
  }
  for (const auto& record : records)
    shown.AddJson(record);
  for (char32_t code_point : shown.code_points()) {
    EXPECT_TRUE(HasGlyph(code_point)) << "U+" << std::hex << static_cast<uint32_t>(code_point);
  }
}

// A glyph's pixels in the atlas, rows top first.
std::vector<std::vector<unsigned char>> GlyphPixels(const ImFontGlyph& glyph) {
  unsigned char* pixels = nullptr;
  int width = 0;
  int height = 0;
  ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&pixels, &width, &height);
  const int x0 = static_cast<int>(glyph.U0 * static_cast<float>(width) + 0.5f);
  const int y0 = static_cast<int>(glyph.V0 * static_cast<float>(height) + 0.5f);
  const int x1 = static_cast<int>(glyph.U1 * static_cast<float>(width) + 0.5f);
  const int y1 = static_cast<int>(glyph.V1 * static_cast<float>(height) + 0.5f);
  std::vector<std::vector<unsigned char>> rows;
  for (int y = y0; y < y1; ++y)
    rows.emplace_back(pixels + y * width + x0, pixels + y * width + x1);
  return rows;
}

// Whether pixels are a hollow box: a full border around an empty inside.
bool IsHollowBox(const std::vector<std::vector<unsigned char>>& pixels) {
  if (pixels.size() < 3 || pixels[0].size() < 3) return false;
  for (size_t y = 0; y < pixels.size(); ++y) {
    for (size_t x = 0; x < pixels[y].size(); ++x) {
      const bool edge = y == 0 || x == 0 || y + 1 == pixels.size() || x + 1 == pixels[y].size();
      if ((pixels[y][x] > 0) != edge) return false;
    }
  }
  return true;
}

TEST(FontLoaderTest, CharactersBeyondTheBasicPlaneGetTheirGlyphOrAVisibleBox) {
  testing::ImGuiScope imgui;
  auto fonts = testing::OpenShippedFont();
  ASSERT_TRUE(fonts);
  GlyphSet glyphs;
  FontLoader::AddBaseRanges(glyphs);
  // 𠮷 (U+20BB7) is in Noto Sans CJK; 𪚥 (U+2A6A5) in no font the laptop has.
  glyphs.AddText("吉\xF0\xA0\xAE\xB7\xF0\xAA\x9A\xA5");
  ASSERT_TRUE(fonts->Update(glyphs).value());

  const ImFont& font = *ImGui::GetIO().Fonts->Fonts[0];
  const auto rare = SessionTextMap().ShownCodePoint(U'\U00020BB7');
  const auto missing = SessionTextMap().ShownCodePoint(U'\U0002A6A5');
  ASSERT_TRUE(rare && missing);
  const ImFontGlyph* drawn = font.FindGlyphNoFallback(static_cast<ImWchar>(*rare));
  const ImFontGlyph* boxed = font.FindGlyphNoFallback(static_cast<ImWchar>(*missing));
  const ImFontGlyph* common = font.FindGlyphNoFallback(U'吉');
  ASSERT_TRUE(drawn && boxed && common);

  // 𠮷 is 吉 with a longer lower stroke: inked, as wide and about as tall as its neighbour.
  const auto pixels = GlyphPixels(*drawn);
  size_t inked = 0;
  for (const auto& row : pixels) {
    for (unsigned char pixel : row)
      inked += pixel > 128;
  }
  EXPECT_GT(inked, 40u);
  EXPECT_FALSE(IsHollowBox(pixels));
  EXPECT_EQ(drawn->AdvanceX, common->AdvanceX);
  EXPECT_NEAR(drawn->Y1 - drawn->Y0, common->Y1 - common->Y0, 4.0f);
  EXPECT_NEAR(drawn->Y1, common->Y1, 3.0f);  // on the same baseline

  EXPECT_TRUE(IsHollowBox(GlyphPixels(*boxed)));
  EXPECT_GT(boxed->AdvanceX, 0.0f);
}

TEST(FontLoaderTest, AMissingFileIsAnError) {
  auto fonts = FontLoader::Open({"/nonexistent/font.ttc", 0, "fonts-x"}, 18);
  ASSERT_FALSE(fonts.ok());
  EXPECT_NE(fonts.status().message().find("/nonexistent/font.ttc"), std::string::npos);
}

}  // namespace
}  // namespace relay::edge::ui
