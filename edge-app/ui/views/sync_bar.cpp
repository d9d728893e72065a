#include "ui/views/sync_bar.h"

#include <imgui.h>

#include "ui/model/plain_words.h"
#include "ui/views/keyboard_focus.h"
#include "ui/views/widgets.h"

namespace relay::edge::ui {
namespace {

// A dot between facts on one line.
void Gap() {
  ImGui::SameLine();
  ImGui::TextDisabled("·");
  ImGui::SameLine();
}

}  // namespace

void DrawSyncBar(AppModel& model, const Translations& tr) {
  const bool busy = model.sync_busy();
  const SyncStatus& status = model.sync_status();

  ImGui::BeginDisabled(busy);
  if (ImGui::Button(Labeled(tr("sync.button"), "sync").c_str())) model.RequestSync();
  TabStop();
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (busy) {
    Spinner();
    ImGui::SameLine();
    ImGui::TextUnformatted(tr("sync.busy"));
    Gap();
    if (const auto progress = model.sync_progress()) {
      ImGui::TextUnformatted(DescribeSyncProgress(*progress, tr).c_str());
      Gap();
    }
  }

  const SyncBarWords words = DescribeSyncStatus(status, model.now_ms(), tr);
  if (!words.offline.empty()) {
    ImGui::TextColored(kErrorColour, "%s", words.offline.c_str());
    Gap();
  }
  ImGui::TextUnformatted(words.waiting.c_str());
  Gap();
  ImGui::TextUnformatted(words.last_success.c_str());
  Gap();
  ImGui::TextDisabled("%s", tr.Format("sync.server", {{"url", model.server_url()}}).c_str());

  if (status.set_aside > 0) {
    ErrorText(tr.Format("sync.set_aside", {{"n", std::to_string(status.set_aside)}}));
  }
  if (!model.sync_status_error().empty()) {
    ErrorText(tr.Format("sync.status_unreadable", {{"reason", model.sync_status_error()}}));
  }
  if (!words.problem.empty()) {
    ErrorText(words.problem);
    if (!words.server_words.empty()) {
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextDisabled("%s", words.server_words.c_str());
      ImGui::PopTextWrapPos();
    }
  } else if (const auto& outcome = model.last_outcome(); outcome && outcome->ok && !busy) {
    OkText(tr.Format("sync.report", {{"pushed", std::to_string(outcome->report.pushed)},
                                     {"pulled", std::to_string(outcome->report.pulled)}}));
  }
}

}  // namespace relay::edge::ui
