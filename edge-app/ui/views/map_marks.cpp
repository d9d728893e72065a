#include "ui/views/map_marks.h"

#include <cmath>

namespace relay::edge::ui {

MapCanvas BeginMapCanvas(float width, float height) {
  const ImVec2 min = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(width, height));
  MapCanvas canvas{ImGui::GetWindowDrawList(), min, ImVec2(min.x + width, min.y + height),
                   ImGui::IsItemHovered()};
  canvas.draw->PushClipRect(canvas.min, canvas.max, true);
  canvas.draw->AddRectFilled(canvas.min, canvas.max, kMapLand, 4);
  canvas.draw->AddRect(canvas.min, canvas.max, kMapBorder, 4);
  return canvas;
}

void EndMapCanvas(const MapCanvas& canvas) {
  canvas.draw->PopClipRect();
}

void Diamond(ImDrawList* draw, ImVec2 at, float r, ImU32 colour) {
  draw->AddQuadFilled(ImVec2(at.x, at.y - r), ImVec2(at.x + r, at.y), ImVec2(at.x, at.y + r),
                      ImVec2(at.x - r, at.y), colour);
}

void Cross(ImDrawList* draw, ImVec2 at, float r, ImU32 colour) {
  draw->AddRectFilled(ImVec2(at.x - r, at.y - r * 0.35f), ImVec2(at.x + r, at.y + r * 0.35f),
                      colour);
  draw->AddRectFilled(ImVec2(at.x - r * 0.35f, at.y - r), ImVec2(at.x + r * 0.35f, at.y + r),
                      colour);
}

float DrawMapLegend(ImDrawList* draw, ImVec2 at, float right,
                    const std::vector<MapLegendEntry>& entries) {
  const float line = ImGui::GetTextLineHeight();
  const float r = line * 0.3f;
  float x = at.x, y = at.y;
  for (const MapLegendEntry& entry : entries) {
    const float item = 2 * r + 4 + ImGui::CalcTextSize(entry.text).x + 12;
    if (x + item > right && x > at.x) {
      x = at.x;
      y += line + 2;
    }
    const ImVec2 centre(x + r, y + line / 2);
    switch (entry.mark) {
      case MapLegendEntry::Mark::kCircle:
        draw->AddCircleFilled(centre, r, entry.colour);
        break;
      case MapLegendEntry::Mark::kDiamond:
        Diamond(draw, centre, r * 1.2f, entry.colour);
        break;
      case MapLegendEntry::Mark::kCross:
        Cross(draw, centre, r * 1.2f, entry.colour);
        break;
      case MapLegendEntry::Mark::kLine:
        draw->AddLine(ImVec2(x, centre.y), ImVec2(x + 2 * r, centre.y), entry.colour, 2);
        break;
    }
    draw->AddText(ImVec2(x + 2 * r + 4, y), kMapText, entry.text);
    x += item;
  }
  return y + line + 2 - at.y;
}

bool Near(ImVec2 mouse, ImVec2 at, float r) {
  return std::hypot(mouse.x - at.x, mouse.y - at.y) <= r + 2;
}

}  // namespace relay::edge::ui
