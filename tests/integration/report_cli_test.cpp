// relay-cli report on the demo banner, checked against SQL written here over the same
// database, and refusing bad arguments with one line that names them, writing nothing.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "relay/edge/local_store.h"
#include "relay/sqlite.h"
#include "run_command.h"
#include "temp_dir.h"

namespace relay {
namespace {

namespace fs = std::filesystem;

class ReportCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    demo_ = new testing::TempDir;
    std::ifstream tables(std::string(RELAY_ASSETS_DIR) + "/demo/tables.txt");
    for (std::string table; tables >> table;) {
      auto imported = testing::RunCommand(std::string(RELAY_CLI_BIN) + " --db " +
                                          demo_->File("demo.db") + " import " + table + " " +
                                          RELAY_ASSETS_DIR + "/demo/" + table + ".json");
      ASSERT_EQ(imported.exit_code, 0) << imported.output;
    }
  }
  static void TearDownTestSuite() {
    delete demo_;
    demo_ = nullptr;
  }

  static testing::CommandResult Report(const std::string& args) {
    return testing::RunCommand(std::string(RELAY_CLI_BIN) + " --db " + demo_->File("demo.db") +
                               " report " + args + " 2>&1");
  }

  // One number from SQL over the demo database's typed tables.
  static int64_t Sql(const std::string& query) {
    auto db = sql::Database::Open(demo_->File("demo.db"));
    EXPECT_TRUE(db.ok());
    auto statement = db.value()->Prepare(query);
    EXPECT_TRUE(statement.ok()) << query;
    EXPECT_TRUE(statement.value().Step().value()) << query;
    return statement.value().Int(0);
  }

  static testing::TempDir* demo_;
  testing::TempDir dir_;
};

testing::TempDir* ReportCli::demo_ = nullptr;

// The first half of 2024 in Beijing time, over transports in use, with their pickup gacha.
constexpr char kHalfYearTransports[] =
    " FROM transports t LEFT JOIN gachas g ON g.id = t.pickup_gacha_id"
    " WHERE t.archived IS NOT 1"
    " AND datetime(t.call_received_at, '+8 hours') >= '2024-01-01 00:00:00'"
    " AND datetime(t.call_received_at, '+8 hours') < '2024-07-01 00:00:00'";
// Minutes from call to first contact, and the area's target.
constexpr char kContactMinutes[] =
    "(julianday(t.first_contact_at) - julianday(t.call_received_at)) * 1440";
constexpr char kTargetMinutes[] =
    "(CASE g.area_type WHEN 'farming' THEN 30 WHEN 'pastoral' THEN 60 END)";

TEST_F(ReportCli, TheDemoBannersHalfYearAgreesWithSqlWrittenApart) {
  auto result = Report("--period 2024-H1");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const auto report = nlohmann::json::parse(result.output);
  const auto rescue = report["sections"]["rescue_circle"];
  const std::string met_sql = std::string("SELECT COUNT(*)") + kHalfYearTransports +
                              " AND t.first_contact_at IS NOT NULL AND " + kContactMinutes +
                              " <= " + kTargetMinutes + " + 1e-9";
  const std::string missed_sql = std::string("SELECT COUNT(*)") + kHalfYearTransports +
                                 " AND t.first_contact_at IS NOT NULL AND " + kContactMinutes +
                                 " > " + kTargetMinutes + " + 1e-9";
  EXPECT_EQ(rescue["transports"], Sql(std::string("SELECT COUNT(*)") + kHalfYearTransports));
  EXPECT_EQ(rescue["met"], Sql(met_sql));
  EXPECT_EQ(rescue["missed"], Sql(missed_sql));
  EXPECT_GT(rescue["met"].get<int64_t>(), 0);
  EXPECT_GT(rescue["missed"].get<int64_t>(), 0);
  EXPECT_EQ(rescue["handoffs"],
            Sql(std::string("SELECT COUNT(*) FROM handoffs h WHERE h.archived IS NOT 1 AND "
                            "h.transport_id IN (SELECT t.id") +
                kHalfYearTransports + ")"));
  // Each township's transports and met.
  for (const auto& row : rescue["tables"]["by_township"]) {
    if (!row.contains("id")) continue;
    const std::string township = " AND g.township_id = '" + row["id"].get<std::string>() + "'";
    EXPECT_EQ(row["transports"],
              Sql(std::string("SELECT COUNT(*)") + kHalfYearTransports + township))
        << row.dump();
    EXPECT_EQ(row["met"], Sql(met_sql + township)) << row.dump();
  }

  const auto vehicles = report["sections"]["vehicles"];
  EXPECT_EQ(vehicles["registered"],
            Sql("SELECT COUNT(*) FROM vehicles WHERE archived IS NOT 1 AND merged_into IS NULL"
                " AND owner_category != 'ambulance'"));
  EXPECT_EQ(vehicles["ambulances"],
            Sql("SELECT COUNT(*) FROM vehicles WHERE archived IS NOT 1 AND merged_into IS NULL"
                " AND owner_category = 'ambulance'"));
  EXPECT_EQ(vehicles["vehicles_served"],
            Sql(std::string("SELECT COUNT(DISTINCT l.vehicle_id) FROM transport_legs l JOIN "
                            "vehicles v ON v.id = l.vehicle_id WHERE l.archived IS NOT 1 AND "
                            "v.owner_category != 'ambulance' AND l.transport_id IN (SELECT t.id") +
                kHalfYearTransports + ")"));

  const auto teams = report["sections"]["teams"];
  EXPECT_EQ(teams["posts"], Sql("SELECT COUNT(*) FROM posts WHERE archived IS NOT 1"));
  EXPECT_EQ(teams["posts_held_ab"],
            Sql("SELECT COUNT(*) FROM posts WHERE archived IS NOT 1 AND holder_a_id IS NOT NULL"
                " AND holder_b_id IS NOT NULL"));
  EXPECT_EQ(report["sections"]["training"]["drills"],
            Sql("SELECT COUNT(*) FROM trainings WHERE archived IS NOT 1 AND training_kind ="
                " 'drill' AND held_on BETWEEN '2024-01-01' AND '2024-06-30'"));
}

TEST_F(ReportCli, ATownshipByItsCode) {
  auto result = Report("--period 2024 --township 152529100");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const auto report = nlohmann::json::parse(result.output);
  EXPECT_EQ(report["township"]["name"], "明安图镇");
  const std::string township_id = report["township"]["id"];
  EXPECT_EQ(report["sections"]["rescue_circle"]["transports"],
            Sql("SELECT COUNT(*) FROM transports t JOIN gachas g ON g.id = t.pickup_gacha_id"
                " WHERE t.archived IS NOT 1 AND g.township_id = '" +
                township_id +
                "' AND datetime(t.call_received_at, '+8 hours') BETWEEN '2024-01-01' AND "
                "'2024-12-31 23:59:59'"));
}

TEST_F(ReportCli, WritesTheWorkbookAndTheCsvFiles) {
  const std::string workbook = dir_.File("half.xlsx");
  const std::string csv = dir_.File("half");
  auto result = Report("--period 2024-H1 --xlsx " + workbook + " --csv " + csv + " --lang en");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_TRUE(fs::is_regular_file(workbook));
  std::ifstream figures(csv + "/rescue_circle.csv");
  std::string text((std::istreambuf_iterator<char>(figures)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("Share within the rescue circle"), std::string::npos) << text;
  auto charts = testing::RunCommand("unzip -l " + workbook + " | grep -c 'xl/charts/chart'");
  EXPECT_EQ(charts.output, "2\n");  // monthly compliance by township; vehicles per gacha
}

TEST_F(ReportCli, BadArgumentsAreRefusedNamingThemAndNothingIsWritten) {
  const std::string workbook = dir_.File("out.xlsx");
  const std::string sheet = " --xlsx " + workbook;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"--period 2024-Q5" + sheet, "--period 2024-Q5: "},
      {"--period 2024-13-01..2024-12-31" + sheet, "--period 2024-13-01..2024-12-31: "},
      {"--period 2024-H1 --township 999" + sheet, "--township 999: "},
      {sheet, "--period: is required"},
      {"--period 2024 --lang mn" + sheet, "--lang mn: "},
      {"--period 2024 --format xml" + sheet, "--format: not an option of report"},
      {"--period 2024 --xlsx " + dir_.File("missing/out.xlsx"), "--xlsx FILE: "},
      {"--period 2024 --xlsx /proc/out.xlsx", "--xlsx FILE: "},
      {"--period 2024 --xlsx " + dir_.File("out.db"), "--xlsx " + dir_.File("out.db") + ": "},
      {"--period 2024 --township ''" + sheet, "--township: needs a value"},
  };
  for (const auto& [args, named] : cases) {
    auto result = Report(args);
    EXPECT_NE(result.exit_code, 0) << args;
    EXPECT_EQ(result.output.rfind("relay-cli: report: " + named, 0), 0u) << result.output;
    EXPECT_EQ(std::count(result.output.begin(), result.output.end(), '\n'), 1) << result.output;
    EXPECT_FALSE(fs::exists(workbook)) << args;
  }
  EXPECT_TRUE(fs::is_empty(dir_.path())) << "a temporary file was left behind";
}

TEST_F(ReportCli, AWorkbookThatFailsTakesItsCsvFolderBackAndAFullFolderStopsBoth) {
  const std::string csv = dir_.File("csv");
  auto failed = Report("--period 2024 --csv " + csv + " --xlsx " + dir_.File("missing/x.xlsx"));
  EXPECT_NE(failed.exit_code, 0);
  EXPECT_FALSE(fs::exists(csv)) << failed.output;

  fs::create_directory(csv);
  std::ofstream(csv + "/older.csv") << "kept";
  const std::string workbook = dir_.File("both.xlsx");
  auto refused = Report("--period 2024 --csv " + csv + " --xlsx " + workbook);
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_EQ(refused.output.rfind("relay-cli: report: --csv DIR: ", 0), 0u) << refused.output;
  EXPECT_FALSE(fs::exists(workbook));
  EXPECT_EQ(std::distance(fs::directory_iterator(csv), fs::directory_iterator()), 1);
}

TEST_F(ReportCli, AMistypedDatabaseIsRefusedNotReportedAsEmpty) {
  const std::string typo = dir_.File("typo.db");
  auto result = testing::RunCommand(std::string(RELAY_CLI_BIN) + " --db " + typo +
                                    " report --period 2024 2>&1");
  EXPECT_NE(result.exit_code, 0);
  EXPECT_EQ(result.output, "relay-cli: report: --db " + typo + ": no such database\n");
  EXPECT_FALSE(fs::exists(typo));
}

// A township's laptop holds its own records and the shared geography: it reports on its
// township, and refuses another's.
TEST_F(ReportCli, ATownshipLaptopReportsOnItsOwnTownship) {
  const std::string laptop = dir_.File("laptop.db");
  fs::copy_file(demo_->File("demo.db"), laptop);
  const std::string township =
      nlohmann::json::parse(Report("--period 2024 --township 152529100").output)["township"]["id"];
  {
    ManualClock clock(1'721'001'600'000);
    auto store = edge::LocalStore::Open(laptop, clock);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(store.value()
                    ->RecordEnrollment(
                        {"token", "clinic", township, "01890a5d-0000-7000-8000-0000000000aa"})
                    .ok());
  }
  const std::string cli = std::string(RELAY_CLI_BIN) + " --db " + laptop + " report --period 2024";
  auto own = testing::RunCommand(cli + " 2>&1");
  ASSERT_EQ(own.exit_code, 0) << own.output;
  EXPECT_EQ(nlohmann::json::parse(own.output)["township"]["name"], "明安图镇");
  auto other = testing::RunCommand(cli + " --township 星耀镇 2>&1");
  EXPECT_NE(other.exit_code, 0);
  EXPECT_NE(other.output.find("--township 星耀镇: this laptop is enrolled for another township"),
            std::string::npos)
      << other.output;
}

}  // namespace
}  // namespace relay
