#include "ui/views/record_form_view.h"

#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "ui/model/list_cells.h"
#include "ui/model/plain_words.h"
#include "ui/model/reference_scope.h"
#include "ui/model/time_text.h"
#include "ui/model/transport_flow.h"
#include "ui/views/discard_question.h"
#include "ui/views/keyboard_focus.h"
#include "ui/views/shown_text.h"
#include "ui/views/stored_text_input.h"
#include "ui/views/widgets.h"

namespace relay::edge::ui {
namespace {

// Integer fields take only what can start or make up a whole number, so a stray letter never
// reaches the store; the field stays a text box because an optional number may be left empty,
// which an ImGui::InputInt cannot show.
int WholeNumberCharacters(ImGuiInputTextCallbackData* data) {
  const ImWchar c = data->EventChar;
  return (c >= '0' && c <= '9') || c == '-' ? 0 : 1;
}

// Long free text (notes) gets a box of several lines.
constexpr size_t kMultilineAbove = 200;

std::string ChoiceText(const FieldSpec& spec, int choice, const Translations& tr) {
  if (choice < 0) return tr("form.unset");
  return tr("choice." + spec.name + "." + spec.choices[static_cast<size_t>(choice)]);
}

void DrawChoice(FormField& field, const Translations& tr) {
  const FieldSpec& spec = *field.spec;
  const std::string id = "##" + spec.name;
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (!BeginComboStop(id.c_str(), ChoiceText(spec, field.choice, tr).c_str())) return;
  // A required choice cannot be cleared, only changed.
  const int first = spec.required ? 0 : -1;
  for (int i = first; i < static_cast<int>(spec.choices.size()); ++i) {
    const bool selected = field.choice == i;
    const std::string item = ChoiceText(spec, i, tr) + "##" + std::to_string(i);
    if (ImGui::Selectable(item.c_str(), selected)) field.choice = i;
    if (selected) ImGui::SetItemDefaultFocus();
  }
  ImGui::EndCombo();
}

// The time a "now" key puts into the time field being typed in.
struct NowText {
  std::string text;
};

// Replaces what is typed with the current time when F2 or Ctrl+N is pressed in a time field.
int FillNowOnShortcut(ImGuiInputTextCallbackData* data) {
  if (!NowShortcutPressed()) return 0;
  const std::string& now = static_cast<const NowText*>(data->UserData)->text;
  data->DeleteChars(0, data->BufTextLen);
  data->InsertChars(0, now.c_str());
  return 0;
}

void DrawTime(FormField& field, const FormContext& context, const Translations& tr) {
  NowText now{LocalNowText(context.now_ms)};
  const float button = ImGui::CalcTextSize(tr("form.now")).x + ImGui::GetStyle().FramePadding.x * 2;
  ImGui::SetNextItemWidth(-(button + ImGui::GetStyle().ItemSpacing.x));
  StoredInputTextWithHint("##time", tr("hint.time"), &field.text,
                          ImGuiInputTextFlags_CallbackAlways, FillNowOnShortcut, &now);
  TabStop();
  ImGui::SameLine();
  // The button is the mouse's twin of F2 in the box, so Tab goes on to the next field: a tab
  // stop here would cost a key for every time of every call.
  if (ImGui::Button(Labeled(tr("form.now"), "now").c_str())) field.text = now.text;
}

// Picks a record of the referenced table in scope by its label; typing narrows the list, Enter
// takes the first match. True when the pick changed.
bool DrawReference(FormField& field, const OptionScope& scope, bool open,
                   const FormContext& context, const Translations& tr) {
  const FieldSpec& spec = *field.spec;
  // Only one combo is open at a time, so one filter serves them all.
  static std::string filter;
  const std::string preview =
      Shown(field.text.empty() ? tr("form.unset")
                               : context.labels.PickerLabel(spec.references, field.text, tr));
  ImGui::SetNextItemWidth(-FLT_MIN);
  // A picker asked for opens as if pressed, its filter taking the keys (next frame).
  if (open) ImGui::ActivateItem(ImGui::GetID("##reference"));
  if (!BeginComboStop("##reference", preview.c_str(), ImGuiComboFlags_HeightLarge)) {
    return false;
  }
  const std::string before = field.text;
  if (ImGui::IsWindowAppearing()) {
    filter.clear();
    ImGui::SetKeyboardFocusHere();
  }
  const bool enter = StoredInputTextWithHint("##filter", tr("form.filter_hint"), &filter,
                                             ImGuiInputTextFlags_EnterReturnsTrue);
  context.glyphs.AddText(filter);
  const auto& options = context.labels.Options(spec.references, filter, tr, scope);
  if (enter && !options.empty()) {
    field.text = options.front().id;
    ImGui::CloseCurrentPopup();
  }
  if (!spec.required && ImGui::Selectable(tr("form.unset"), field.text.empty())) field.text.clear();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(options.size()));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const auto& option = options[static_cast<size_t>(i)];
      const bool selected = option.id == field.text;
      if (ImGui::Selectable((Shown(option.label) + "##" + option.id).c_str(), selected)) {
        field.text = option.id;
      }
    }
  }
  if (options.empty()) ImGui::TextDisabled("%s", tr("form.no_match"));
  ImGui::EndCombo();
  return field.text != before;
}

void DrawText(FormField& field, const std::string& table, GlyphSet& glyphs,
              const Translations& tr) {
  const FieldSpec& spec = *field.spec;
  const std::string id = "##" + spec.name;
  const std::string hint_key = "hint." + table + "." + spec.name;
  const char* hint = tr.Has(hint_key) ? tr(hint_key) : "";
  bool edited;
  if (spec.type == FieldType::kInteger) {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    edited = StoredInputTextWithHint(id.c_str(), hint, &field.text,
                                     ImGuiInputTextFlags_CallbackCharFilter, WholeNumberCharacters);
  } else if (spec.max_chars > kMultilineAbove) {
    edited = StoredInputTextMultiline(id.c_str(), &field.text,
                                      ImVec2(-FLT_MIN, ImGui::GetTextLineHeight() * 3));
  } else {
    ImGui::SetNextItemWidth(-FLT_MIN);
    edited = StoredInputTextWithHint(id.c_str(), hint, &field.text);
  }
  TabStop();
  if (edited) glyphs.AddText(field.text);
}

// Under a recorded event: each correction, newest first, as "old → new: reason (when)".
void DrawCorrections(const std::vector<const nlohmann::json*>& corrections, const FieldSpec& spec,
                     const FormContext& context, const Translations& tr) {
  for (const nlohmann::json* correction : corrections) {
    auto words = [&](const char* key) {
      const auto value = nlohmann::json::parse(correction->value(key, ""), nullptr, false);
      std::string text;
      if (!value.is_discarded()) {
        text = CellText(spec, nlohmann::json{{spec.name, value}}, context.labels, tr);
      }
      return text.empty() ? std::string(tr("conflicts.no_value")) : text;
    };
    const std::string line = tr.Format(
        "form.corrected", {{"old", words("corrected_value")},
                           {"new", words("value")},
                           {"reason", correction->value("reason", "")},
                           {"when", LocalTimeText(correction->value("corrected_at", ""))}});
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", Shown(line).c_str());
    ImGui::PopStyleColor();
  }
}

}  // namespace

FormAction DrawRecordForm(RecordForm& form, const FormContext& context, const Translations& tr) {
  const std::string& table = form.table().name;
  // A text box still active from the record shown before would write its copy of the old
  // text into this record's field: another record lets go of it.
  ImGuiStorage* shown = ImGui::GetStateStorage();
  const ImGuiID shown_key = ImGui::GetID("##shown-record");
  const int shown_record =
      static_cast<int>(ImHashStr(form.creating() ? "" : form.record_id().c_str()));
  if (shown->GetInt(shown_key, shown_record) != shown_record) ImGui::ClearActiveID();
  shown->SetInt(shown_key, shown_record);
  // The keyboard goes to the field asked for, or else a new record's first empty text box; a
  // pick moves it on to the next empty text box.
  const bool focus_asked = form.TakeAskedFocus();
  bool focus_pending = focus_asked && form.asked().empty();
  const char* title_key = form.creating() ? "form.new." : "form.edit.";
  ImGui::TextUnformatted(tr(title_key + table));
  // A form opened for the next step of a call says what it asks for.
  const std::string ask_key = "form.ask." + table + "." + form.asked();
  if (!form.asked().empty() && tr.Has(ask_key)) ImGui::TextWrapped("%s", tr(ask_key));
  ImGui::Separator();

  // The fields scroll above the messages and buttons, which stay in view on the smallest screen;
  // their height is the last frame's, kept in the form's state storage.
  ImGuiStorage* storage = ImGui::GetStateStorage();
  const ImGuiID footer_id = ImGui::GetID("##footer-height");
  const float footer_height = storage->GetFloat(footer_id, ImGui::GetFrameHeightWithSpacing() * 2);
  ImGui::BeginChild("##field-scroll", ImVec2(0, -footer_height));
  // Labels left and inputs right keep most of a record in view at once.
  if (ImGui::BeginTable("##fields", 2, ImGuiTableFlags_SizingStretchProp)) {
    // Long labels wrap rather than squeeze the inputs on a narrow panel.
    float widest = 0;
    for (const FormField& field : form.fields()) {
      widest =
          std::max(widest, ImGui::CalcTextSize(tr("field." + table + "." + field.spec->name)).x);
    }
    ImGui::TableSetupColumn(
        "label", ImGuiTableColumnFlags_WidthFixed,
        std::min(widest + ImGui::GetFontSize(), ImGui::GetContentRegionAvail().x * 0.38f));
    ImGui::TableSetupColumn("input", ImGuiTableColumnFlags_WidthStretch);
    for (FormField& field : form.fields()) {
      if (!form.Shown(field)) continue;
      const FieldSpec& spec = *field.spec;
      ImGui::PushID(spec.name.c_str());
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::AlignTextToFramePadding();
      std::string label = tr("field." + table + "." + spec.name);
      if (spec.required) label += " *";
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextUnformatted(label.c_str());
      ImGui::PopTextWrapPos();
      ImGui::TableSetColumnIndex(1);
      // Only text boxes take the keyboard this way (ImGui's tab stops).
      const bool typed = spec.type == FieldType::kInteger ||
                         (spec.type == FieldType::kText && spec.text_rule != TextRule::kReference);
      const bool asked_here = focus_asked && spec.name == form.asked();
      if (asked_here && typed) {
        ImGui::SetKeyboardFocusHere();
      } else if (focus_pending && typed && field.text.empty()) {
        ImGui::SetKeyboardFocusHere();
        focus_pending = false;
      }
      switch (spec.type) {
        case FieldType::kBoolean:
          ImGui::Checkbox("##value", &field.checked);
          TabStop();
          break;
        case FieldType::kChoice:
          DrawChoice(field, tr);
          break;
        case FieldType::kText:
          if (spec.text_rule == TextRule::kReference) {
            if (DrawReference(field, ReferenceScope(form, spec, context.labels), asked_here,
                              context, tr)) {
              FillFromPick(form, spec, context.labels);
              focus_pending = true;
            }
          } else if (spec.text_rule == TextRule::kTime) {
            DrawTime(field, context, tr);
          } else {
            DrawText(field, table, context.glyphs, tr);
          }
          break;
        case FieldType::kInteger:
          DrawText(field, table, context.glyphs, tr);
          break;
      }
      for (const FieldError& error : field.errors) {
        ErrorText(DescribeFieldError(error, form.table(), tr));
      }
      if (form.questioned(spec.name)) ErrorText(tr("form.future_time"));
      DrawCorrections(form.CorrectionsOf(spec.name), spec, context, tr);
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  ImGui::EndChild();

  const float footer_top = ImGui::GetCursorPosY();
  if (form.CorrectsEvents()) {
    // A recorded time is corrected, not overwritten: the old value stays with the reason.
    ImGui::TextWrapped("%s", tr("form.correction_note"));
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (StoredInputTextWithHint("##correction_reason", tr("form.correction_reason"),
                                &form.correction_reason())) {
      context.glyphs.AddText(form.correction_reason());
    }
    TabStop();
  }
  if (form.has_field_errors()) ErrorText(tr("form.fix_fields"));
  for (const std::string& message : form.form_errors()) {
    ErrorText(tr.Format("form.not_saved", {{"reason", message}}));
  }
  if (form.saved()) OkText(tr("form.saved"));

  FormAction action = FormAction::kNone;
  ImGui::Separator();
  // Editing with nothing changed has nothing to save.
  ImGui::BeginDisabled(!form.creating() && !form.HasChanges());
  if (ImGui::Button(Labeled(tr("form.save"), "save").c_str())) action = FormAction::kSave;
  TabStop();
  ImGui::EndDisabled();
  if (CtrlShortcutPressed('S') && (form.creating() || form.HasChanges()))
    action = FormAction::kSave;
  // The box being typed in lets go, so that after the save it shows the value as stored
  // ("11:52" read as "2024-05-01 11:52") instead of keeping its own copy as typed.
  if (action == FormAction::kSave) ImGui::ClearActiveID();
  ImGui::SameLine();
  const char* close_key = form.HasChanges() ? "form.discard" : "form.close";
  if (ImGui::Button(Labeled(tr(close_key), "close").c_str())) {
    if (form.HasChanges()) {
      AskToDiscard();
    } else {
      action = FormAction::kClose;
    }
  }
  TabStop();
  storage->SetFloat(footer_id, ImGui::GetCursorPosY() - footer_top);
  if (DrawDiscardQuestion(tr)) action = FormAction::kClose;
  return action;
}

}  // namespace relay::edge::ui
