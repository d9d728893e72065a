#include "ui/views/call_options_view.h"

#include <imgui.h>

#include "ui/views/keyboard_focus.h"
#include "ui/views/season_switch.h"
#include "ui/views/shown_text.h"
#include "ui/views/widgets.h"

namespace relay::edge::ui {
namespace {

// How much larger the phone to read out is drawn than the text around it.
constexpr float kPhoneScale = 1.8f;

std::string Minutes(int minutes, const Translations& tr) {
  return tr.Format("plan.minutes", {{"n", std::to_string(minutes)}});
}

void DrawOption(AppModel& model, const PlannedOption& option, size_t index,
                const Translations& tr) {
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(0);
  if (option.vehicle_id.empty()) {
    ImGui::TextDisabled("%zu", index + 1);
  } else {
    const std::string id = "choose-" + std::to_string(index);
    const bool key = index < 9 && AltShortcutPressed(static_cast<char>('1' + index));
    if (ImGui::Button(Labeled(tr.Format("plan.choose", {{"i", std::to_string(index + 1)}}).c_str(),
                              id.c_str())
                          .c_str()) ||
        key) {
      model.ChooseHandoff(option);
    }
    TabStop();
  }
  ImGui::TableSetColumnIndex(1);
  ImGui::PushTextWrapPos(0.0f);
  if (option.vehicle_id.empty()) {
    ImGui::TextWrapped(
        "%s", Shown(tr.Format("plan.ambulance_alone", {{"station", option.station_name}})).c_str());
  } else {
    ImGui::TextWrapped(
        "%s",
        Shown(tr.Format(option.medical ? "plan.medical_option" : "plan.vehicle_option",
                        {{"plate", option.plate},
                         {"driver", option.driver_name.empty() ? std::string(tr("plan.no_driver"))
                                                               : option.driver_name},
                         {"phone", PhoneForReading(option.phone)},
                         {"point", option.rendezvous_point_name},
                         {"meeting", Minutes(option.minutes_to_meeting, tr)}}))
            .c_str());
  }
  const std::string contact =
      tr.Format("plan.first_contact", {{"minutes", Minutes(option.minutes_to_first_contact, tr)},
                                       {"target", std::to_string(option.target_minutes)}});
  if (option.meets_target) {
    OkText(contact);
  } else {
    ErrorText(contact);
  }
  ImGui::SameLine();
  ImGui::TextUnformatted(
      tr.Format("plan.at_destination", {{"minutes", Minutes(option.minutes_to_destination, tr)}})
          .c_str());
  ImGui::PopTextWrapPos();
}

}  // namespace

std::string PhoneForReading(const std::string& phone) {
  if (phone.size() != 11) return phone;  // a landline keeps its own dash
  return phone.substr(0, 3) + " " + phone.substr(3, 4) + " " + phone.substr(7);
}

void DrawCallOptions(AppModel& model, const std::string& gacha_id, const Translations& tr) {
  ImGui::TextUnformatted(tr("plan.options_title"));
  DrawSeasonSwitch(model.planning(), tr);
  const auto& options = model.call_options(gacha_id);
  if (!options.ok()) {
    // kInvalid: no road leads there (or the gacha is unknown); anything else failed to read.
    ErrorText(options.status().kind() == ErrorKind::kInvalid
                  ? tr("plan.no_route_here")
                  : tr.Format("error.load", {{"reason", options.status().message()}}));
    return;
  }
  if (!model.plan_error().empty())
    ErrorText(tr.Format("plan.not_recorded", {{"reason", model.plan_error()}}));
  constexpr ImGuiTableFlags kFlags =
      ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_NoSavedSettings;
  if (!ImGui::BeginTable("##options", 2, kFlags)) return;
  ImGui::TableSetupColumn("##choose", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn("##option", ImGuiTableColumnFlags_WidthStretch);
  for (size_t i = 0; i < options.value().size(); ++i)
    DrawOption(model, options.value()[i], i, tr);
  ImGui::EndTable();
}

void DrawChosenHandoff(AppModel& model, const std::string& transport_id, const Translations& tr) {
  const auto& chosen = model.chosen_handoff();
  if (!chosen || chosen->transport_id != transport_id) return;
  const PlannedOption& option = chosen->option;
  ImGui::TextUnformatted(
      Shown(tr.Format("plan.call_driver",
                      {{"driver", option.driver_name.empty() ? option.plate : option.driver_name}}))
          .c_str());
  ImGui::SetWindowFontScale(kPhoneScale);
  ImGui::TextUnformatted(PhoneForReading(option.phone).c_str());
  ImGui::SetWindowFontScale(1.0f);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextWrapped(
      "%s", Shown(tr.Format("plan.meet_at", {{"point", option.rendezvous_point_name},
                                             {"minutes", Minutes(option.minutes_to_meeting, tr)}}))
                .c_str());
  ImGui::PopTextWrapPos();
  ImGui::Separator();
}

}  // namespace relay::edge::ui
