#pragma once

#include <imgui.h>

#include <vector>

namespace relay::edge::ui {

// The marks the offline maps draw places with, and the hover test for them.
inline constexpr ImU32 kMapLand = IM_COL32(246, 243, 232, 255);
inline constexpr ImU32 kMapBorder = IM_COL32(200, 200, 200, 255);
inline constexpr ImU32 kMapText = IM_COL32(30, 30, 30, 255);
inline constexpr ImU32 kMapRendezvous = IM_COL32(150, 90, 20, 255);
inline constexpr ImU32 kMapStation = IM_COL32(20, 70, 160, 255);
inline constexpr ImU32 kMapOutline = IM_COL32(255, 255, 255, 255);

// The land of a map, width × height at the cursor, clipped to it; EndMapCanvas pops the clip.
struct MapCanvas {
  ImDrawList* draw;
  ImVec2 min;
  ImVec2 max;
  bool hovered;
};
MapCanvas BeginMapCanvas(float width, float height);
void EndMapCanvas(const MapCanvas& canvas);

// A rendezvous point.
void Diamond(ImDrawList* draw, ImVec2 at, float r, ImU32 colour);
// A station.
void Cross(ImDrawList* draw, ImVec2 at, float r, ImU32 colour);
// A map legend's entry: a mark and what it means.
struct MapLegendEntry {
  enum class Mark { kCircle, kDiamond, kCross, kLine };
  const char* text;
  Mark mark;
  ImU32 colour;
};
// Draws the entries from `at` rightwards, wrapping before `right`; returns the height taken.
float DrawMapLegend(ImDrawList* draw, ImVec2 at, float right,
                    const std::vector<MapLegendEntry>& entries);

// Whether the mouse is on a mark of radius r at `at`.
bool Near(ImVec2 mouse, ImVec2 at, float r);

}  // namespace relay::edge::ui
