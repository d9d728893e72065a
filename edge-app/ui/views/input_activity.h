#pragma once

namespace relay::edge::ui {

// True when this frame brought input: a key, a character, a mouse button, the wheel, or the
// mouse moving. Call between ImGui::NewFrame and ImGui::Render.
bool HadInput();

}  // namespace relay::edge::ui
