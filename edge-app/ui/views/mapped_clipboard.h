#pragma once

#include <imgui.h>

namespace relay::edge::ui {

// Wraps io's clipboard functions (installed by the platform backend) so that a paste reaches
// Dear ImGui as SessionTextMap() shows it and a copy leaves with the stored characters. Call
// once, after the backend set them.
void MapClipboard(ImGuiIO& io);

}  // namespace relay::edge::ui
