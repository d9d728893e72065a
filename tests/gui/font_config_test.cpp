#include "ui/model/font_config.h"

#include <gtest/gtest.h>

namespace relay::edge::ui {
namespace {

TEST(FontConfigTest, ParsesSizeAndCandidatesInOrder) {
  auto config = ParseFontConfig(R"({"size_px": 20, "candidates": [
      {"path": "/a.ttc", "index": 2, "package": "fonts-a"}, {"path": "b.ttf"}]})");
  ASSERT_TRUE(config.ok()) << config.status().message();
  EXPECT_EQ(config.value().size_px, 20.0f);
  ASSERT_EQ(config.value().candidates.size(), 2u);
  EXPECT_EQ(config.value().candidates[0].path, "/a.ttc");
  EXPECT_EQ(config.value().candidates[0].index, 2);
  EXPECT_EQ(config.value().candidates[1].index, 0);
}

TEST(FontConfigTest, RejectsWhatCannotWork) {
  EXPECT_FALSE(ParseFontConfig("[]").ok());
  EXPECT_FALSE(ParseFontConfig(R"({"candidates": [{"index": 1}]})").ok());
  EXPECT_FALSE(ParseFontConfig(R"({"candidates": [{"path": "/a", "index": -1}]})").ok());
  EXPECT_FALSE(ParseFontConfig(R"({"size_px": 2, "candidates": []})").ok());
}

TEST(FontConfigTest, PicksTheFirstFontThatExists) {
  const auto config =
      ParseFontConfig(R"({"candidates": [{"path": "/missing"}, {"path": "/here"}]})").value();
  auto picked = PickFont(config, [](const std::string& path) { return path == "/here"; });
  ASSERT_TRUE(picked.ok());
  EXPECT_EQ(picked.value().path, "/here");
}

TEST(FontConfigTest, NamesEveryPathTriedAndThePackagesToInstall) {
  const auto config = ParseFontConfig(R"({"candidates": [
      {"path": "/one.ttc", "package": "fonts-one"}, {"path": "/two.ttc", "package": "fonts-two"}]})")
                          .value();
  auto picked = PickFont(config, [](const std::string&) { return false; });
  ASSERT_FALSE(picked.ok());
  const std::string message = picked.status().message();
  EXPECT_NE(message.find("/one.ttc"), std::string::npos);
  EXPECT_NE(message.find("/two.ttc"), std::string::npos);
  EXPECT_NE(message.find("fonts-one or fonts-two"), std::string::npos);
}

TEST(FontConfigTest, TheShippedListLoadsWithPathsResolved) {
  auto config = LoadFontConfig(RELAY_ASSETS_DIR);
  ASSERT_TRUE(config.ok()) << config.status().message();
  ASSERT_FALSE(config.value().candidates.empty());
  for (const auto& candidate : config.value().candidates) {
    EXPECT_TRUE(std::filesystem::path(candidate.path).is_absolute()) << candidate.path;
  }
}

}  // namespace
}  // namespace relay::edge::ui
