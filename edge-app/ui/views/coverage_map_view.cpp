#include "ui/views/coverage_map_view.h"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "ui/views/map_marks.h"
#include "ui/views/shown_text.h"

namespace relay::edge::ui {
namespace {

constexpr ImU32 kInside = IM_COL32(26, 128, 46, 255);
constexpr ImU32 kNear = IM_COL32(214, 140, 0, 255);  // within half as long again as the target
constexpr ImU32 kFar = IM_COL32(199, 20, 20, 255);
constexpr ImU32 kNoRoute = IM_COL32(160, 160, 160, 255);
constexpr ImU32 kRoad = IM_COL32(150, 150, 150, 200);

ImU32 MinutesColour(int minutes, int target) {
  if (minutes == planning::kNoRoute) return kNoRoute;
  if (minutes <= target) return kInside;
  return minutes * 2 <= target * 3 ? kNear : kFar;
}

// The legend across the map's top, wrapped to its width; returns its height.
float Legend(ImDrawList* draw, ImVec2 at, float right, const Translations& tr) {
  using Mark = MapLegendEntry::Mark;
  return DrawMapLegend(draw, at, right,
                       {{tr("plan.map.inside"), Mark::kCircle, kInside},
                        {tr("plan.map.near"), Mark::kCircle, kNear},
                        {tr("plan.map.far"), Mark::kCircle, kFar},
                        {tr("plan.map.no_route"), Mark::kCircle, kNoRoute},
                        {tr("plan.map.rendezvous"), Mark::kDiamond, kMapRendezvous},
                        {tr("plan.map.station"), Mark::kCross, kMapStation},
                        {tr("plan.map.road"), Mark::kLine, kRoad}});
}

std::string MinutesText(int minutes, const Translations& tr) {
  return minutes == planning::kNoRoute
             ? std::string(tr("plan.no_route"))
             : tr.Format("plan.minutes", {{"n", std::to_string(minutes)}});
}

}  // namespace

void DrawCoverageMap(const CoverageMap& map, const Translations& tr, float width, float height) {
  const MapCanvas canvas = BeginMapCanvas(width, height);
  ImDrawList* draw = canvas.draw;
  const ImVec2 min = canvas.min, max = canvas.max;
  const bool hovered = canvas.hovered;
  const float pad = ImGui::GetStyle().WindowPadding.x;
  const float line = ImGui::GetTextLineHeight();
  const float legend_height = Legend(draw, ImVec2(min.x + pad, min.y + pad / 2), max.x - pad, tr);

  std::vector<GeoPoint> points;
  for (const auto& spot : map.spots)
    points.push_back(spot.at);
  const MapRect rect{{min.x + pad, min.y + pad / 2 + legend_height + 4},
                     {max.x - pad, max.y - pad}};
  const MapProjection projection = MapProjection::Fit(points, rect, line);
  const auto at = [&](const GeoPoint& point) {
    const MapPoint p = projection.Project(point);
    return ImVec2(static_cast<float>(p.x), static_cast<float>(p.y));
  };
  for (const auto& [from, to] : map.roads)
    draw->AddLine(at(from), at(to), kRoad, 1.5f);

  const ImVec2 mouse = ImGui::GetMousePos();
  std::string hover;
  const float r = std::max(4.0f, line * 0.35f);
  for (const auto& spot : map.spots) {
    const ImVec2 p = at(spot.at);
    switch (spot.kind) {
      case planning::Place::Kind::kStation:
        Cross(draw, p, r * 1.3f, kMapStation);
        break;
      case planning::Place::Kind::kRendezvousPoint:
        Diamond(draw, p, r * 0.9f, kMapRendezvous);
        break;
      case planning::Place::Kind::kGacha:
        draw->AddCircleFilled(p, r + 1, kMapOutline);
        draw->AddCircleFilled(p, r, MinutesColour(spot.minutes, spot.target_minutes));
        // A gacha outside its target is named on the map, to be found without hovering.
        if (spot.minutes > spot.target_minutes)
          draw->AddText(ImVec2(p.x + r + 3, p.y - line / 2), kMapText, Shown(spot.name).c_str());
        break;
    }
    if (hovered && Near(mouse, p, r)) {
      hover =
          spot.kind == planning::Place::Kind::kGacha
              ? tr.Format("plan.map.gacha_hover", {{"name", spot.name},
                                                   {"minutes", MinutesText(spot.minutes, tr)},
                                                   {"target", std::to_string(spot.target_minutes)}})
              : spot.name;
    }
  }
  if (map.spots.empty()) {
    draw->AddText(ImVec2(static_cast<float>(rect.min.x), static_cast<float>(rect.min.y) + 4),
                  kMapText, tr("plan.map.nothing"));
  }
  EndMapCanvas(canvas);
  if (!hover.empty()) ImGui::SetTooltip("%s", Shown(hover).c_str());
}

}  // namespace relay::edge::ui
