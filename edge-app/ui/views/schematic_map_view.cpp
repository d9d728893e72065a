#include "ui/views/schematic_map_view.h"

#include <imgui.h>

#include <string>

#include "ui/model/report_figures.h"
#include "ui/views/map_marks.h"
#include "ui/views/report_charts_view.h"
#include "ui/views/shown_text.h"

namespace relay::edge::ui {
namespace {

constexpr ImU32 kTownshipText = IM_COL32(40, 60, 120, 255);

// The legend's entries across the map's top left, on a white band so places never hide it.
float Legend(ImDrawList* draw, ImVec2 at, float right, const Translations& tr) {
  using Mark = MapLegendEntry::Mark;
  return DrawMapLegend(
      draw, at, right,
      {{tr("overview.verdict.met"), Mark::kCircle, VerdictColour(report::Verdict::kMet)},
       {tr("overview.verdict.not_met"), Mark::kCircle, VerdictColour(report::Verdict::kNotMet)},
       {tr("overview.no_data"), Mark::kCircle, VerdictColour(report::Verdict::kNoData)},
       {tr("overview.map.rendezvous"), Mark::kDiamond, kMapRendezvous},
       {tr("overview.map.station"), Mark::kCross, kMapStation}});
}

}  // namespace

void DrawSchematicMap(const char* title, const SchematicMap& map, const Translations& tr,
                      float width, float height) {
  const MapCanvas canvas = BeginMapCanvas(width, height);
  ImDrawList* draw = canvas.draw;
  const ImVec2 min = canvas.min, max = canvas.max;
  const bool hovered = canvas.hovered;
  const float pad = ImGui::GetStyle().WindowPadding.x;
  const float line = ImGui::GetTextLineHeight();
  draw->AddText(ImVec2(min.x + pad, min.y + pad / 2), kMapText, Shown(title).c_str());
  const float legend_top = min.y + pad / 2 + line + 4;
  const float legend_height = Legend(draw, ImVec2(min.x + pad, legend_top), max.x - pad, tr);

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
      Cross(draw, p, r * 1.3f, kMapStation);
    } else {
      Diamond(draw, p, r * 0.9f, kMapRendezvous);
    }
    if (hovered && Near(mouse, p, r)) hover = place.name;
  }
  for (const auto& gacha : map.gachas) {
    const ImVec2 p = at(gacha.at);
    draw->AddCircleFilled(p, r + 1, kMapOutline);
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
    draw->AddText(ImVec2(rect.min.x, static_cast<float>(rect.min.y) + 4), kMapText,
                  tr("overview.map.nothing"));
  }
  EndMapCanvas(canvas);
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
