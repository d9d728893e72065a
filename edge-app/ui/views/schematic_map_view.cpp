#include "ui/views/schematic_map_view.h"

#include <imgui.h>

#include <cmath>
#include <string>

#include "ui/model/report_figures.h"
#include "ui/views/report_charts_view.h"
#include "ui/views/shown_text.h"

namespace relay::edge::ui {
namespace {

constexpr ImU32 kLand = IM_COL32(246, 243, 232, 255);
constexpr ImU32 kBorder = IM_COL32(200, 200, 200, 255);
constexpr ImU32 kText = IM_COL32(30, 30, 30, 255);
constexpr ImU32 kTownshipText = IM_COL32(40, 60, 120, 255);
constexpr ImU32 kRendezvous = IM_COL32(150, 90, 20, 255);
constexpr ImU32 kStation = IM_COL32(20, 70, 160, 255);
constexpr ImU32 kOutline = IM_COL32(255, 255, 255, 255);

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

bool Near(ImVec2 mouse, ImVec2 at, float r) {
  return std::hypot(mouse.x - at.x, mouse.y - at.y) <= r + 2;
}

// The legend's entries across the map's top left, on a white band so places never hide it.
void Legend(ImDrawList* draw, ImVec2 at, float right, const Translations& tr) {
  const float line = ImGui::GetTextLineHeight();
  const float r = line * 0.3f;
  struct Entry {
    const char* text;
    int shape;  // 0 circle, 1 diamond, 2 cross
    ImU32 colour;
  };
  const Entry entries[] = {
      {tr("overview.verdict.met"), 0, VerdictColour(report::Verdict::kMet)},
      {tr("overview.verdict.not_met"), 0, VerdictColour(report::Verdict::kNotMet)},
      {tr("overview.no_data"), 0, VerdictColour(report::Verdict::kNoData)},
      {tr("overview.map.rendezvous"), 1, kRendezvous},
      {tr("overview.map.station"), 2, kStation},
  };
  float x = at.x, y = at.y;
  for (const Entry& entry : entries) {
    const float item = 2 * r + 4 + ImGui::CalcTextSize(entry.text).x + 12;
    if (x + item > right && x > at.x) {
      x = at.x;
      y += line + 2;
    }
    const ImVec2 centre(x + r, y + line / 2);
    if (entry.shape == 0) draw->AddCircleFilled(centre, r, entry.colour);
    if (entry.shape == 1) Diamond(draw, centre, r * 1.2f, entry.colour);
    if (entry.shape == 2) Cross(draw, centre, r * 1.2f, entry.colour);
    draw->AddText(ImVec2(x + 2 * r + 4, y), kText, entry.text);
    x += item;
  }
}

float LegendHeight(float width, const Translations& tr) {
  const float line = ImGui::GetTextLineHeight();
  float x = 0, rows = 1;
  for (const char* key : {"overview.verdict.met", "overview.verdict.not_met", "overview.no_data",
                          "overview.map.rendezvous", "overview.map.station"}) {
    const float item = line * 0.6f + 4 + ImGui::CalcTextSize(tr(key)).x + 12;
    if (x + item > width && x > 0) {
      x = 0;
      ++rows;
    }
    x += item;
  }
  return rows * (line + 2);
}

}  // namespace

void DrawSchematicMap(const char* title, const SchematicMap& map, const Translations& tr,
                      float width, float height) {
  const ImVec2 min = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(width, height));
  const bool hovered = ImGui::IsItemHovered();
  const ImVec2 max(min.x + width, min.y + height);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->PushClipRect(min, max, true);
  draw->AddRectFilled(min, max, kLand, 4);
  draw->AddRect(min, max, kBorder, 4);
  const float pad = ImGui::GetStyle().WindowPadding.x;
  const float line = ImGui::GetTextLineHeight();
  draw->AddText(ImVec2(min.x + pad, min.y + pad / 2), kText, Shown(title).c_str());
  const float legend_top = min.y + pad / 2 + line + 4;
  const float legend_height = LegendHeight(width - 2 * pad, tr);
  Legend(draw, ImVec2(min.x + pad, legend_top), max.x - pad, tr);

  const MapRect rect{{min.x + pad, legend_top + legend_height + 4}, {max.x - pad, max.y - pad}};
  const double margin = line * 1.5;  // room for the names around the outermost places
  const MapProjection projection = MapProjection::Fit(map.Points(), rect, margin);
  const auto at = [&](const GeoPoint& point) {
    const MapPoint p = projection.Project(point);
    return ImVec2(static_cast<float>(p.x), static_cast<float>(p.y));
  };
  const ImVec2 mouse = ImGui::GetMousePos();
  std::string hover;

  const float r = std::max(4.0f, line * 0.35f);
  for (const auto& place : map.places) {
    const ImVec2 p = at(place.at);
    if (place.kind == SchematicMap::Place::Kind::kStation) {
      Cross(draw, p, r * 1.3f, kStation);
    } else {
      Diamond(draw, p, r * 0.9f, kRendezvous);
    }
    if (hovered && Near(mouse, p, r)) hover = place.name;
  }
  for (const auto& gacha : map.gachas) {
    const ImVec2 p = at(gacha.at);
    draw->AddCircleFilled(p, r + 1, kOutline);
    draw->AddCircleFilled(p, r, VerdictColour(gacha.verdict));
    if (hovered && Near(mouse, p, r)) {
      hover = gacha.name + " · " + ValueText(gacha.met_share, report::Unit::kShare, tr);
    }
  }
  // The townships' names above the middle of their gachas, on a light band to stay readable.
  for (const auto& township : map.townships) {
    const std::string name = Shown(township.name);
    const ImVec2 size = ImGui::CalcTextSize(name.c_str());
    const ImVec2 p = at(township.at);
    const ImVec2 corner(p.x - size.x / 2, p.y - size.y - r - 2);
    draw->AddRectFilled(ImVec2(corner.x - 2, corner.y),
                        ImVec2(corner.x + size.x + 2, corner.y + size.y),
                        IM_COL32(255, 255, 255, 190), 2);
    draw->AddText(corner, kTownshipText, name.c_str());
  }
  if (map.gachas.empty() && map.places.empty()) {
    draw->AddText(ImVec2(rect.min.x, static_cast<float>(rect.min.y) + 4), kText,
                  tr("overview.map.nothing"));
  }
  draw->PopClipRect();
  if (!hover.empty()) ImGui::SetTooltip("%s", Shown(hover).c_str());

  if (!map.unplaced.empty()) {
    std::string names;
    for (const auto& name : map.unplaced) {
      names += (names.empty() ? "" : tr("overview.list_separator")) + name;
    }
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s",
                        Shown(tr.Format("overview.map.unplaced", {{"names", names}})).c_str());
    ImGui::PopTextWrapPos();
  }
}

}  // namespace relay::edge::ui
