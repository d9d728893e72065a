#include "ui/views/conflicts_view.h"

#include <algorithm>
#include <string>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "ui/model/record_fields.h"
#include "ui/views/keyboard_focus.h"
#include "ui/views/shown_text.h"
#include "ui/views/stored_text_input.h"
#include "ui/views/widgets.h"

namespace relay::edge::ui {
namespace {

using Choice = Resolution::Choice;

void DrawList(AppModel& model, const Translations& tr) {
  ConflictViewModel& conflicts = model.conflicts();
  ImGui::TextUnformatted(tr("title.conflicts"));
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("%s", tr("conflicts.explain"));
  ImGui::PopTextWrapPos();
  if (!conflicts.load_error().empty()) {
    ErrorText(tr.Format("error.load", {{"reason", conflicts.load_error()}}));
  }
  if (const nlohmann::json* settled = conflicts.settled()) {
    const ConflictText text = conflicts.Describe(*settled, model.labels(), tr);
    OkText(tr.Format("conflicts.settled", {{"record", text.record}, {"field", text.field}}));
  }
  if (conflicts.open().empty()) {
    ImGui::TextDisabled("%s", tr("conflicts.none"));
    return;
  }
  ImGui::TextDisabled(
      "%s", tr.Format("conflicts.count", {{"n", std::to_string(conflicts.open_count())}}).c_str());

  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                     ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                     ImGuiTableFlags_Resizable | ImGuiTableFlags_NoSavedSettings;
  if (!ImGui::BeginTable("##conflicts", 3, kFlags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(tr("field.conflicts.detected_at"), ImGuiTableColumnFlags_WidthFixed,
                          ImGui::CalcTextSize("2024-05-01 10:20").x);
  ImGui::TableSetupColumn(tr("field.conflicts.record_id"));
  ImGui::TableSetupColumn(tr("field.conflicts.field_name"));
  ImGui::TableHeadersRow();

  const std::string selected_id =
      conflicts.selected() ? FieldText(*conflicts.selected(), "id") : "";
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(conflicts.open().size()));
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      const nlohmann::json& conflict = conflicts.open()[static_cast<size_t>(row)];
      const std::string id = FieldText(conflict, "id");
      const ConflictText text = conflicts.Describe(conflict, model.labels(), tr);
      ImGui::TableNextRow();
      ImGui::PushID(id.c_str());
      ImGui::TableSetColumnIndex(0);
      // The first cell's selectable spans the row, so a click anywhere selects it.
      if (ImGui::Selectable((text.found_at + "##row").c_str(), id == selected_id,
                            ImGuiSelectableFlags_SpanAllColumns)) {
        conflicts.Select(id);
      }
      TabStopRow(id == selected_id);
      ImGui::TableSetColumnIndex(1);
      ImGui::TextUnformatted(Shown(text.record).c_str());
      ImGui::TableSetColumnIndex(2);
      ImGui::TextUnformatted(text.field.c_str());
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
}

// The two values side by side, each with who wrote it and when.
void DrawSides(const ConflictText& text, const Translations& tr) {
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerV |
                                     ImGuiTableFlags_SizingStretchSame |
                                     ImGuiTableFlags_NoSavedSettings;
  if (!ImGui::BeginTable("##sides", 2, kFlags)) return;
  ImGui::TableSetupColumn(tr("field.conflicts.kept_value"));
  ImGui::TableSetupColumn(tr("field.conflicts.lost_value"));
  ImGui::TableHeadersRow();
  ImGui::TableNextRow();
  for (const ConflictSide* side : {&text.kept, &text.lost}) {
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", Shown(side->value).c_str());
    const char* device = side->this_device ? "conflicts.this_device" : "conflicts.device";
    ImGui::TextDisabled("%s", tr.Format(device, {{"device", side->device}}).c_str());
    if (!side->when.empty()) {
      ImGui::TextDisabled("%s", tr.Format("conflicts.written_at", {{"time", side->when}}).c_str());
    }
  }
  ImGui::EndTable();
}

void DrawDecision(AppModel& model, const ConflictText& text, const Translations& tr) {
  ConflictViewModel& conflicts = model.conflicts();
  ConflictDecision& decision = conflicts.decision();
  const nlohmann::json& conflict = *conflicts.selected();
  ImGui::TextUnformatted(tr("conflicts.decide"));
  using Merge = ConflictDecision::Merge;
  const auto choose = [&](const std::string& label, const char* id, Choice choice) {
    if (ImGui::RadioButton(Labeled(Shown(label).c_str(), id).c_str(),
                           decision.merge == Merge::kNone && decision.choice == choice)) {
      decision.merge = Merge::kNone;
      decision.choice = choice;
    }
    TabStop();
  };
  // "Keep" keeps what the field holds now, which a later edit may have changed.
  choose(tr.Format("conflicts.choice.keep", {{"value", text.value_now}}), "keep", Choice::kKeep);
  // Only a concurrent edit has an overwritten value to take.
  if (text.concurrent_edit) {
    choose(tr.Format("conflicts.choice.lost", {{"value", text.lost.value}}), "lost",
           Choice::kTakeLost);
  }
  // Two registrations of one vehicle or person become one record.
  if (text.can_merge) {
    const auto merge = [&](const std::string& from, const std::string& into, const char* id,
                           Merge direction) {
      const std::string label =
          tr.Format("conflicts.choice.merge", {{"from", from}, {"into", into}});
      if (ImGui::RadioButton(Labeled(Shown(label).c_str(), id).c_str(),
                             decision.merge == direction)) {
        decision.merge = direction;
      }
      TabStop();
    };
    merge(text.this_label, text.other_label, "merge-this", Merge::kThisIntoOther);
    merge(text.other_label, text.this_label, "merge-other", Merge::kOtherIntoThis);
    if (decision.merge != Merge::kNone) {
      ImGui::Indent();
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
      ImGui::TextWrapped("%s", tr("conflicts.merge_explain"));
      ImGui::PopStyleColor();
      ImGui::Unindent();
    }
  }
  choose(tr("conflicts.choice.new"), "new", Choice::kNewValue);
  ImGui::SameLine();
  const std::string hint_key =
      "hint." + FieldText(conflict, "table_name") + "." + FieldText(conflict, "field_name");
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
  if (StoredInputTextWithHint("##new-value",
                              tr.Has(hint_key) ? tr(hint_key) : tr("conflicts.new_value_hint"),
                              &decision.typed_value)) {
    // Typing a value is choosing it.
    decision.merge = Merge::kNone;
    decision.choice = Choice::kNewValue;
    model.glyphs().AddText(decision.typed_value);
  }
  TabStop();

  ImGui::Spacing();
  ImGui::TextUnformatted(tr("field.conflicts.reason"));
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (StoredInputTextWithHint("##reason", tr("conflicts.reason_hint"), &decision.reason)) {
    model.glyphs().AddText(decision.reason);
  }
  TabStop();
  if (ImGui::Button(Labeled(tr("conflicts.settle"), "settle").c_str())) model.SettleConflict(tr);
  TabStop();
  ImGui::SameLine();
  if (ImGui::Button(Labeled(tr("form.close"), "close").c_str())) conflicts.Unselect();
  TabStop();
}

void DrawSelected(AppModel& model, const Translations& tr) {
  ConflictViewModel& conflicts = model.conflicts();
  const ConflictText text = conflicts.Describe(*conflicts.selected(), model.labels(), tr);
  ImGui::TextUnformatted(Shown(text.record).c_str());
  ImGui::TextUnformatted(tr.Format("conflicts.which_field", {{"field", text.field}}).c_str());
  ImGui::TextDisabled("%s", tr.Format("conflicts.found_at", {{"time", text.found_at}}).c_str());
  ImGui::TextDisabled("%s", tr.Format("conflicts.kind", {{"kind", text.kind}}).c_str());
  ImGui::Separator();
  ImGui::PushTextWrapPos(0.0f);
  if (text.concurrent_edit) {
    DrawSides(text, tr);
    if (text.edited_since) {
      ImGui::TextUnformatted(
          Shown(tr.Format("conflicts.changed_since", {{"value", text.value_now}})).c_str());
    }
  } else {
    ImGui::TextUnformatted(Shown(text.problem).c_str());
    ImGui::TextUnformatted(
        Shown(tr.Format("conflicts.value_now", {{"value", text.value_now}})).c_str());
  }
  ImGui::PopTextWrapPos();
  ImGui::Separator();
  DrawDecision(model, text, tr);
  if (!conflicts.error().empty()) {
    ErrorText(tr.Format("conflicts.refused", {{"reason", conflicts.error()}}));
  }
}

}  // namespace

void DrawConflictsView(AppModel& model, const Translations& tr) {
  const bool open = model.conflicts().selected() != nullptr;
  const float space = ImGui::GetContentRegionAvail().x;
  // The two values side by side need more room than a form.
  const float panel_width = open ? std::max(ImGui::GetFontSize() * 26, space * 0.55f) : 0.0f;
  const float list_width = open ? space - panel_width - ImGui::GetStyle().ItemSpacing.x : 0.0f;
  ImGui::BeginChild("##conflict-list", ImVec2(list_width, 0));
  DrawList(model, tr);
  ImGui::EndChild();
  if (!model.conflicts().selected()) return;
  ImGui::SameLine();
  ImGui::BeginChild("##conflict", ImVec2(0, 0), /*border=*/true);
  DrawSelected(model, tr);
  ImGui::EndChild();
}

}  // namespace relay::edge::ui
