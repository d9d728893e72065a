#include "ui/views/app.h"

#include <imgui.h>

#include <algorithm>

#include "ui/model/shortcuts.h"
#include "ui/model/time_text.h"
#include "ui/views/conflicts_view.h"
#include "ui/views/enrollment_view.h"
#include "ui/views/geography_view.h"
#include "ui/views/help_overlay.h"
#include "ui/views/input_activity.h"
#include "ui/views/keyboard_focus.h"
#include "ui/views/menu_bar.h"
#include "ui/views/overview_view.h"
#include "ui/views/planning_view.h"
#include "ui/views/record_list_view.h"
#include "ui/views/sign_in_view.h"
#include "ui/views/sync_bar.h"
#include "ui/views/teams_view.h"
#include "ui/views/training_view.h"
#include "ui/views/transports_view.h"
#include "ui/views/vehicles_view.h"
#include "ui/views/widgets.h"

namespace relay::edge::ui {
namespace {

// A light theme with framed inputs: field laptops are read outdoors, where a dark screen
// washes out in the sun.
void ApplyStyle() {
  ImGui::StyleColorsLight();
  ImGuiStyle& style = ImGui::GetStyle();
  style.FrameBorderSize = 1.0f;
  style.FrameRounding = 3.0f;
  style.FramePadding = ImVec2(8, 5);
  style.ItemSpacing = ImVec2(10, 7);
  style.CellPadding = ImVec2(8, 4);
  style.WindowPadding = ImVec2(12, 10);
}

// The id of a list's first row (the newest transport or training, the first team by name);
// empty when the list is empty.
std::string FirstRowId(RecordBrowser& browser) {
  const nlohmann::json* first = browser.Row(0);
  return first ? first->value("id", "") : "";
}

void SelectFirstRow(RecordBrowser& browser) {
  if (const std::string id = FirstRowId(browser); !id.empty()) browser.Select(id);
}

// A screen's name in the navigation; conflicts with how many are open.
std::string NavigationLabel(Screen screen, int64_t open_conflicts, const Translations& tr) {
  return screen == Screen::kConflicts ? ConflictsNavLabel(open_conflicts, tr)
                                      : std::string(tr("nav." + std::string(ScreenName(screen))));
}

// The list of screens down the left side. Ctrl with the screen's number opens it too.
Screen DrawNavigation(Screen current, int64_t open_conflicts, const Translations& tr) {
  Screen chosen = current;
  for (size_t i = 0; i < kNavigationScreens.size(); ++i) {
    const Screen screen = kNavigationScreens[i];
    const std::string name(ScreenName(screen));
    const std::string label = NavigationLabel(screen, open_conflicts, tr);
    if (ImGui::Selectable(Labeled(label.c_str(), name.c_str()).c_str(), screen == current) ||
        CtrlShortcutPressed(ScreenDigit(i))) {
      chosen = screen;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ScreenShortcut(i).c_str());
    TabStopRow(screen == current);
  }
  return chosen;
}

// The navigation's width: its longest label, within an eighth and a fifth of the window.
float NavigationWidth(int64_t open_conflicts, const Translations& tr) {
  float widest = 0;
  for (Screen screen : kNavigationScreens) {
    widest = std::max(widest,
                      ImGui::CalcTextSize(NavigationLabel(screen, open_conflicts, tr).c_str()).x);
  }
  const ImGuiStyle& style = ImGui::GetStyle();
  const float fitted = widest + style.WindowPadding.x * 2 + style.ItemSpacing.x;
  const float window = ImGui::GetContentRegionAvail().x;
  return std::clamp(fitted, window / 8, window / 5);
}

// Nobody signed in, with the first person who has a PIN chosen, so its field shows.
void ShowSignIn(SignInViewModel& session) {
  session.SignOut();
  for (const auto& person : session.staff()) {
    if (person.has_pin) {
      session.Choose(person.id);
      break;
    }
  }
}

// The first person without a PIN signed in and then locked out by idle time.
void ShowLockAfterWork(SignInViewModel& session) {
  for (const auto& person : session.staff()) {
    if (person.has_pin) continue;
    session.Choose(person.id);
    session.SignIn();
    break;
  }
  session.Lock();
}

// A new transport called in now from the first gacha of the list, so the planner's options
// show beside its form.
void StartCallAtFirstGacha(AppModel& model) {
  RecordBrowser& transports = model.browser("transports");
  transports.StartNew();
  const std::string gacha = FirstRowId(model.browser("gachas"));
  if (gacha.empty()) return;
  transports.form().Field("pickup_gacha_id")->text = gacha;
  transports.form().Field("call_received_at")->text = LocalNowText(model.now_ms());
}

}  // namespace

App::App(AppModel& model, Translations zh, Translations en, Language language, Screen screen)
    : model_(model),
      zh_(std::move(zh)),
      en_(std::move(en)),
      language_(language),
      screen_(NavigationScreen(screen)) {
  for (const Translations* translations : {&zh_, &en_}) {
    for (const std::string& text : translations->Texts())
      model_.glyphs().AddText(text);
  }
  for (const Shortcut& shortcut : kShortcuts)
    model_.glyphs().AddText(std::string(shortcut.keys));
  ApplyStyle();
  // Arrow keys move between controls and Space or Enter presses them, so nothing needs a mouse.
  ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  switch (screen) {
    case Screen::kVehiclesAdd:
      model_.vehicles().StartNew();
      model_.Save("vehicles");
      break;
    case Screen::kTeams:
      SelectFirstRow(model_.browser("teams"));
      break;
    case Screen::kTraining:
      SelectFirstRow(model_.browser("trainings"));
      break;
    case Screen::kTransports:
      SelectFirstRow(model_.browser("transports"));
      break;
    case Screen::kGeography:
      SelectFirstRow(model_.browser("townships"));
      break;
    case Screen::kConflicts:
      if (!model_.conflicts().open().empty()) {
        model_.conflicts().Select(model_.conflicts().open().front().value("id", ""));
      }
      break;
    case Screen::kTransportNew:
      model_.browser("transports").StartNew();
      break;
    case Screen::kTransportPlan:
      StartCallAtFirstGacha(model_);
      break;
    case Screen::kHandoffNew:
      if (const std::string latest = FirstRowId(model_.browser("transports")); !latest.empty()) {
        model_.browser("transports").Select(latest);
        StartHandoff(model_, latest);
      }
      break;
    case Screen::kSignIn:
      ShowSignIn(model_.session());
      break;
    case Screen::kLock:
      ShowLockAfterWork(model_.session());
      break;
    default:
      break;
  }
}

void App::Draw() {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_MenuBar |
                                      ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::Begin("###relay-edge", nullptr, kFlags);
  focus_.BeginFrame();
  SignInViewModel& session = model_.session();
  if (HadInput()) session.NoteInput();
  session.Tick();
  language_ = DrawMenuBar(language_, session, model_.glyphs(), tr());
  if (FunctionKeyPressed(1) && !help_open_) OpenHelpOverlay();
  help_open_ = DrawHelpOverlay(tr());
  if (session.locked() != was_locked_) focus_content_ = true;
  was_locked_ = session.locked();
  if (session.locked()) {
    // The lock hides the data; the screens and their open forms stay as they were.
    if (focus_content_) focus_.FocusFirstFromHere();
    focus_content_ = false;
    DrawSignInView(model_, tr());
    focus_.EndFrame();
    ImGui::End();
    return;
  }
  if (FunctionKeyPressed(5) && !model_.sync_busy()) model_.RequestSync();
  DrawSyncBar(model_, tr());
  ImGui::Separator();
  const int64_t open_conflicts = model_.conflicts().open_count();
  ImGui::BeginChild("##navigation", ImVec2(NavigationWidth(open_conflicts, tr()), 0),
                    /*border=*/true);
  const Screen chosen = DrawNavigation(screen_, open_conflicts, tr());
  ImGui::EndChild();
  if (chosen != screen_) focus_content_ = true;
  screen_ = chosen;
  ImGui::SameLine();
  ImGui::BeginChild("##screen");
  if (focus_content_) focus_.FocusFirstFromHere();
  focus_content_ = false;
  switch (screen_) {
    case Screen::kVolunteers:
      DrawTableScreen(model_, "volunteers", tr());
      break;
    case Screen::kTeams:
      DrawTeamsView(model_, tr());
      break;
    case Screen::kTransports:
      DrawTransportsView(model_, tr());
      break;
    case Screen::kTraining:
      DrawTrainingView(model_, tr());
      break;
    case Screen::kGeography:
      DrawGeographyView(model_, tr());
      break;
    case Screen::kConflicts:
      DrawConflictsView(model_, tr());
      break;
    case Screen::kEnrollment:
      DrawEnrollmentView(model_, tr());
      break;
    case Screen::kStaff:
      DrawTableScreen(model_, "staff", tr());
      break;
    case Screen::kOverview:
      DrawOverviewView(model_, language_, tr());
      break;
    case Screen::kPlanning:
      DrawPlanningView(model_, tr());
      break;
    default:
      DrawVehiclesView(model_, tr());
      break;
  }
  ImGui::EndChild();
  focus_.EndFrame();
  ImGui::End();
}

}  // namespace relay::edge::ui
