#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "relay/status.h"

namespace relay::edge::ui {

enum class Language { kZh, kEn };

// The screens relay-edge can show; names are what --screen accepts.
enum class Screen {
  kVehicles,       // the vehicle register with its filter
  kVehiclesAdd,    // the same, with the Add form after saving it empty (shows inline errors)
  kVolunteers,     // volunteers and drivers
  kTeams,          // teams, with the units × posts grid of the selected team
  kTransports,     // transports, with the timeline of the selected one
  kTransportNew,   // the same, with the form of a new transport open
  kHandoffNew,     // the same, with the latest transport selected and a new handoff's form open
  kTraining,       // trainings and drills
  kGeography,      // sumu/towns, gachas, meeting points and stations, read-only
  kConflicts,      // the open sync conflicts, with the newest selected to be settled
  kEnrollment,     // this laptop's enrollment with the county server, or the code to enter
  kStaff,          // the township's staff, who sign in on this laptop
  kSignIn,         // who is working: the staff list, with the PIN field of one who has a PIN
  kLock,           // the lock after idle time, with the person who was working chosen
  kOverview,       // the county's figures for a period: targets, charts and a schematic map
  kPlanning,       // handoff planning: the coverage map, gachas outside the target, advice
  kTransportPlan,  // a new transport at the first gacha, with the planner's options beside it
};

// The screens the navigation lists, in its order; the other screens are variants of these.
inline constexpr std::array<Screen, 11> kNavigationScreens = {
    Screen::kVehicles,   Screen::kVolunteers, Screen::kTeams,     Screen::kTransports,
    Screen::kTraining,   Screen::kGeography,  Screen::kConflicts, Screen::kStaff,
    Screen::kEnrollment, Screen::kOverview,   Screen::kPlanning};

std::optional<Language> LanguageFromCode(std::string_view code);
std::optional<Screen> ScreenFromName(std::string_view name);
// The name --screen takes for a screen, which also keys its label ("nav.<name>").
std::string_view ScreenName(Screen screen);
// The screen of the navigation a variant belongs to (kTransports for kHandoffNew).
Screen NavigationScreen(Screen screen);

// A window or screenshot size in pixels.
struct PixelSize {
  int width = 0;
  int height = 0;
};

// What relay-edge was asked to do on its command line.
struct Options {
  std::string db_path;
  std::string server_url = "http://127.0.0.1:8787";
  Language language = Language::kZh;
  std::string screenshot_path;  // empty: run interactively
  // The screenshot's size; the window on screen fills the monitor's work area instead.
  PixelSize screenshot_size{1280, 800};
  Screen screen = Screen::kVehicles;
  int idle_lock_minutes = 10;  // without input, then the lock; 0: never
  bool help = false;
};

// Parses `--db FILE [--server URL] [--lang zh|en] [--idle-lock-minutes N]
// [--screenshot OUT.png] [--size WxH] [--screen NAME]`; an error names the argument at fault.
Result<Options> ParseOptions(const std::vector<std::string>& args);

// The usage line printed for --help and after a bad argument.
inline constexpr std::string_view kUsage =
    "usage: relay-edge --db FILE [--server URL] [--lang zh|en] [--idle-lock-minutes N] "
    "[--screenshot OUT.png] [--size WIDTHxHEIGHT] "
    "[--screen vehicles|vehicles-add|volunteers|teams|transports|transport-new|handoff-new|"
    "training|geography|conflicts|staff|enrollment|sign-in|lock|overview|planning|"
    "transport-plan]\n"
    "  --idle-lock-minutes N  lock the screen after N minutes without input (default 10; 0: "
    "never)\n"
    "  --size WIDTHxHEIGHT    the screenshot's size in pixels (default 1280x800)";

}  // namespace relay::edge::ui
