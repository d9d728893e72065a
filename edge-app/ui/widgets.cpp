#include "ui/widgets.h"

namespace relay::edge::ui {
namespace {

void ColouredWrappedText(const ImVec4& colour, const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}

}  // namespace

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
