#include "ui/views/input_activity.h"

#include <imgui.h>

#include <algorithm>
#include <iterator>

namespace relay::edge::ui {

bool HadInput() {
  const ImGuiIO& io = ImGui::GetIO();
  const auto down = [](bool pressed) { return pressed; };
  return io.MouseDelta.x != 0.0f || io.MouseDelta.y != 0.0f || io.MouseWheel != 0.0f ||
         io.MouseWheelH != 0.0f || !io.InputQueueCharacters.empty() ||
         std::any_of(std::begin(io.MouseDown), std::end(io.MouseDown), down) ||
         std::any_of(std::begin(io.KeysDown), std::end(io.KeysDown), down);
}

}  // namespace relay::edge::ui
