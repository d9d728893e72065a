#include "ui/views/transports_view.h"

#include <imgui.h>

#include "relay/validation.h"
#include "ui/model/time_text.h"
#include "ui/views/call_options_view.h"
#include "ui/views/keyboard_focus.h"
#include "ui/views/record_list_view.h"
#include "ui/views/shown_text.h"
#include "ui/views/widgets.h"

namespace relay::edge::ui {
namespace {

std::string MaybeDuration(const std::optional<int64_t>& seconds, const Translations& tr) {
  return seconds ? DurationText(*seconds, tr) : std::string(tr("timeline.unknown"));
}

void DrawTarget(const TransportTimeline& intervals, const Translations& tr) {
  ImGui::TextUnformatted(
      tr.Format("timeline.first_contact_after",
                {{"duration", MaybeDuration(intervals.call_to_first_contact_s, tr)}})
          .c_str());
  ImGui::SameLine();
  ImGui::TextUnformatted("·");
  ImGui::SameLine();
  ImGui::TextUnformatted(
      tr.Format("timeline.destination_after",
                {{"duration", MaybeDuration(intervals.call_to_destination_s, tr)}})
          .c_str());
  if (!intervals.target_s) {
    ImGui::TextDisabled("%s", tr("timeline.target_unknown"));
    return;
  }
  const std::string target = DurationText(*intervals.target_s, tr);
  if (!intervals.met_target) {
    ImGui::TextDisabled("%s", tr.Format("timeline.target_pending", {{"target", target}}).c_str());
  } else if (*intervals.met_target) {
    OkText(tr.Format("timeline.target_met", {{"target", target}}));
  } else {
    ErrorText(tr.Format("timeline.target_missed", {{"target", target}}));
  }
}

void DrawSteps(const TransportStory& story, const Translations& tr) {
  constexpr ImGuiTableFlags kFlags =
      ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_NoSavedSettings;
  if (!ImGui::BeginTable("##steps", 3, kFlags)) return;
  ImGui::TableSetupColumn(tr("timeline.time"), ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn(tr("timeline.what"), ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn(tr("timeline.detail"), ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  for (const TimelineStep& step : story.steps) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextUnformatted(LocalTimeText(FormatUtcTime(step.at_s)).c_str());
    ImGui::TableSetColumnIndex(1);
    ImGui::TextUnformatted(tr("timeline." + step.what));
    ImGui::TableSetColumnIndex(2);
    ImGui::TextWrapped("%s", Shown(step.detail).c_str());
  }
  ImGui::EndTable();
}

void DrawHandoffWaits(const TransportStory& story, const Translations& tr) {
  if (story.handoffs.empty()) return;
  constexpr ImGuiTableFlags kFlags =
      ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_NoSavedSettings;
  if (!ImGui::BeginTable("##waits", 4, kFlags)) return;
  for (const char* column : {"timeline.handoff_at", "timeline.carrier_wait",
                             "timeline.receiver_wait", "timeline.call_to_transfer"}) {
    ImGui::TableSetupColumn(tr(column));
  }
  ImGui::TableHeadersRow();
  for (const HandoffStory& handoff : story.handoffs) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextUnformatted(Shown(handoff.place).c_str());
    ImGui::TableSetColumnIndex(1);
    ImGui::TextUnformatted(MaybeDuration(handoff.waits.carrier_wait_s, tr).c_str());
    ImGui::TableSetColumnIndex(2);
    ImGui::TextUnformatted(MaybeDuration(handoff.waits.receiver_wait_s, tr).c_str());
    ImGui::TableSetColumnIndex(3);
    ImGui::TextUnformatted(MaybeDuration(handoff.waits.call_to_transfer_s, tr).c_str());
  }
  ImGui::EndTable();
}

void DrawTimeline(AppModel& model, const std::string& transport_id, bool locked,
                  const Translations& tr) {
  ImGui::BeginDisabled(locked);
  if (ImGui::Button(Labeled(tr("transports.record_handoff"), "handoff").c_str()) ||
      (!locked && CtrlShortcutPressed('H'))) {
    StartHandoff(model, transport_id);
  }
  TabStop();
  const std::string leg = Labeled(tr("transports.add_leg"), "leg");
  SameLineIfFits(ButtonWidth(leg.c_str()));
  if (ImGui::Button(leg.c_str()) || (!locked && CtrlShortcutPressed('L'))) {
    RecordBrowser& legs = model.browser("transport_legs");
    model.browser("handoffs").CloseForm();
    legs.StartNew();
    legs.form().Field("transport_id")->text = transport_id;
    legs.form().AskFor("vehicle_id");
  }
  TabStop();
  ImGui::EndDisabled();
  DrawChosenHandoff(model, transport_id, tr);
  const auto& story = model.transport_story(transport_id, tr);
  if (!story.ok()) {
    ErrorText(tr.Format("error.load", {{"reason", story.status().message()}}));
    return;
  }
  DrawTarget(story.value().intervals, tr);
  DrawSteps(story.value(), tr);
  DrawHandoffWaits(story.value(), tr);
}

}  // namespace

void StartHandoff(AppModel& model, const std::string& transport_id) {
  RecordBrowser& handoffs = model.browser("handoffs");
  model.browser("transport_legs").CloseForm();
  handoffs.StartNew();
  handoffs.form().Field("transport_id")->text = transport_id;
  handoffs.form().AskFor("rendezvous_point_id");
}

void DrawTransportsView(AppModel& model, const Translations& tr) {
  RecordBrowser& transports = model.browser("transports");
  RecordBrowser& handoffs = model.browser("handoffs");
  RecordBrowser& legs = model.browser("transport_legs");
  // A handoff or leg being recorded takes the form panel; otherwise the transport's own form.
  RecordBrowser& editing =
      handoffs.form().open() ? handoffs : (legs.form().open() ? legs : transports);
  const bool locked = editing.form().open() && editing.form().HasChanges();
  if (!locked && CtrlShortcutPressed('T')) {
    handoffs.CloseForm();
    legs.CloseForm();
    transports.StartNew();
  }
  const float list_width = ListPanelWidth(editing.form().open());

  ImGui::BeginChild("##transports", ImVec2(list_width, 0));
  const std::string before = transports.selected_id();
  DrawRecordList(model, transports,
                 ListLayout{ImGui::GetContentRegionAvail().y * 0.3f, false, locked}, tr);
  if (transports.selected_id() != before) {
    handoffs.CloseForm();
    legs.CloseForm();
  }
  ImGui::Separator();
  // A new call's gacha is known: the planner's options take the timeline's place.
  // So do a saved call's whose chosen plan was refused, for another choice.
  const bool planning =
      transports.form().creating() || (!transports.selected_id().empty() &&
                                       transports.selected_id() == model.unplanned_transport());
  const FormField* gacha =
      &editing == &transports && planning ? transports.form().Field("pickup_gacha_id") : nullptr;
  if (gacha && !gacha->text.empty()) {
    DrawCallOptions(model, gacha->text, tr);
  } else if (transports.selected_id().empty()) {
    ImGui::TextDisabled("%s", tr("transports.pick_transport"));
  } else {
    DrawTimeline(model, transports.selected_id(), locked, tr);
  }
  ImGui::EndChild();
  DrawFormBeside(model, editing, tr);
}

}  // namespace relay::edge::ui
