#include "ui/model/schematic_map.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "ui/model/report_figures.h"

namespace relay::edge::ui {
namespace {

std::string_view Trimmed(std::string_view text) {
  while (!text.empty() && text.front() == ' ')
    text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ')
    text.remove_suffix(1);
  return text;
}

std::optional<double> Degrees(std::string_view text) {
  text = Trimmed(text);
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

constexpr double kPi = 3.14159265358979323846;

}  // namespace

std::optional<GeoPoint> ParseLocation(std::string_view text) {
  const size_t comma = text.find(',');
  if (comma == std::string_view::npos) return std::nullopt;
  const auto lat = Degrees(text.substr(0, comma));
  const auto lon = Degrees(text.substr(comma + 1));
  if (!lat || !lon || std::abs(*lat) > 90 || std::abs(*lon) > 180) return std::nullopt;
  return GeoPoint{*lat, *lon};
}

MapProjection MapProjection::Fit(const std::vector<GeoPoint>& points, const MapRect& rect,
                                 double margin) {
  MapProjection projection;
  projection.centre_ = {(rect.min.x + rect.max.x) / 2, (rect.min.y + rect.max.y) / 2};
  if (points.empty()) return projection;
  double south = 90, north = -90, west = 180, east = -180;
  for (const GeoPoint& point : points) {
    south = std::min(south, point.lat);
    north = std::max(north, point.lat);
    west = std::min(west, point.lon);
    east = std::max(east, point.lon);
  }
  projection.centre_lat_ = (south + north) / 2;
  projection.centre_lon_ = (west + east) / 2;
  projection.lon_factor_ = std::cos(projection.centre_lat_ * kPi / 180);
  const double width = (east - west) * projection.lon_factor_;
  const double height = north - south;
  const double room_x = std::max(0.0, rect.max.x - rect.min.x - 2 * margin);
  const double room_y = std::max(0.0, rect.max.y - rect.min.y - 2 * margin);
  double scale = 0;  // one point, or all at one place: nothing to spread
  if (width > 0 && height > 0) {
    scale = std::min(room_x / width, room_y / height);
  } else if (width > 0) {
    scale = room_x / width;
  } else if (height > 0) {
    scale = room_y / height;
  }
  projection.scale_ = scale;
  return projection;
}

MapPoint MapProjection::Project(const GeoPoint& point) const {
  return {centre_.x + (point.lon - centre_lon_) * lon_factor_ * scale_,
          centre_.y - (point.lat - centre_lat_) * scale_};
}

std::vector<GeoPoint> SchematicMap::Points() const {
  std::vector<GeoPoint> points;
  for (const auto& gacha : gachas)
    points.push_back(gacha.at);
  for (const auto& place : places)
    points.push_back(place.at);
  return points;
}

SchematicMap BuildSchematicMap(const report::ReportData& data, const report::Report& report) {
  const std::string& scope = report.scope.township_id;
  const auto in_scope = [&](const std::string& township_id) {
    return scope.empty() || township_id == scope;
  };

  // The rescue circle's share per gacha, with its target.
  std::map<std::string, std::optional<double>> shares;
  std::optional<report::Target> target;
  if (const report::Table* table = FindTable(report, "rescue_circle", "by_gacha")) {
    if (const auto column = ColumnIndex(*table, "met_share")) {
      target = table->columns[*column].target;
      for (const auto& row : table->rows) {
        if (*column < row.cells.size()) shares[row.record_id] = row.cells[*column].number;
      }
    }
  }

  SchematicMap map;
  struct Middle {
    double lat = 0, lon = 0;
    int count = 0;
  };
  std::map<std::string, Middle> middles;
  for (const auto& gacha : data.gachas) {
    if (gacha.archived || !in_scope(gacha.township_id)) continue;  // archived: a place no more
    const auto at = ParseLocation(gacha.location);
    if (!at) {
      map.unplaced.push_back(gacha.name);
      continue;
    }
    const auto share = shares.count(gacha.id) ? shares[gacha.id] : std::nullopt;
    map.gachas.push_back({gacha.name, *at, share, report::Judge(share, target)});
    Middle& middle = middles[gacha.township_id];
    middle.lat += at->lat;
    middle.lon += at->lon;
    ++middle.count;
  }
  std::map<std::string, std::string> township_of_gacha;
  for (const auto& gacha : data.gachas)
    township_of_gacha[gacha.id] = gacha.township_id;
  for (const auto& place : data.places) {
    // A rendezvous point belongs to its gacha's township; the banner hospital, where transports
    // end, is on every township's map.
    const std::string township =
        place.township_id.empty() ? township_of_gacha[place.gacha_id] : place.township_id;
    if (!in_scope(township) && place.kind != "banner_hospital") continue;
    std::optional<SchematicMap::Place::Kind> kind;
    if (place.kind == "rendezvous_point") kind = SchematicMap::Place::Kind::kRendezvous;
    if (place.kind == "township_station" || place.kind == "banner_hospital") {
      kind = SchematicMap::Place::Kind::kStation;
    }
    if (!kind) continue;
    const auto at = ParseLocation(place.location);
    if (!at) {
      map.unplaced.push_back(place.name);
      continue;
    }
    map.places.push_back({place.name, *at, *kind});
  }
  for (const auto& township : data.townships) {
    const auto middle = middles.find(township.id);
    if (middle == middles.end()) continue;
    const double n = middle->second.count;
    map.townships.push_back({township.name, {middle->second.lat / n, middle->second.lon / n}});
  }
  return map;
}

}  // namespace relay::edge::ui
