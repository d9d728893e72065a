#include "ui/model/assets_dir.h"

#include <gtest/gtest.h>

#include <fstream>

#include "temp_dir.h"

namespace relay::edge::ui {
namespace {

// Lays out the files that make a directory count as assets.
std::filesystem::path MakeAssets(const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir / "i18n");
  std::ofstream(dir / "i18n" / "zh-CN.json") << "{}";
  std::ofstream(dir / "fonts.json") << "{}";
  return dir;
}

TEST(AssetsDirTest, TheEnvironmentOverrideComesFirst) {
  testing::TempDir dir;
  const auto override_dir = MakeAssets(dir.path() / "override");
  const auto source = MakeAssets(dir.path() / "source");
  EXPECT_EQ(FindAssetsDir(override_dir.c_str(), dir.path() / "build" / "bin", source),
            override_dir);
}

TEST(AssetsDirTest, ThenTheTreeTwoLevelsAboveTheExecutable) {
  testing::TempDir dir;
  const auto beside = MakeAssets(dir.path() / "assets");
  const auto source = MakeAssets(dir.path() / "source");
  const auto exe_dir = dir.path() / "build" / "bin";
  std::filesystem::create_directories(exe_dir);  // ".." only resolves through real directories
  EXPECT_EQ(FindAssetsDir(nullptr, exe_dir, source), beside);
  EXPECT_EQ(FindAssetsDir("", exe_dir, source), beside);
}

TEST(AssetsDirTest, ThenTheSourceTreeTheBinaryWasBuiltFrom) {
  testing::TempDir dir;
  const auto source = MakeAssets(dir.path() / "source");
  EXPECT_EQ(FindAssetsDir((dir.path() / "empty").c_str(), dir.path() / "opt" / "bin", source),
            source);
}

TEST(AssetsDirTest, NothingWhenNoCandidateHoldsTheFiles) {
  testing::TempDir dir;
  std::filesystem::create_directories(dir.path() / "assets");  // no translations inside
  EXPECT_FALSE(FindAssetsDir(nullptr, dir.path() / "build" / "bin", dir.path() / "x"));
}

TEST(AssetsDirTest, TheRepositoryAssetsQualify) {
  EXPECT_TRUE(FindAssetsDir(nullptr, "", RELAY_ASSETS_DIR));
}

}  // namespace
}  // namespace relay::edge::ui
