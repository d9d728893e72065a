// relay-edge: the field client's window, or with --screenshot one rendered screen as a PNG.

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "relay/clock.h"
#include "relay/edge/local_store.h"
#include "relay/edge/sync_worker.h"
#include "ui/model/app_model.h"
#include "ui/model/assets_dir.h"
#include "ui/model/font_config.h"
#include "ui/model/options.h"
#include "ui/model/translations.h"
#include "ui/platform/frame_bench.h"
#include "ui/platform/screenshot.h"
#include "ui/platform/window.h"
#include "ui/views/app.h"
#include "ui/views/font_loader.h"

namespace {

using namespace relay::edge::ui;

// Tables size their columns and child windows their scroll areas over the first frames, so a
// screenshot waits a few frames for the layout to settle.
constexpr int kScreenshotFrames = 4;
// How long a screenshot waits for background work (the overview computing) at most: 30 s.
constexpr int kBusyWaitMs = 20;
constexpr int kMostScreenshotWaitFrames = 1500;
// After input or a timer, Dear ImGui needs a frame or two more to settle what changed (a popup
// opening, a table sizing its columns, new glyphs in the font), so those follow at once; then
// the window sleeps until input or the model's next change (AppModel::NextChangeMs).
constexpr int kSettleFrames = 2;
// Frames drawn in a row for Window::Settling at most, so a state that never settles cannot
// keep an idle laptop drawing.
constexpr int kMostSettlingFrames = 8;

int Fail(const std::string& reason) {
  std::fprintf(stderr, "relay-edge: %s\n", reason.c_str());
  return 1;
}

std::filesystem::path ExeDir() {
  std::error_code error;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", error);
  return error ? std::filesystem::path() : exe.parent_path();
}

int Run(const Options& options) {
  const auto assets = FindAssetsDir(std::getenv("RELAY_ASSETS"), ExeDir(), RELAY_ASSETS_DIR);
  if (!assets) return Fail("cannot find the assets directory; set RELAY_ASSETS to it");
  auto zh = Translations::Load(*assets, Language::kZh);
  if (!zh.ok()) return Fail(zh.status().message());
  auto en = Translations::Load(*assets, Language::kEn);
  if (!en.ok()) return Fail(en.status().message());
  auto font_config = LoadFontConfig(*assets);
  if (!font_config.ok()) return Fail(font_config.status().message());
  auto font_file = PickFont(font_config.value(), [](const std::string& path) {
    std::error_code error;
    return std::filesystem::is_regular_file(path, error);
  });
  if (!font_file.ok()) return Fail(font_file.status().message());
  auto fonts = FontLoader::Open(font_file.value(), font_config.value().size_px,
                                font_config.value().fallbacks);
  if (!fonts.ok()) return Fail(fonts.status().message());

  relay::SystemClock clock;
  auto store = relay::edge::LocalStore::Open(options.db_path, clock);
  if (!store.ok()) return Fail(store.status().message());  // it names the file
  // A screenshot shows the stored state as it is: no sync starts by itself meanwhile.
  relay::edge::SyncTiming timing;
  timing.automatic = options.screenshot_path.empty();
  relay::edge::SyncWorker sync(*store.value(), options.server_url,
                               relay::edge::CurlTransportFactory(), timing);
  AppModel model(*store.value(), sync, clock, options.db_path);
  model.session().set_idle_lock_minutes(options.idle_lock_minutes);

  const bool screenshot = !options.screenshot_path.empty();
  const Translations& start_tr = options.language == Language::kZh ? zh.value() : en.value();
  auto window =
      Window::Open(start_tr("app.title"), screenshot ? Surface::kOffscreen : Surface::kScreen,
                   options.screenshot_size);
  if (!window.ok()) return Fail(window.status().message());
  // A background sync starts and ends while the window sleeps; its news must wake it.
  if (!screenshot) sync.NotifyOnChange(Window::Wake);
  FontLoader::AddBaseRanges(model.glyphs());
  App app(model, std::move(zh).value(), std::move(en).value(), options.language, options.screen);

  auto bench = FrameBench::FromEnvironment();
  if (bench) model.browser("transports").SetFilter(bench->filter());

  Language titled = app.language();
  int settle = kSettleFrames;
  int settling_frames = 0;  // frames drawn since the last sleep because Dear ImGui was settling
  int waited_frames = 0;
  for (int frame = 0; screenshot ? frame < kScreenshotFrames : !window.value()->ShouldClose();
       ++frame) {
    // A screenshot shows what the screen computes in the background once it is done.
    if (screenshot && model.overview().busy() && waited_frames < kMostScreenshotWaitFrames) {
      std::this_thread::sleep_for(std::chrono::milliseconds(kBusyWaitMs));
      ++waited_frames;
      frame = 0;
    }
    if (bench) bench->BeforeFrame(*window.value());
    const auto frame_start = std::chrono::steady_clock::now();
    model.Poll();
    // The atlas may only change between frames, before NewFrame.
    auto rebuilt = fonts.value()->Update(model.glyphs());
    if (!rebuilt.ok()) return Fail(rebuilt.status().message());
    if (rebuilt.value()) window.value()->ReloadFontTexture();
    const uint64_t glyphs_drawn = model.glyphs().revision();
    window.value()->BeginFrame();
    app.Draw();
    window.value()->EndFrame();
    // Text new to the font shows once the atlas is rebuilt, at the start of the next frame;
    // what Dear ImGui left half done shows after one more frame or two.
    if (model.glyphs().revision() != glyphs_drawn) settle = std::max(settle, 1);
    if (window.value()->Settling() && settling_frames < kMostSettlingFrames) {
      settle = std::max(settle, 1);
      ++settling_frames;
    }
    if (bench) {
      bench->AfterFrame(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - frame_start)
              .count());
    }
    if (app.language() != titled) {
      titled = app.language();
      window.value()->SetTitle(app.tr()("app.title"));
    }
    if (screenshot || (bench && bench->timing())) continue;
    if (settle > 0) {
      --settle;
      window.value()->WaitEvents(0);
    } else {
      window.value()->WaitEvents(static_cast<double>(model.NextChangeMs() - model.now_ms()) / 1000);
      settle = kSettleFrames;
      settling_frames = 0;
    }
  }
  sync.NotifyOnChange({});  // the window is about to close
  if (screenshot) {
    if (auto saved = SaveScreenshot(*window.value(), options.screenshot_path); !saved.ok()) {
      return Fail(saved.message());
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  auto options = ParseOptions(std::vector<std::string>(argv + 1, argv + argc));
  if (!options.ok()) return Fail(options.status().message() + " (see --help)");
  if (options.value().help) {
    std::printf("%s\n", std::string(kUsage).c_str());
    return 0;
  }
  return Run(options.value());
}
