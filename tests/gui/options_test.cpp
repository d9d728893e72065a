#include "ui/model/options.h"

#include <gtest/gtest.h>

namespace relay::edge::ui {
namespace {

TEST(OptionsTest, ParsesEveryFlag) {
  auto options = ParseOptions({"--db", "edge.db", "--server", "http://10.0.0.2:8787", "--lang",
                               "en", "--screenshot", "out.png", "--screen", "vehicles-add"});
  ASSERT_TRUE(options.ok()) << options.status().message();
  EXPECT_EQ(options.value().db_path, "edge.db");
  EXPECT_EQ(options.value().server_url, "http://10.0.0.2:8787");
  EXPECT_EQ(options.value().language, Language::kEn);
  EXPECT_EQ(options.value().screenshot_path, "out.png");
  EXPECT_EQ(options.value().screen, Screen::kVehiclesAdd);
}

TEST(OptionsTest, DefaultsToChineseVehiclesAndTheLocalServer) {
  auto options = ParseOptions({"--db", "edge.db"});
  ASSERT_TRUE(options.ok());
  EXPECT_EQ(options.value().language, Language::kZh);
  EXPECT_EQ(options.value().screen, Screen::kVehicles);
  EXPECT_EQ(options.value().server_url, "http://127.0.0.1:8787");
  EXPECT_TRUE(options.value().screenshot_path.empty());
  EXPECT_EQ(options.value().idle_lock_minutes, 10);
}

TEST(OptionsTest, IdleLockTakesWholeMinutesUpToADay) {
  EXPECT_EQ(ParseOptions({"--db", "x", "--idle-lock-minutes", "0"}).value().idle_lock_minutes, 0);
  EXPECT_EQ(ParseOptions({"--db", "x", "--idle-lock-minutes", "1440"}).value().idle_lock_minutes,
            1440);
  for (const char* bad : {"-1", "1441", "5.5", "ten", "", "99999"}) {
    auto refused = ParseOptions({"--db", "x", "--idle-lock-minutes", bad});
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.status().message().rfind("--idle-lock-minutes must be whole minutes", 0), 0u)
        << refused.status().message();
  }
}

TEST(OptionsTest, ErrorsNameTheArgumentAtFault) {
  EXPECT_EQ(ParseOptions({}).status().message(), "--db FILE is required");
  EXPECT_EQ(ParseOptions({"--db"}).status().message(), "--db needs a value");
  EXPECT_NE(ParseOptions({"--db", "x", "--lang", "fr"}).status().message().find("fr"),
            std::string::npos);
  EXPECT_NE(ParseOptions({"--db", "x", "--screen", "maps"}).status().message().find("maps"),
            std::string::npos);
  EXPECT_NE(ParseOptions({"--db", "x", "--colour", "red"}).status().message().find("--colour"),
            std::string::npos);
  EXPECT_FALSE(ParseOptions({"--db", "x", "stray"}).ok());
}

TEST(OptionsTest, EveryScreenIsReachableByItsNameAndListedInTheUsage) {
  for (const char* name : {"vehicles", "vehicles-add", "volunteers", "teams", "transports",
                           "transport-new", "handoff-new", "training", "geography", "conflicts",
                           "staff", "enrollment", "sign-in", "lock", "overview"}) {
    const auto screen = ScreenFromName(name);
    ASSERT_TRUE(screen) << name;
    EXPECT_EQ(ScreenName(*screen), name);
    EXPECT_NE(kUsage.find(name), std::string_view::npos) << name;
  }
}

TEST(OptionsTest, VariantsBelongToTheirScreenInTheNavigation) {
  EXPECT_EQ(NavigationScreen(Screen::kVehiclesAdd), Screen::kVehicles);
  EXPECT_EQ(NavigationScreen(Screen::kTransportNew), Screen::kTransports);
  EXPECT_EQ(NavigationScreen(Screen::kHandoffNew), Screen::kTransports);
  EXPECT_EQ(NavigationScreen(Screen::kSignIn), Screen::kVehicles);
  EXPECT_EQ(NavigationScreen(Screen::kLock), Screen::kVehicles);
  for (Screen screen : kNavigationScreens)
    EXPECT_EQ(NavigationScreen(screen), screen);
}

TEST(OptionsTest, ScreenshotSizeIsWidthByHeightAndDefaultsTo1280x800) {
  const Options defaults = ParseOptions({"--db", "x"}).value();
  EXPECT_EQ(defaults.screenshot_size.width, 1280);
  EXPECT_EQ(defaults.screenshot_size.height, 800);
  const Options small = ParseOptions({"--db", "x", "--size", "1024x600"}).value();
  EXPECT_EQ(small.screenshot_size.width, 1024);
  EXPECT_EQ(small.screenshot_size.height, 600);
  for (const char* bad : {"1024", "1024x", "x600", "1024X600", "100x600", "1024x9000", "wide"}) {
    auto refused = ParseOptions({"--db", "x", "--size", bad});
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.status().message().rfind("--size must be WIDTHxHEIGHT", 0), 0u)
        << refused.status().message();
  }
}

TEST(OptionsTest, HelpNeedsNothingElse) {
  auto options = ParseOptions({"--help"});
  ASSERT_TRUE(options.ok());
  EXPECT_TRUE(options.value().help);
}

}  // namespace
}  // namespace relay::edge::ui
