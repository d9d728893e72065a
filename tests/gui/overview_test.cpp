// The overview's view logic without a window: the period picked, how figures are written, the
// schematic map's projection, the scope an enrollment gives and the background computation.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "demo_store_test.h"
#include "relay/report/period.h"
#include "ui/model/overview_model.h"
#include "ui/model/overview_period.h"
#include "ui/model/report_figures.h"
#include "ui/model/schematic_map.h"

namespace relay::edge::ui {
namespace {

Translations Load(Language language) {
  return Translations::Load(RELAY_ASSETS_DIR, language).value();
}

TEST(OverviewPeriodTest, EveryCadenceGivesAKeyThePeriodParserReads) {
  EXPECT_EQ(PeriodKey(2024, Cadence::kFirstHalf), "2024-H1");
  EXPECT_EQ(PeriodKey(2024, Cadence::kFirstThreeQuarters), "2024-Q1-Q3");
  EXPECT_EQ(PeriodKey(2024, Cadence::kYear), "2024");
  EXPECT_EQ(PeriodKey(2025, Cadence::kQ4), "2025-Q4");
  const Translations zh = Load(Language::kZh);
  const Translations en = Load(Language::kEn);
  for (Cadence cadence : kCadences) {
    const auto period = report::ParsePeriod(PeriodKey(2024, cadence));
    EXPECT_TRUE(period.ok()) << PeriodKey(2024, cadence);
    EXPECT_TRUE(zh.Has(CadenceLabelKey(cadence))) << CadenceLabelKey(cadence);
    EXPECT_TRUE(en.Has(CadenceLabelKey(cadence))) << CadenceLabelKey(cadence);
  }
  EXPECT_EQ(report::ParsePeriod(PeriodKey(2024, Cadence::kFirstThreeQuarters)).value().to,
            "2024-09-30");
}

TEST(OverviewPeriodTest, YearsAreThoseWithCallsInBeijingTimeNewestFirst) {
  report::ReportData data;
  // 2023-12-31 17:00 UTC is already 2024-01-01 in Beijing.
  data.transports.push_back({"a", "", "", report::BeijingMidnightMs("2024-01-01") - 1, {}, {}});
  data.transports.push_back({"b", "", "", report::BeijingMidnightMs("2024-01-01"), {}, {}});
  data.transports.push_back({"c", "", "", report::BeijingMidnightMs("2022-06-01"), {}, {}});
  EXPECT_EQ(YearsWithTransports(data), (std::vector<int>{2024, 2023, 2022}));
  EXPECT_EQ(DefaultYear(YearsWithTransports(data), 0), 2024);
  // No transports yet: the current year, in Beijing.
  EXPECT_EQ(DefaultYear({}, report::BeijingMidnightMs("2026-01-01")), 2026);
}

TEST(OverviewScopeTest, TheCountySeesTheBannerATownshipItsOwn) {
  EXPECT_EQ(ScopeTownship(std::nullopt), "");
  EXPECT_EQ(ScopeTownship(Enrollment{"t", "county", "", "s"}), "");
  EXPECT_EQ(ScopeTownship(Enrollment{"t", "clinic", "T1", "s"}), "T1");
  EXPECT_EQ(ScopeTownship(Enrollment{"t", "team-lead", "T2", "s"}), "T2");
}

TEST(ReportFiguresTest, ValuesAreWrittenByUnitAndMissingOnesAreNeverZero) {
  const Translations zh = Load(Language::kZh);
  const Translations en = Load(Language::kEn);
  EXPECT_EQ(ValueText(0.7869, report::Unit::kShare, zh), "78.7%");
  EXPECT_EQ(ValueText(34.0, report::Unit::kMinutes, zh), "34.0 分钟");
  EXPECT_EQ(ValueText(34.0, report::Unit::kMinutes, en), "34.0 min");
  EXPECT_EQ(ValueText(12.0, report::Unit::kCount, en), "12");
  EXPECT_EQ(ValueText(0.0, report::Unit::kShare, en), "0.0%");  // a measured zero stays 0
  for (report::Unit unit :
       {report::Unit::kShare, report::Unit::kMinutes, report::Unit::kHours, report::Unit::kCount}) {
    EXPECT_EQ(ValueText(std::nullopt, unit, zh), "无数据");
    EXPECT_EQ(ValueText(std::nullopt, unit, en), "no data");
  }
  const report::Target at_least{report::Target::Direction::kAtLeast, 1.0};
  EXPECT_EQ(TargetText(at_least, report::Unit::kShare, zh), "≥ 100%");
  const report::Target at_most{report::Target::Direction::kAtMost, 30};
  EXPECT_EQ(TargetText(at_most, report::Unit::kMinutes, en), "≤ 30 min");
  EXPECT_EQ(TargetText(std::nullopt, report::Unit::kShare, en), "");
  EXPECT_EQ(zh(VerdictLabelKey(report::Verdict::kNoData)), std::string("无数据"));
}

report::Table ComplianceTable() {
  report::Table table{
      "compliance_by_month", {"逐月", "Monthly"}, {}, {}, report::Chart::kLinesByMonth};
  table.columns.push_back({"month", {"月份", "Month"}, report::Unit::kText, std::nullopt});
  const report::Target target{report::Target::Direction::kAtLeast, 1.0};
  table.columns.push_back({"t1", {"甲镇", "甲镇"}, report::Unit::kShare, target});
  table.columns.push_back({"t2", {"乙苏木", "乙苏木"}, report::Unit::kShare, target});
  table.rows.push_back({"", {{std::nullopt, "2024-01"}, {1.0, ""}, {std::nullopt, ""}}});
  table.rows.push_back({"", {{std::nullopt, "2024-02"}, {std::nullopt, ""}, {0.5, ""}}});
  return table;
}

TEST(ReportFiguresTest, ChartsKeepMonthsWithoutDataAsGaps) {
  const LineChart chart = LinesByMonth(ComplianceTable());
  EXPECT_EQ(chart.x_labels, (std::vector<std::string>{"2024-01", "2024-02"}));
  ASSERT_EQ(chart.lines.size(), 2u);
  EXPECT_EQ(chart.lines[0].label.zh, "甲镇");
  EXPECT_EQ(chart.lines[0].values[0], 1.0);
  EXPECT_FALSE(chart.lines[0].values[1].has_value());
  ASSERT_TRUE(chart.target);
  EXPECT_EQ(chart.target->value, 1.0);

  report::Table by_township{"by_township", {}, {}, {}, report::Chart::kBars};
  by_township.columns.push_back({"township", {}, report::Unit::kText, std::nullopt});
  by_township.columns.push_back({"met_share", {}, report::Unit::kShare, report::Target{{}, 1.0}});
  by_township.rows.push_back({"t1", {{std::nullopt, "甲镇"}, {1.0, ""}}});
  by_township.rows.push_back({"t2", {{std::nullopt, "乙苏木"}, {0.5, ""}}});
  by_township.rows.push_back({"t3", {{std::nullopt, "丙苏木"}, {std::nullopt, ""}}});
  const BarChart bars = BarsOf(by_township, "met_share");
  ASSERT_EQ(bars.bars.size(), 3u);
  EXPECT_EQ(bars.bars[0].verdict, report::Verdict::kMet);
  EXPECT_EQ(bars.bars[1].verdict, report::Verdict::kNotMet);
  EXPECT_EQ(bars.bars[2].verdict, report::Verdict::kNoData);
  EXPECT_FALSE(bars.bars[2].value.has_value());
  EXPECT_TRUE(BarsOf(by_township, "no_such_column").bars.empty());

  EXPECT_EQ(AxisMax(0.8, report::Unit::kShare), 1.0);
  EXPECT_EQ(AxisMax(0, report::Unit::kCount), 1.0);
  EXPECT_EQ(AxisMax(13, report::Unit::kCount), 20.0);
  EXPECT_EQ(AxisMax(4, report::Unit::kCount), 5.0);
}

TEST(SchematicMapTest, LocationsAreLatitudeCommaLongitudeWithinTheEarth) {
  const auto at = ParseLocation("42.30,115.00");
  ASSERT_TRUE(at);
  EXPECT_DOUBLE_EQ(at->lat, 42.30);
  EXPECT_DOUBLE_EQ(at->lon, 115.00);
  EXPECT_TRUE(ParseLocation(" 42.3 , 115 "));
  for (const char* bad : {"", "42.3", "north,east", "95,115", "42,190", "42,115,3", "42,"}) {
    EXPECT_FALSE(ParseLocation(bad)) << bad;
  }
}

TEST(SchematicMapTest, ProjectionKeepsEveryPointInsideTheRectangleNorthUp) {
  const std::vector<GeoPoint> points = {
      {42.0, 114.5}, {42.6, 115.4}, {42.3, 115.0}, {41.9, 114.9}, {42.55, 114.6}};
  const MapRect rect{{100, 50}, {500, 250}};  // wide: latitude decides the scale
  const double margin = 10;
  const MapProjection projection = MapProjection::Fit(points, rect, margin);
  for (const GeoPoint& point : points) {
    const MapPoint p = projection.Project(point);
    EXPECT_GE(p.x, rect.min.x + margin - 1e-6);
    EXPECT_LE(p.x, rect.max.x - margin + 1e-6);
    EXPECT_GE(p.y, rect.min.y + margin - 1e-6);
    EXPECT_LE(p.y, rect.max.y - margin + 1e-6);
  }
  // North is up, east is right.
  EXPECT_LT(projection.Project({42.6, 115}).y, projection.Project({41.9, 115}).y);
  EXPECT_LT(projection.Project({42.3, 114.5}).x, projection.Project({42.3, 115.4}).x);
  // The tallest extent fills the room between the margins.
  EXPECT_NEAR(projection.Project({41.9, 115}).y - projection.Project({42.6, 115}).y,
              200 - 2 * margin, 1e-6);
  // One point sits in the middle.
  const MapPoint alone = MapProjection::Fit({{42, 115}}, rect, margin).Project({42, 115});
  EXPECT_DOUBLE_EQ(alone.x, 300);
  EXPECT_DOUBLE_EQ(alone.y, 150);
}

TEST(SchematicMapTest, PlacesWithoutLocationAreListedNotDrawnAndGachasTakeTheirVerdict) {
  report::ReportData data;
  data.townships = {{"t1", "甲镇", "01"}, {"t2", "乙苏木", "02"}};
  data.gachas = {{"g1", "t1", "一嘎查", "farming", "42.0,115.0"},
                 {"g2", "t1", "二嘎查", "farming", "42.2,115.2"},
                 {"g3", "t2", "三嘎查", "pastoral", ""},
                 {"g4", "t2", "四嘎查", "pastoral", "42.4,114.8"}};
  data.places = {{"p1", "路口", "g4", "", "42.41,114.81", "rendezvous_point"},
                 {"p2", "卫生院", "", "t1", "", "township_station"},
                 {"p3", "旗医院", "", "", "42.1,115.1", "banner_hospital"}};
  report::Report report;
  report::Table by_gacha{"by_gacha", {}, {}, {}, report::Chart::kNone};
  by_gacha.columns.push_back({"gacha", {}, report::Unit::kText, std::nullopt});
  by_gacha.columns.push_back({"met_share", {}, report::Unit::kShare, report::Target{{}, 1.0}});
  by_gacha.rows.push_back({"g1", {{std::nullopt, "一嘎查"}, {1.0, ""}}});
  by_gacha.rows.push_back({"g2", {{std::nullopt, "二嘎查"}, {0.4, ""}}});
  by_gacha.rows.push_back({"g4", {{std::nullopt, "四嘎查"}, {std::nullopt, ""}}});
  report.sections.push_back({"rescue_circle", {}, {}, {by_gacha}});

  const SchematicMap map = BuildSchematicMap(data, report);
  ASSERT_EQ(map.gachas.size(), 3u);
  EXPECT_EQ(map.gachas[0].verdict, report::Verdict::kMet);
  EXPECT_EQ(map.gachas[1].verdict, report::Verdict::kNotMet);
  EXPECT_EQ(map.gachas[2].verdict, report::Verdict::kNoData);
  EXPECT_EQ(map.places.size(), 2u);
  EXPECT_EQ(map.unplaced, (std::vector<std::string>{"三嘎查", "卫生院"}));
  ASSERT_EQ(map.townships.size(), 2u);
  EXPECT_DOUBLE_EQ(map.townships[0].at.lat, 42.1);  // the middle of its gachas
  for (const GeoPoint& point : map.Points()) {
    EXPECT_FALSE(point.lat == 0 && point.lon == 0);
  }

  // A township's map: its own gachas and places, and the banner hospital.
  report.scope.township_id = "t2";
  const SchematicMap own = BuildSchematicMap(data, report);
  ASSERT_EQ(own.gachas.size(), 1u);
  EXPECT_EQ(own.gachas[0].name, "四嘎查");
  EXPECT_EQ(own.places.size(), 2u);
  EXPECT_EQ(own.unplaced, (std::vector<std::string>{"三嘎查"}));
}

class OverviewModelTest : public testing::DemoStoreTest {
 protected:
  // Polls until the computation in the background is done, as frames would.
  void Finish(OverviewModel& overview) {
    for (int i = 0; i < 500 && overview.busy(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      overview.Poll(glyphs_);
    }
  }

  std::string db_ = dir_.File("edge.db");
  GlyphSet glyphs_;
};

TEST_F(OverviewModelTest, ComputesInTheBackgroundForTheNewestYearWithData) {
  OverviewModel overview(db_);
  EXPECT_FALSE(overview.busy());  // nothing until the screen shows
  overview.Show("", clock_.NowMs());
  EXPECT_TRUE(overview.busy());
  Finish(overview);
  ASSERT_FALSE(overview.failure()) << overview.failure()->message();
  ASSERT_TRUE(overview.overview());
  EXPECT_EQ(overview.year(), 2024);  // the demo's transports are in September 2024
  EXPECT_EQ(overview.overview()->report.period.key, "2024");  // the whole year at first
  EXPECT_TRUE(overview.overview()->report.scope.IsBanner());
  EXPECT_EQ(overview.export_path(),
            (std::filesystem::path(db_).parent_path() / "report-2024.xlsx").string());
  EXPECT_TRUE(glyphs_.Contains(U'急'));  // the sections' names reach the font

  overview.SetCadence(Cadence::kFirstThreeQuarters);
  overview.Show("", clock_.NowMs());
  Finish(overview);
  EXPECT_EQ(overview.overview()->report.period.key, "2024-Q1-Q3");
  EXPECT_EQ(overview.export_path(),
            (std::filesystem::path(db_).parent_path() / "report-2024-Q1-Q3.xlsx").string());

  // Shown again with nothing changed, it does not compute again; new data does.
  overview.Show("", clock_.NowMs());
  EXPECT_FALSE(overview.busy());
  overview.DataChanged();
  overview.Show("", clock_.NowMs());
  EXPECT_TRUE(overview.busy());
  Finish(overview);
}

TEST_F(OverviewModelTest, ATownshipLaptopSeesItsOwnTownship) {
  const std::string township = demo_->id("mingantu");
  OverviewModel overview(db_);
  overview.Show(township, clock_.NowMs());
  Finish(overview);
  ASSERT_TRUE(overview.overview());
  EXPECT_EQ(overview.overview()->report.scope.township_id, township);
  EXPECT_EQ(overview.overview()->report.scope.township_name, "明安图镇");
}

TEST_F(OverviewModelTest, ExportsTheWorkbookOrSaysWhyNot) {
  OverviewModel overview(db_);
  overview.Show("", clock_.NowMs());
  Finish(overview);
  overview.Export("zh");
  ASSERT_TRUE(overview.export_result());
  EXPECT_TRUE(overview.export_result()->ok()) << overview.export_result()->message();
  EXPECT_GT(std::filesystem::file_size(overview.export_path()), 1000u);

  overview.export_path() = dir_.File("no-such-dir/report.xlsx");
  overview.Export("en");
  ASSERT_TRUE(overview.export_result());
  EXPECT_FALSE(overview.export_result()->ok());
  EXPECT_FALSE(overview.export_result()->message().empty());
}

TEST(OverviewModelFailureTest, AMissingDatabaseIsAnErrorNotACrash) {
  OverviewModel overview("");
  overview.Show("", 0);
  GlyphSet glyphs;
  for (int i = 0; i < 500 && overview.busy(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    overview.Poll(glyphs);
  }
  EXPECT_TRUE(overview.failure());
  EXPECT_FALSE(overview.overview());
}

}  // namespace
}  // namespace relay::edge::ui
