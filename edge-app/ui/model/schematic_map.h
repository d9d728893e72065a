#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "relay/report/report.h"
#include "relay/report/report_data.h"

namespace relay::edge::ui {

// A place on the earth in degrees.
struct GeoPoint {
  double lat = 0;
  double lon = 0;
};

// Reads a stored location, "42.30,115.00" (latitude, longitude); nullopt for an empty text or
// one that is not two numbers within the earth's ranges.
std::optional<GeoPoint> ParseLocation(std::string_view text);

// A point or rectangle on the screen, in pixels, y downwards.
struct MapPoint {
  double x = 0;
  double y = 0;
};
struct MapRect {
  MapPoint min;
  MapPoint max;
};

// Places points into a rectangle as an equirectangular map: longitude scaled by the cosine of
// the middle latitude so distances look right at the banner's latitude, north up, the points'
// extent fitted inside the rectangle less a margin on each side and centred, same scale on both
// axes. A single point (or none) sits at the centre.
class MapProjection {
 public:
  static MapProjection Fit(const std::vector<GeoPoint>& points, const MapRect& rect, double margin);
  MapPoint Project(const GeoPoint& point) const;

 private:
  double centre_lat_ = 0, centre_lon_ = 0, lon_factor_ = 1, scale_ = 0;
  MapPoint centre_;
};

// What the overview's schematic map draws, read from the merged data and the report: each
// gacha of the scope coloured by its rescue-circle verdict, the rendezvous points and stations,
// the townships' names at the middle of their gachas, and the names of those with no location,
// which are listed rather than drawn.
struct SchematicMap {
  struct Gacha {
    std::string name;
    GeoPoint at;
    std::optional<double> met_share;
    report::Verdict verdict = report::Verdict::kNoData;
  };
  struct Place {
    enum class Kind { kRendezvous, kStation };
    std::string name;
    GeoPoint at;
    Kind kind = Kind::kRendezvous;
  };
  struct Township {
    std::string name;
    GeoPoint at;
  };
  std::vector<Gacha> gachas;
  std::vector<Place> places;
  std::vector<Township> townships;
  std::vector<std::string> unplaced;

  // Every point drawn, for fitting the projection.
  std::vector<GeoPoint> Points() const;
};

// The map of the report's scope; gachas take their verdict from the rescue circle's by_gacha
// table (its met_share column).
SchematicMap BuildSchematicMap(const report::ReportData& data, const report::Report& report);

}  // namespace relay::edge::ui
