#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "relay/status.h"

namespace relay::edge::ui {

enum class Language { kZh, kEn };

// The screens relay-edge can show; names are what --screen accepts.
enum class Screen {
  kVehicles,     // the vehicle register with its filter
  kVehiclesAdd,  // the same, with the Add form after saving it empty (shows inline errors)
};

std::optional<Language> LanguageFromCode(std::string_view code);
std::optional<Screen> ScreenFromName(std::string_view name);

// What relay-edge was asked to do on its command line.
struct Options {
  std::string db_path;
  std::string server_url = "http://127.0.0.1:8787";
  Language language = Language::kZh;
  std::string screenshot_path;  // empty: run interactively
  Screen screen = Screen::kVehicles;
  bool help = false;
};

// Parses `--db FILE [--server URL] [--lang zh|en] [--screenshot OUT.png] [--screen NAME]`;
// an error names the argument at fault.
Result<Options> ParseOptions(const std::vector<std::string>& args);

// The usage line printed for --help and after a bad argument.
inline constexpr std::string_view kUsage =
    "usage: relay-edge --db FILE [--server URL] [--lang zh|en] [--screenshot OUT.png] "
    "[--screen vehicles|vehicles-add]";

}  // namespace relay::edge::ui
