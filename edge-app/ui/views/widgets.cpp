#include "ui/views/widgets.h"
#include "ui/views/shown_text.h"

#include <imgui_internal.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

namespace relay::edge::ui {
namespace {

void ColouredWrappedText(const ImVec4& colour, const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(Shown(text).c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}

// Dear ImGui 1.86 indexes io.KeysDown by the platform's key codes; relay-edge runs on GLFW.
bool KeyPressed(int glfw_key) {
  return ImGui::IsKeyPressed(glfw_key, /*repeat=*/false);
}

}  // namespace

bool NowShortcutPressed() {
  return KeyPressed(GLFW_KEY_F2) || (ImGui::GetIO().KeyCtrl && KeyPressed(GLFW_KEY_N));
}

bool CtrlShortcutPressed(char letter) {
  // GLFW's letter and digit keys carry their ASCII codes, letters in upper case.
  return ImGui::GetIO().KeyCtrl && KeyPressed(letter);
}

bool AltShortcutPressed(char key) {
  if (!ImGui::GetIO().KeyAlt || !KeyPressed(key)) return false;
  // Releasing Alt would otherwise move the keyboard to the menu bar (Dear ImGui toggles its
  // menu layer on a lone Alt), away from the form the shortcut opened.
  ImGui::GetCurrentContext()->NavWindowingToggleLayer = false;
  return true;
}

bool FunctionKeyPressed(int number) {
  return KeyPressed(GLFW_KEY_F1 + number - 1);
}

float ButtonWidth(const char* label) {
  return ImGui::CalcTextSize(label, nullptr, /*hide_text_after_double_hash=*/true).x +
         ImGui::GetStyle().FramePadding.x * 2;
}

float CheckboxWidth(const char* label) {
  return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
         ImGui::CalcTextSize(label, nullptr, /*hide_text_after_double_hash=*/true).x;
}

void SameLineIfFits(float next_width) {
  const float right = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + next_width;
  if (right <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::SameLine();
}

void ErrorText(const std::string& text) {
  ColouredWrappedText(kErrorColour, text);
}

void OkText(const std::string& text) {
  ColouredWrappedText(kOkColour, text);
}

void Spinner() {
  const float size = ImGui::GetTextLineHeight();
  const ImVec2 corner = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(size, size));
  const ImVec2 centre(corner.x + size * 0.5f, corner.y + size * 0.5f);
  const float start = static_cast<float>(ImGui::GetTime()) * 6.0f;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->PathArcTo(centre, size * 0.38f, start, start + 4.5f, 24);
  draw->PathStroke(ImGui::GetColorU32(ImGuiCol_ButtonActive), 0, size * 0.14f);
}

}  // namespace relay::edge::ui
