#include "ui/views/font_loader.h"

#include <gtest/gtest.h>

#include "demo_records.h"
#include "imgui_scope.h"
#include "relay/schema.h"
#include "temp_dir.h"
#include "ui/model/translations.h"

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

TEST(FontLoaderTest, AMissingFileIsAnError) {
  auto fonts = FontLoader::Open({"/nonexistent/font.ttc", 0, "fonts-x"}, 18);
  ASSERT_FALSE(fonts.ok());
  EXPECT_NE(fonts.status().message().find("/nonexistent/font.ttc"), std::string::npos);
}

}  // namespace
}  // namespace relay::edge::ui
