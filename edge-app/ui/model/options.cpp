#include "ui/model/options.h"

namespace relay::edge::ui {

std::optional<Language> LanguageFromCode(std::string_view code) {
  if (code == "zh" || code == "zh-CN") return Language::kZh;
  if (code == "en") return Language::kEn;
  return std::nullopt;
}

namespace {

constexpr std::array<Screen, 17> kScreens = {
    Screen::kVehicles,     Screen::kVehiclesAdd,  Screen::kVolunteers, Screen::kTeams,
    Screen::kTransports,   Screen::kTransportNew, Screen::kHandoffNew, Screen::kTraining,
    Screen::kGeography,    Screen::kConflicts,    Screen::kEnrollment, Screen::kStaff,
    Screen::kSignIn,       Screen::kLock,         Screen::kOverview,   Screen::kPlanning,
    Screen::kTransportPlan};

// The longest idle lock: a day.
constexpr int kMaxIdleLockMinutes = 24 * 60;

std::optional<int> ParseMinutes(const std::string& text) {
  if (text.empty() || text.size() > 4) return std::nullopt;
  int minutes = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    minutes = minutes * 10 + (c - '0');
  }
  if (minutes > kMaxIdleLockMinutes) return std::nullopt;
  return minutes;
}

// The smallest and largest screenshot sides: an old netbook and a 4K screen.
constexpr int kMinSide = 320;
constexpr int kMaxSide = 4096;

std::optional<int> ParseSide(std::string_view text) {
  if (text.empty() || text.size() > 4) return std::nullopt;
  int side = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    side = side * 10 + (c - '0');
  }
  if (side < kMinSide || side > kMaxSide) return std::nullopt;
  return side;
}

// "1024x600" as width and height.
std::optional<PixelSize> ParseSize(std::string_view text) {
  const size_t x = text.find('x');
  if (x == std::string_view::npos) return std::nullopt;
  const auto width = ParseSide(text.substr(0, x));
  const auto height = ParseSide(text.substr(x + 1));
  if (!width || !height) return std::nullopt;
  return PixelSize{*width, *height};
}

}  // namespace

std::string_view ScreenName(Screen screen) {
  switch (screen) {
    case Screen::kVehicles:
      return "vehicles";
    case Screen::kVehiclesAdd:
      return "vehicles-add";
    case Screen::kVolunteers:
      return "volunteers";
    case Screen::kTeams:
      return "teams";
    case Screen::kTransports:
      return "transports";
    case Screen::kTransportNew:
      return "transport-new";
    case Screen::kHandoffNew:
      return "handoff-new";
    case Screen::kTraining:
      return "training";
    case Screen::kGeography:
      return "geography";
    case Screen::kConflicts:
      return "conflicts";
    case Screen::kEnrollment:
      return "enrollment";
    case Screen::kStaff:
      return "staff";
    case Screen::kSignIn:
      return "sign-in";
    case Screen::kLock:
      return "lock";
    case Screen::kOverview:
      return "overview";
    case Screen::kPlanning:
      return "planning";
    case Screen::kTransportPlan:
      return "transport-plan";
  }
  return "";
}

Screen NavigationScreen(Screen screen) {
  switch (screen) {
    case Screen::kVehiclesAdd:
      return Screen::kVehicles;
    case Screen::kTransportNew:
    case Screen::kHandoffNew:
    case Screen::kTransportPlan:
      return Screen::kTransports;
    case Screen::kSignIn:
    case Screen::kLock:
      return Screen::kVehicles;  // what shows once someone signs in
    default:
      return screen;
  }
}

std::optional<Screen> ScreenFromName(std::string_view name) {
  for (Screen screen : kScreens) {
    if (ScreenName(screen) == name) return screen;
  }
  return std::nullopt;
}

Result<Options> ParseOptions(const std::vector<std::string>& args) {
  Options options;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& flag = args[i];
    if (flag == "--help" || flag == "-h") {
      options.help = true;
      return options;
    }
    if (i + 1 >= args.size()) {
      if (flag.rfind("--", 0) == 0) return Status::Error(flag + " needs a value");
      return Status::Error("unexpected argument \"" + flag + "\"");
    }
    const std::string& value = args[++i];
    if (flag == "--db") {
      options.db_path = value;
    } else if (flag == "--server") {
      options.server_url = value;
    } else if (flag == "--lang") {
      const auto language = LanguageFromCode(value);
      if (!language) return Status::Error("--lang must be zh or en, not \"" + value + "\"");
      options.language = *language;
    } else if (flag == "--idle-lock-minutes") {
      const auto minutes = ParseMinutes(value);
      if (!minutes) {
        return Status::Error(
            "--idle-lock-minutes must be whole minutes from 0 (never lock) to 1440, not \"" +
            value + "\"");
      }
      options.idle_lock_minutes = *minutes;
    } else if (flag == "--screenshot") {
      options.screenshot_path = value;
    } else if (flag == "--size") {
      const auto size = ParseSize(value);
      if (!size) {
        return Status::Error(
            "--size must be WIDTHxHEIGHT with each side from 320 to 4096 pixels, "
            "not \"" +
            value + "\"");
      }
      options.screenshot_size = *size;
    } else if (flag == "--screen") {
      const auto screen = ScreenFromName(value);
      if (!screen) {
        return Status::Error("--screen must be one of those in --help, not \"" + value + "\"");
      }
      options.screen = *screen;
    } else {
      return Status::Error("unknown argument \"" + flag + "\"");
    }
  }
  if (options.db_path.empty()) return Status::Error("--db FILE is required");
  return options;
}

}  // namespace relay::edge::ui
