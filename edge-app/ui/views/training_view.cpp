#include "ui/views/training_view.h"

#include <imgui.h>

#include "ui/views/record_list_view.h"

namespace relay::edge::ui {

void DrawTrainingView(AppModel& model, const Translations& tr) {
  RecordBrowser& trainings = model.browser("trainings");
  RecordBrowser& participants = model.browser("training_participants");
  RecordBrowser& editing = participants.form().open() ? participants : trainings;
  const bool locked = editing.form().open() && editing.form().HasChanges();
  const float list_width = ListPanelWidth(editing.form().open());

  ImGui::BeginChild("##trainings", ImVec2(list_width, 0));
  const std::string before = trainings.selected_id();
  DrawRecordList(model, trainings,
                 ListLayout{ImGui::GetContentRegionAvail().y * 0.4f, false, locked}, tr);
  if (trainings.selected_id() != before) participants.CloseForm();
  if (!trainings.selected_id().empty()) {
    ImGui::Separator();
    DrawChildRecords(model, "training_participants", "training_id", trainings.selected_id(), locked,
                     0, tr);
  }
  ImGui::EndChild();
  DrawFormBeside(model, editing, tr);
}

}  // namespace relay::edge::ui
