// relay-edge as a user runs it, on a virtual display when there is no real one: each screen is
// rendered to a PNG, which must be a full-size, non-blank picture.
#include <gtest/gtest.h>
#include <stb_image.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include "demo_records.h"
#include "relay/clock.h"
#include "relay/edge/local_store.h"
#include "temp_dir.h"

namespace relay {
namespace {

constexpr int kWidth = 1280;
constexpr int kHeight = 800;

struct EdgeRun {
  int exit_code = -1;
  std::string errors;  // stderr
};

std::string Quoted(const std::string& text) {
  return "'" + text + "'";
}

// Runs relay-edge with args, under xvfb-run when no display is set.
EdgeRun RunEdge(const std::string& args, const testing::TempDir& dir) {
  std::string command;
  const char* display = std::getenv("DISPLAY");
  if (!display || !*display) {
    command = "xvfb-run -a -s " + Quoted("-screen 0 1280x800x24") + " ";
  }
  const std::string errors_path = dir.File("stderr.txt");
  command += Quoted(RELAY_EDGE_BIN) + " " + args + " 2>" + Quoted(errors_path);
  const int status = std::system(command.c_str());
  EdgeRun run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream errors(errors_path);
  std::ostringstream text;
  text << errors.rdbuf();
  run.errors = text.str();
  return run;
}

class GuiSmokeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SystemClock clock;
    auto store = edge::LocalStore::Open(db_, clock);
    ASSERT_TRUE(store.ok()) << store.status().message();
    testing::DemoRecords demo(*store.value());
  }

  // Renders a screen at the default size, or at --size when given, and checks the picture; the
  // PNG stays in the build tree to look at.
  void ExpectScreenshot(const std::string& screen, const std::string& lang,
                        int expected_width = kWidth, int expected_height = kHeight) {
    const bool sized = expected_width != kWidth || expected_height != kHeight;
    const std::string size = std::to_string(expected_width) + "x" + std::to_string(expected_height);
    const std::string png = std::string(RELAY_GUI_OUT_DIR) + "/" + screen + "-" + lang +
                            (sized ? "-" + size : "") + ".png";
    std::remove(png.c_str());
    const EdgeRun run =
        RunEdge("--db " + Quoted(db_) + " --lang " + lang + " --screen " + screen +
                    " --screenshot " + Quoted(png) + (sized ? " --size " + size : ""),
                dir_);
    ASSERT_EQ(run.exit_code, 0) << run.errors;

    int width = 0, height = 0, channels = 0;
    unsigned char* pixels = stbi_load(png.c_str(), &width, &height, &channels, 4);
    ASSERT_NE(pixels, nullptr) << "cannot read " << png;
    EXPECT_EQ(width, expected_width);
    EXPECT_EQ(height, expected_height);

    std::map<uint32_t, size_t> colours;
    const size_t count = static_cast<size_t>(width) * static_cast<size_t>(height);
    for (size_t i = 0; i < count; ++i) {
      uint32_t rgba;
      std::memcpy(&rgba, pixels + i * 4, 4);
      ++colours[rgba];
    }
    stbi_image_free(pixels);
    size_t background = 0;
    for (const auto& [colour, n] : colours)
      background = std::max(background, n);
    // Anti-aliased text alone yields dozens of shades; a blank or single-colour frame has one.
    EXPECT_GT(colours.size(), 50u) << png;
    // Text, table rows, buttons and frames cover a good part of the screen.
    EXPECT_GT(static_cast<double>(count - background) / static_cast<double>(count), 0.05) << png;
    pngs_[screen + "-" + lang] = png;
  }

  testing::TempDir dir_;
  std::string db_ = dir_.File("edge.db");
  std::map<std::string, std::string> pngs_;
};

TEST_F(GuiSmokeTest, VehiclesScreenInBothLanguages) {
  ExpectScreenshot("vehicles", "zh");
  ExpectScreenshot("vehicles", "en");
  if (HasFailure()) return;

  // The language switch must reach the pixels.
  int w = 0, h = 0, n = 0;
  unsigned char* zh = stbi_load(pngs_["vehicles-zh"].c_str(), &w, &h, &n, 4);
  unsigned char* en = stbi_load(pngs_["vehicles-en"].c_str(), &w, &h, &n, 4);
  ASSERT_TRUE(zh && en);
  size_t differing = 0;
  for (size_t i = 0; i < static_cast<size_t>(w) * static_cast<size_t>(h); ++i) {
    differing += std::memcmp(zh + i * 4, en + i * 4, 4) != 0;
  }
  stbi_image_free(zh);
  stbi_image_free(en);
  EXPECT_GT(differing, 5000u);
}

// Every field screen, and the forms a clinic worker fills during a transport, in both languages.
class FieldScreenSmokeTest : public GuiSmokeTest,
                             public ::testing::WithParamInterface<const char*> {};

TEST_P(FieldScreenSmokeTest, RendersInBothLanguages) {
  ExpectScreenshot(GetParam(), "zh");
  ExpectScreenshot(GetParam(), "en");
}

INSTANTIATE_TEST_SUITE_P(Screens, FieldScreenSmokeTest,
                         ::testing::Values("volunteers", "teams", "transports", "transport-new",
                                           "handoff-new", "training", "geography", "conflicts",
                                           "enrollment", "staff"),
                         [](const ::testing::TestParamInfo<const char*>& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

// Who is working on the laptop: the sign-in, with the PIN field of a doctor who has one, and
// the lock after idle time, with the nurse who was working chosen.
TEST_F(GuiSmokeTest, SignInAndLockScreensInBothLanguages) {
  {
    SystemClock clock;
    auto store = edge::LocalStore::Open(db_, clock).value();
    const auto township = store->ListWhere("townships", "name", "明安图镇").value().at(0)["id"];
    for (const auto& [name, role] : {std::pair{"其木格", "doctor"},
                                     {"萨仁高娃", "nurse"},
                                     {"巴特尔", "driver"},
                                     {"乌兰", "team_lead"}}) {
      ASSERT_TRUE(
          store->Put("staff", {{"township_id", township}, {"name", name}, {"staff_role", role}})
              .ok());
    }
    const std::string doctor = store->ListWhere("staff", "name", "其木格").value().at(0)["id"];
    ASSERT_TRUE(store->SetPin(doctor, "4821").ok());
  }
  for (const char* screen : {"sign-in", "lock"}) {
    ExpectScreenshot(screen, "zh");
    ExpectScreenshot(screen, "en");
  }
}

// The smallest laptop screen in the field, one test per screen (each within ctest's timeout);
// which controls fit is checked in small_screen_test.
class SmallScreenSmokeTest : public GuiSmokeTest,
                             public ::testing::WithParamInterface<const char*> {};

TEST_P(SmallScreenSmokeTest, RendersAt1024x600) {
  ExpectScreenshot(GetParam(), "zh", 1024, 600);
}

INSTANTIATE_TEST_SUITE_P(Screens, SmallScreenSmokeTest,
                         ::testing::Values("vehicles", "vehicles-add", "volunteers", "teams",
                                           "transports", "transport-new", "handoff-new", "training",
                                           "geography", "conflicts", "staff", "enrollment"),
                         [](const ::testing::TestParamInfo<const char*>& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST_F(GuiSmokeTest, FormsRenderAt1024x600InEnglish) {
  ExpectScreenshot("transport-new", "en", 1024, 600);
  ExpectScreenshot("handoff-new", "en", 1024, 600);
}

TEST_F(GuiSmokeTest, AddScreenWithInlineErrors) {
  ExpectScreenshot("vehicles-add", "zh");
}

// The pixels of a PNG near a colour, each channel within tolerance.
size_t PixelsNear(const std::string& png, uint8_t r, uint8_t g, uint8_t b, int tolerance = 12) {
  int width = 0, height = 0, channels = 0;
  unsigned char* pixels = stbi_load(png.c_str(), &width, &height, &channels, 4);
  if (!pixels) return 0;
  size_t near = 0;
  for (size_t i = 0; i < static_cast<size_t>(width) * static_cast<size_t>(height); ++i) {
    const unsigned char* p = pixels + i * 4;
    near += std::abs(p[0] - r) <= tolerance && std::abs(p[1] - g) <= tolerance &&
            std::abs(p[2] - b) <= tolerance;
  }
  stbi_image_free(pixels);
  return near;
}

// The overview, computed in the background before the picture is taken: figures marked met in
// green and not met in red, and the charts drawn beside them (the registered vehicles' bars).
TEST_F(GuiSmokeTest, OverviewShowsVerdictsAndChartsInBothLanguages) {
  for (const char* lang : {"zh", "en"}) {
    ExpectScreenshot("overview", lang, 1366, 768);
    if (HasFailure()) return;
    const std::string png = pngs_[std::string("overview-") + lang];
    EXPECT_GT(PixelsNear(png, 26, 128, 46), 40u) << png;    // met
    EXPECT_GT(PixelsNear(png, 199, 20, 20), 40u) << png;    // not met
    EXPECT_GT(PixelsNear(png, 70, 120, 190), 500u) << png;  // the vehicles' bars
  }
  ExpectScreenshot("overview", "zh", 1024, 600);
}

TEST_F(GuiSmokeTest, BadArgumentsFailWithOneLine) {
  const EdgeRun run = RunEdge("--db " + Quoted(db_) + " --lang fr", dir_);
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.errors.find("--lang"), std::string::npos) << run.errors;
  EXPECT_EQ(std::count(run.errors.begin(), run.errors.end(), '\n'), 1) << run.errors;
}

TEST_F(GuiSmokeTest, UnopenableDatabaseFailsWithOneLine) {
  const EdgeRun run =
      RunEdge("--db /nonexistent-dir/edge.db --screenshot " + Quoted(dir_.File("never.png")), dir_);
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.errors.find("/nonexistent-dir/edge.db"), std::string::npos) << run.errors;
  EXPECT_EQ(std::count(run.errors.begin(), run.errors.end(), '\n'), 1) << run.errors;
}

}  // namespace
}  // namespace relay
