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
  }

  const std::string pending =
      status.pending_changes == 0
          ? std::string(tr("sync.pending.none"))
          : tr.Format("sync.pending", {{"n", std::to_string(status.pending_changes)}});
  ImGui::TextUnformatted(pending.c_str());
  Gap();
  const std::string last =
      tr.Format("sync.last_success",
                {{"when", DescribeLastSync(status.last_success_ms, model.now_ms(), tr)}});
  ImGui::TextUnformatted(last.c_str());
  Gap();
  ImGui::TextDisabled("%s", tr.Format("sync.server", {{"url", model.server_url()}}).c_str());

  if (status.set_aside > 0) {
    ErrorText(tr.Format("sync.set_aside", {{"n", std::to_string(status.set_aside)}}));
  }
  if (!model.sync_status_error().empty()) {
    ErrorText(tr.Format("sync.status_unreadable", {{"reason", model.sync_status_error()}}));
  }
  if (!status.last_error.empty()) {
    ErrorText(
        tr.Format("sync.failed",
                  {{"problem", DescribeSyncProblem(ClassifySyncError(status.last_error), tr)}}));
    // The core's own words stay visible, smaller, for whoever helps over the phone.
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", status.last_error.c_str());
    ImGui::PopTextWrapPos();
  } else if (const auto& outcome = model.last_outcome(); outcome && outcome->ok && !busy) {
    OkText(tr.Format("sync.report", {{"pushed", std::to_string(outcome->report.pushed)},
                                     {"pulled", std::to_string(outcome->report.pulled)}}));
  }
}

}  // namespace relay::edge::ui
