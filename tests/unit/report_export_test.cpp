// The report's file exports: CSV files for any spreadsheet and an Excel workbook with charts,
// both written whole or not at all.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include "relay/report/report_csv.h"
#include "relay/report/report_xlsx.h"
#include "run_command.h"
#include "temp_dir.h"

namespace relay::report {
namespace {

namespace fs = std::filesystem;
using relay::testing::RunCommand;
using relay::testing::TempDir;

const char kBom[] = "\xEF\xBB\xBF";

Figure MakeFigure(std::string key, Label label, Unit unit, std::optional<double> value,
                  std::optional<Target> target) {
  return Figure{std::move(key), std::move(label), unit, value, target};
}

Cell Number(std::optional<double> value) {
  return Cell{value, ""};
}
Cell Text(std::string text) {
  return Cell{std::nullopt, std::move(text)};
}

// Two sections: figures met, not met, without data and without target; a table of township
// records, a table by month drawn as lines and a table of vehicles drawn as bars.
Report SampleReport() {
  Report report;
  report.period = Period{"2024-H1", "2024-01-01", "2024-06-30", 0, 0};
  report.computed_at = "2024-07-01T02:00:00Z";

  Section coverage{"coverage", {"接种覆盖", "Coverage"}, {}, {}};
  coverage.figures = {
      MakeFigure("dose_share", {"剂次覆盖率", "Dose share"}, Unit::kShare, 0.79,
                 Target{Target::Direction::kAtLeast, 0.9}),
      MakeFigure("visits", {"访视", "Visits"}, Unit::kCount, 1234,
                 Target{Target::Direction::kAtLeast, 1000}),
      MakeFigure("response_minutes", {"响应时间", "Response time"}, Unit::kMinutes, std::nullopt,
                 Target{Target::Direction::kAtMost, 30}),
      MakeFigure("clinics", {"诊所", "Clinics"}, Unit::kCount, 12, std::nullopt),
  };
  Table townships{"townships", {"各苏木", "By township"}, {}, {}, Chart::kNone};
  townships.columns = {{"name", {"苏木", "Township"}, Unit::kText, std::nullopt},
                       {"share", {"覆盖率", "Share"}, Unit::kShare, std::nullopt},
                       {"visits", {"访视", "Visits"}, Unit::kCount, std::nullopt}};
  townships.rows = {{"twp-0001", {Text("Baiyin, \"North\""), Number(0.8125), Number(40)}},
                    {"twp-0002", {Text("乌兰"), Number(std::nullopt), Number(7)}}};
  coverage.tables = {townships};

  Section response{"response", {"急救响应", "Response"}, {}, {}};
  response.figures = {MakeFigure("median_minutes", {"响应中位数", "Median response"},
                                 Unit::kMinutes, 18.26, Target{Target::Direction::kAtMost, 20})};
  Table by_month{"by_month", {"逐月响应", "Response by month"}, {}, {}, Chart::kLinesByMonth};
  by_month.columns = {{"month", {"月份", "Month"}, Unit::kText, std::nullopt},
                      {"minutes", {"响应分钟", "Minutes"}, Unit::kMinutes, std::nullopt},
                      {"hours", {"在途小时", "Hours"}, Unit::kHours, std::nullopt}};
  by_month.rows = {{"", {Text("2024-01"), Number(18.26), Number(2.5)}},
                   {"", {Text("2024-02"), Number(std::nullopt), Number(3)}}};
  Table vehicles{"vehicles", {"车辆出车", "Trips by vehicle"}, {}, {}, Chart::kBars};
  vehicles.columns = {{"trips", {"出车次数", "Trips"}, Unit::kCount, std::nullopt},
                      {"plate", {"车牌", "Plate"}, Unit::kText, std::nullopt},
                      {"hours", {"在途小时", "Hours"}, Unit::kHours, std::nullopt}};
  vehicles.rows = {{"veh-0001", {Number(31), Text("蒙E·12345"), Number(44.5)}},
                   {"veh-0002", {Number(9), Text("蒙E·67890"), Number(12)}}};
  response.tables = {by_month, vehicles};

  report.sections = {coverage, response};
  return report;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::set<std::string> Entries(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir))
    names.insert(entry.path().filename());
  return names;
}

TEST(ReportCsv, WritesATablePerFileWithBomCrlfAndQuoting) {
  TempDir temp;
  const fs::path out = temp.path() / "report";
  const Status written = WriteReportCsv(SampleReport(), out.string(), "zh");
  ASSERT_TRUE(written.ok()) << written.message();

  EXPECT_EQ(Entries(temp.path()), std::set<std::string>{"report"});  // no temp dir left over
  EXPECT_EQ(Entries(out),
            (std::set<std::string>{"coverage.csv", "coverage.townships.csv", "response.csv",
                                   "response.by_month.csv", "response.vehicles.csv"}));
  EXPECT_EQ(ReadFile(out / "coverage.csv"), std::string(kBom) +
                                                "代码,指标,数值,目标,状态\r\n"
                                                "dose_share,剂次覆盖率,0.79,≥0.9,not_met\r\n"
                                                "visits,访视,1234,≥1000,met\r\n"
                                                "response_minutes,响应时间,,≤30.0,no_data\r\n"
                                                "clinics,诊所,12,,\r\n");
  EXPECT_EQ(ReadFile(out / "coverage.townships.csv"),
            std::string(kBom) +
                "id,苏木,覆盖率,访视\r\n"
                "twp-0001,\"Baiyin, \"\"North\"\"\",0.8125,40\r\n"
                "twp-0002,乌兰,,7\r\n");
  EXPECT_EQ(ReadFile(out / "response.by_month.csv"), std::string(kBom) +
                                                         "id,月份,响应分钟,在途小时\r\n"
                                                         ",2024-01,18.3,2.5\r\n"
                                                         ",2024-02,,3.0\r\n");
}

TEST(ReportCsv, HeadersInEnglish) {
  TempDir temp;
  const fs::path out = temp.path() / "report";
  ASSERT_TRUE(WriteReportCsv(SampleReport(), out.string(), "en").ok());
  const std::string figures = ReadFile(out / "response.csv");
  EXPECT_EQ(figures, std::string(kBom) +
                         "key,label,value,target,status\r\n"
                         "median_minutes,Median response,18.3,≤20.0,met\r\n");
  const std::string vehicles = ReadFile(out / "response.vehicles.csv");
  EXPECT_EQ(vehicles.substr(0, vehicles.find("\r\n")), std::string(kBom) + "id,Trips,Plate,Hours");
  EXPECT_NE(vehicles.find("veh-0001,31,蒙E·12345,44.5\r\n"), std::string::npos) << vehicles;
}

TEST(ReportCsv, TextThatExcelWouldRunAsAFormulaStaysText) {
  Report report = SampleReport();
  report.sections[0].tables[0].rows[0].cells[0] = Text("=HYPERLINK(\"x\")");
  TempDir temp;
  ASSERT_TRUE(WriteReportCsv(report, temp.File("report"), "zh").ok());
  const std::string townships = ReadFile(temp.path() / "report" / "coverage.townships.csv");
  EXPECT_NE(townships.find("twp-0001,\"'=HYPERLINK(\"\"x\"\")\",0.8125,40\r\n"), std::string::npos)
      << townships;
}

TEST(ReportCsv, RefusesANonEmptyDirectoryAndWritesNothing) {
  TempDir temp;
  const fs::path out = temp.path() / "report";
  fs::create_directory(out);
  std::ofstream(out / "old.csv") << "kept";
  const Status refused = WriteReportCsv(SampleReport(), out.string(), "zh");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.kind(), ErrorKind::kInvalid);
  EXPECT_EQ(refused.message().rfind("--csv DIR: " + out.string() + " is not empty", 0), 0u)
      << refused.message();
  EXPECT_EQ(Entries(out), std::set<std::string>{"old.csv"});
  EXPECT_EQ(ReadFile(out / "old.csv"), "kept");
  EXPECT_EQ(Entries(temp.path()), std::set<std::string>{"report"});
}

TEST(ReportCsv, ReplacesAnEmptyDirectory) {
  TempDir temp;
  const fs::path out = temp.path() / "report";
  fs::create_directory(out);
  const Status written = WriteReportCsv(SampleReport(), out.string() + "/", "zh");
  ASSERT_TRUE(written.ok()) << written.message();
  EXPECT_EQ(Entries(out).size(), 5u);
  EXPECT_EQ(Entries(temp.path()), std::set<std::string>{"report"});
}

TEST(ReportCsv, AnUnwritablePlaceGivesAnErrorAndLeavesNothing) {
  TempDir temp;
  std::ofstream(temp.path() / "plain-file") << "x";
  const std::string under_file = (temp.path() / "plain-file" / "report").string();
  for (const std::string& dir : {std::string("/proc/relay-report-test"), under_file}) {
    const Status failed = WriteReportCsv(SampleReport(), dir, "zh");
    ASSERT_FALSE(failed.ok()) << dir;
    EXPECT_EQ(failed.message().rfind("--csv DIR: ", 0), 0u) << failed.message();
    EXPECT_FALSE(fs::exists(dir)) << dir;
  }
  EXPECT_EQ(Entries(temp.path()), std::set<std::string>{"plain-file"});
  const Status missing = WriteReportCsv(SampleReport(), temp.File("missing/report"), "zh");
  EXPECT_EQ(missing.message(),
            "--csv DIR: the directory " + temp.File("missing") + " does not exist");
}

TEST(ReportCsv, RefusesAKeyThatCannotNameAFile) {
  Report report = SampleReport();
  report.sections[1].key = "../escape";
  TempDir temp;
  const Status refused = WriteReportCsv(report, temp.File("report"), "zh");
  EXPECT_EQ(refused.kind(), ErrorKind::kInvalid);
  EXPECT_TRUE(Entries(temp.path()).empty());
}

// One member of a zip archive, as unzip prints it; empty when it is missing.
std::string Unzip(const fs::path& archive, const std::string& member) {
  const auto result = RunCommand("unzip -p '" + archive.string() + "' '" + member + "'");
  return result.exit_code == 0 ? result.output : std::string();
}

std::vector<std::string> Members(const fs::path& archive, const std::string& prefix) {
  const auto result = RunCommand("unzip -Z1 '" + archive.string() + "'");
  EXPECT_EQ(result.exit_code, 0) << result.output;
  std::vector<std::string> members;
  std::istringstream lines(result.output);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(prefix, 0) == 0) members.push_back(line);
  }
  return members;
}

TEST(ReportXlsx, ASheetPerSectionWithNativeCharts) {
  TempDir temp;
  const fs::path out = temp.path() / "report.xlsx";
  const Status written = WriteReportXlsx(SampleReport(), out.string(), "zh");
  ASSERT_TRUE(written.ok()) << written.message();
  EXPECT_EQ(Entries(temp.path()), std::set<std::string>{"report.xlsx"});

  EXPECT_EQ(Members(out, "xl/worksheets/sheet").size(), 2u);
  const std::string workbook = Unzip(out, "xl/workbook.xml");
  EXPECT_NE(workbook.find("name=\"接种覆盖\""), std::string::npos) << workbook;
  EXPECT_NE(workbook.find("name=\"急救响应\""), std::string::npos) << workbook;

  EXPECT_EQ(Members(out, "xl/charts/chart").size(), 2u);
  const std::string first = Unzip(out, "xl/charts/chart1.xml");
  const std::string second = Unzip(out, "xl/charts/chart2.xml");
  EXPECT_NE(first.find("<c:lineChart>"), std::string::npos) << first;
  EXPECT_NE(second.find("<c:barChart>"), std::string::npos) << second;
  EXPECT_NE(second.find("<c:barDir val=\"col\"/>"), std::string::npos);  // upright columns
  // Series named by their header cells, bar categories from the plate column.
  EXPECT_NE(first.find("<c:f>'急救响应'!$B$7</c:f>"), std::string::npos) << first;
  EXPECT_NE(second.find("<c:f>'急救响应'!$B$24:$B$25</c:f>"), std::string::npos) << second;

  const std::string strings = Unzip(out, "xl/sharedStrings.xml");
  for (const char* word :
       {"覆盖率", "指标", "达标", "未达标", "无数据", "全旗", "Baiyin, \"North\""}) {
    EXPECT_NE(strings.find(word), std::string::npos) << word;
  }
  const std::string coverage = Unzip(out, "xl/worksheets/sheet1.xml");
  EXPECT_NE(coverage.find("<v>1234</v>"), std::string::npos) << coverage;
  EXPECT_NE(coverage.find("<v>0.79</v>"), std::string::npos);
  // Row 6 is response_minutes: its target is there, its missing value leaves B6 blank, not 0.
  EXPECT_NE(coverage.find("<c r=\"C6\""), std::string::npos);
  EXPECT_EQ(coverage.find("<c r=\"B6\""), std::string::npos);
  // Row 12 is township 乌兰, which has visits (C12) but no share (B12).
  EXPECT_EQ(coverage.find("<c r=\"B12\""), std::string::npos);
  EXPECT_NE(coverage.find("<c r=\"C12\""), std::string::npos);
  EXPECT_NE(Unzip(out, "xl/styles.xml").find("formatCode=\"0.0%\""), std::string::npos);
}

TEST(ReportXlsx, EnglishWordsAndATownshipScope) {
  Report report = SampleReport();
  report.scope = Scope{"twp-0002", "Ulan", "152501"};
  TempDir temp;
  const fs::path out = temp.path() / "report.xlsx";
  ASSERT_TRUE(WriteReportXlsx(report, out.string(), "en").ok());
  const std::string strings = Unzip(out, "xl/sharedStrings.xml");
  for (const char* word :
       {"2024-H1 · 2024-01-01–2024-06-30 · Ulan", "Share", "not met", "no data"}) {
    EXPECT_NE(strings.find(word), std::string::npos) << word;
  }
  EXPECT_EQ(strings.find("覆盖率"), std::string::npos);
  EXPECT_NE(Unzip(out, "xl/workbook.xml").find("name=\"Coverage\""), std::string::npos);
}

TEST(ReportXlsx, SheetNamesFollowExcelsRules) {
  Report report;
  report.sections = {Section{"a", {"", "Cases/Deaths: [2024]?"}, {}, {}},
                     Section{"b", {"", "cases/deaths: [2024]?"}, {}, {}},
                     Section{"c", {"", "An extremely long section label that Excel cuts"}, {}, {}},
                     Section{"d", {"", "'History'"}, {}, {}}};
  TempDir temp;
  const fs::path out = temp.path() / "names.xlsx";
  const Status written = WriteReportXlsx(report, out.string(), "en");
  ASSERT_TRUE(written.ok()) << written.message();
  const std::string workbook = Unzip(out, "xl/workbook.xml");
  for (const char* name : {"Cases-Deaths- -2024--", "cases-deaths- -2024-- (2)",
                           "An extremely long section label", "History (2)"}) {
    EXPECT_NE(workbook.find("name=\"" + std::string(name) + "\""), std::string::npos)
        << name << "\n"
        << workbook;
  }
}

TEST(ReportXlsx, AMissingDirectoryGivesAnErrorAndLeavesNoFile) {
  TempDir temp;
  const std::string path = temp.File("missing/report.xlsx");
  const Status failed = WriteReportXlsx(SampleReport(), path, "zh");
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.message(),
            "--xlsx FILE: the directory " + temp.File("missing") + " does not exist");
  EXPECT_FALSE(fs::exists(path));
  EXPECT_TRUE(Entries(temp.path()).empty());
}

// The workbook is written beside its place under a name of its own: a file of the user's that
// happens to be called FILE.tmp is neither overwritten nor removed.
TEST(ReportXlsx, LeavesAFileNamedLikeATemporaryOneAlone) {
  TempDir temp;
  const std::string path = temp.File("report.xlsx");
  std::ofstream(path + ".tmp") << "the user's own";
  ASSERT_TRUE(WriteReportXlsx(SampleReport(), path, "zh").ok());
  std::ifstream kept(path + ".tmp");
  std::string text((std::istreambuf_iterator<char>(kept)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text, "the user's own");
  EXPECT_EQ(Entries(temp.path()).size(), 2u);  // the workbook and that file, nothing else
}

TEST(ReportXlsx, ReplacesAnOlderWorkbookWhole) {
  TempDir temp;
  const fs::path out = temp.path() / "report.xlsx";
  std::ofstream(out) << "an older export";
  ASSERT_TRUE(WriteReportXlsx(SampleReport(), out.string(), "en").ok());
  EXPECT_EQ(Members(out, "xl/worksheets/sheet").size(), 2u);
  EXPECT_EQ(Entries(temp.path()), std::set<std::string>{"report.xlsx"});
}

}  // namespace
}  // namespace relay::report
