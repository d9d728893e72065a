// relay-cli plan and coverage over records stored as a clinic would store them: the
// hand-made network of tests/unit/handoff_planner_test.cpp (G1, G2, G3 and G4 around S1 and
// R1), the demo banner, and bad input.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "run_command.h"
#include "temp_dir.h"

namespace relay {
namespace {

class PlanCli : public ::testing::Test {
 protected:
  testing::CommandResult Cli(const std::string& args) {
    return testing::RunCommand(std::string(RELAY_CLI_BIN) + " --db " + dir_.File("a.db") + " " +
                               args + " 2>&1");
  }
  // The id of a record stored with relay-cli put.
  std::string Put(const std::string& table, const nlohmann::json& fields) {
    auto result = Cli("put " + table + " '" + fields.dump() + "'");
    EXPECT_EQ(result.exit_code, 0) << table << ": " << result.output;
    std::string id = result.output;
    while (!id.empty() && id.back() == '\n')
      id.pop_back();
    return id.substr(id.rfind('\n') == std::string::npos ? 0 : id.rfind('\n') + 1);
  }
  nlohmann::json Json(const std::string& args) {
    auto result = Cli(args);
    EXPECT_EQ(result.exit_code, 0) << args << ": " << result.output;
    return nlohmann::json::parse(result.output, nullptr, false);
  }
  std::string Road(const std::string& from_kind, const std::string& from,
                   const std::string& to_kind, const std::string& to, int good, int winter,
                   bool two_wd) {
    return Put("roads", {{"from_" + from_kind + "_id", from},
                         {"to_" + to_kind + "_id", to},
                         {"minutes_good", good},
                         {"minutes_winter", winter},
                         {"two_wd_passable", two_wd}});
  }

  void SetUp() override {
    const std::string township =
        Put("townships", {{"name", "明安图镇"}, {"township_kind", "town"}});
    auto gacha = [&](const char* name, const char* area) {
      return Put("gachas", {{"township_id", township}, {"name", name}, {"area_type", area}});
    };
    g1_ = gacha("额日和图嘎查", "farming");
    g2_ = gacha("巴音查干嘎查", "pastoral");
    g3_ = gacha("希日塔拉嘎查", "farming");
    g4_ = gacha("红旗嘎查", "farming");
    r1_ = Put("rendezvous_points", {{"gacha_id", g1_}, {"name", "S105 路口"}});
    s1_ = Put("stations", {{"name", "明安图镇中心卫生院急救站"},
                           {"station_kind", "township_station"},
                           {"township_id", township},
                           {"ambulances", 1}});
    Road("station", s1_, "rendezvous_point", r1_, 20, 30, true);
    Road("rendezvous_point", r1_, "gacha", g1_, 10, 15, true);
    Road("station", s1_, "gacha", g2_, 15, 25, false);
    Road("gacha", g2_, "rendezvous_point", r1_, 30, 45, true);
    Road("gacha", g4_, "rendezvous_point", r1_, 15, 25, false);
    Road("gacha", g4_, "gacha", g1_, 25, 40, true);
    driver_ = Put("volunteers", {{"name", "其木格"}, {"phone", "13947900001"}});
    v1_ = Put("vehicles", {{"plate", "蒙H12345"},
                           {"owner_category", "gacha_committee"},
                           {"phone", "13947900001"},
                           {"home_gacha_id", g1_},
                           {"driver_id", driver_},
                           {"status", "available"}});
    for (int call = 0; call < 3; ++call) {
      Put("transports", {{"call_received_at", "2024-05-0" + std::to_string(call + 1) + " 10:00"},
                         {"pickup_gacha_id", g4_}});
    }
  }

  testing::TempDir dir_;
  std::string g1_, g2_, g3_, g4_, r1_, s1_, driver_, v1_;
};

TEST_F(PlanCli, PlanPrintsTheOptionsBestFirstWithTheCarItsDriverAndTheMeetingPoint) {
  const nlohmann::json options = Json("plan " + g1_ + " --season good");
  ASSERT_TRUE(options.is_array()) << options;
  ASSERT_EQ(options.size(), 2u);
  EXPECT_EQ(options[0]["vehicle_id"], v1_);
  EXPECT_EQ(options[0]["driver_name"], "其木格");
  EXPECT_EQ(options[0]["phone"], "13947900001");
  EXPECT_EQ(options[0]["rendezvous_point_id"], r1_);
  EXPECT_EQ(options[0]["station_id"], s1_);
  EXPECT_EQ(options[0]["minutes_to_first_contact"], 23);
  EXPECT_EQ(options[0]["minutes_to_destination"], 48);
  EXPECT_EQ(options[0]["target_minutes"], 30);
  EXPECT_EQ(options[0]["meets_target"], true);
  EXPECT_FALSE(options[1].contains("vehicle_id"));  // the ambulance all the way
  EXPECT_FALSE(options[1].contains("rendezvous_point_id"));
  EXPECT_EQ(options[1]["minutes_to_first_contact"], 33);
  EXPECT_EQ(options[1]["meets_target"], false);

  const nlohmann::json winter = Json("plan " + g1_ + " --season winter");
  EXPECT_EQ(winter[0]["minutes_to_first_contact"], 33);
  EXPECT_EQ(winter[1]["minutes_to_first_contact"], 48);

  const nlohmann::json pastoral = Json("plan " + g2_ + " --season good");
  EXPECT_FALSE(pastoral[0].contains("vehicle_id"));
  EXPECT_EQ(pastoral[0]["minutes_to_first_contact"], 18);
  EXPECT_EQ(pastoral[0]["target_minutes"], 60);
}

TEST_F(PlanCli, CoverageListsEveryGachaAndTheRecommendationWithItsGain) {
  const nlohmann::json coverage = Json("coverage --season good");
  ASSERT_EQ(coverage["gachas"].size(), 4u) << coverage;
  std::map<std::string, nlohmann::json> by_gacha;
  for (const auto& gacha : coverage["gachas"])
    by_gacha[gacha["gacha_id"]] = gacha;
  EXPECT_EQ(by_gacha[g1_]["best_minutes"], 23);
  EXPECT_EQ(by_gacha[g1_]["meets_target"], true);
  EXPECT_TRUE(by_gacha[g3_]["best_minutes"].is_null());  // no road: no time, and outside
  EXPECT_EQ(by_gacha[g3_]["meets_target"], false);
  EXPECT_EQ(by_gacha[g4_]["best_minutes"], 38);
  EXPECT_EQ(by_gacha[g4_]["target_minutes"], 30);
  ASSERT_EQ(coverage["recommendations"].size(), 1u);
  const nlohmann::json& recommendation = coverage["recommendations"][0];
  EXPECT_EQ(recommendation["kind"], "vehicle");
  EXPECT_EQ(recommendation["near_gacha_id"], g4_);
  EXPECT_EQ(recommendation["gain_calls"], 3);
  EXPECT_EQ(recommendation["gachas_brought_inside"], nlohmann::json::array({g4_}));
}

TEST_F(PlanCli, BadInputIsRefusedWithTheFieldAndNoRouteIsSaidPlainly) {
  auto no_route = Cli("plan " + g3_);
  EXPECT_EQ(no_route.exit_code, 2);
  EXPECT_NE(no_route.output.find("no route"), std::string::npos) << no_route.output;
  auto unknown = Cli("plan 01890a5d-ac96-774b-bcce-b302099a8057");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.output.find("GACHA_ID: no gacha has id"), std::string::npos);
  auto not_a_gacha = Cli("plan " + r1_);
  EXPECT_EQ(not_a_gacha.exit_code, 2);
  EXPECT_NE(not_a_gacha.output.find("no gacha has id"), std::string::npos);
  auto season = Cli("plan " + g1_ + " --season spring");
  EXPECT_EQ(season.exit_code, 2);
  EXPECT_NE(season.output.find("--season: must be good or winter"), std::string::npos);
  auto destination = Cli("plan " + g1_ + " --destination " + g2_);
  EXPECT_EQ(destination.exit_code, 2);
  EXPECT_NE(destination.output.find("--destination: no station has id"), std::string::npos);
  auto empty_destination = Cli("plan " + g1_ + " --destination ''");
  EXPECT_EQ(empty_destination.exit_code, 2);
  EXPECT_NE(empty_destination.output.find("--destination: needs a station's id"),
            std::string::npos);
  auto typo = testing::RunCommand(std::string(RELAY_CLI_BIN) + " --db " + dir_.File("typo.db") +
                                  " coverage 2>&1");
  EXPECT_NE(typo.exit_code, 0);
  EXPECT_NE(typo.output.find("no such database"), std::string::npos) << typo.output;

  // A road is refused when it names an unknown place, one place twice, no place at one end,
  // or minutes out of range; nothing is stored.
  const struct {
    nlohmann::json fields;
    std::string expected;
  } bad_roads[] = {
      {{{"from_gacha_id", g1_},
        {"to_gacha_id", "01890a5d-ac96-774b-bcce-b302099a8057"},
        {"minutes_good", 5},
        {"minutes_winter", 5}},
       "to_gacha_id: no gachas record has id"},
      {{{"from_gacha_id", g1_}, {"to_gacha_id", g1_}, {"minutes_good", 5}, {"minutes_winter", 5}},
       "a road joins two different places (road_ends)"},
      {{{"from_gacha_id", g1_},
        {"from_station_id", s1_},
        {"to_gacha_id", g2_},
        {"minutes_good", 5},
        {"minutes_winter", 5}},
       "from_gacha_id: a road's start names exactly one place"},
      {{{"from_gacha_id", g1_}, {"to_gacha_id", g2_}, {"minutes_good", -5}, {"minutes_winter", 5}},
       "minutes_good"},
      {{{"from_gacha_id", g1_},
        {"to_gacha_id", g2_},
        {"minutes_good", 5},
        {"minutes_winter", 100000}},
       "minutes_winter"},
  };
  const size_t roads_before = Json("get roads").size();
  for (const auto& bad : bad_roads) {
    auto refused = Cli("put roads '" + bad.fields.dump() + "'");
    EXPECT_NE(refused.exit_code, 0) << bad.fields;
    EXPECT_NE(refused.output.find(bad.expected), std::string::npos) << refused.output;
  }
  EXPECT_EQ(Json("get roads").size(), roads_before);
}

TEST_F(PlanCli, TheDemoBannerHasARouteToEveryGachaInBothSeasons) {
  testing::TempDir demo;
  const std::string cli = std::string(RELAY_CLI_BIN) + " --db " + demo.File("demo.db") + " ";
  for (const char* table : {"townships", "gachas", "rendezvous_points", "stations", "roads",
                            "volunteers", "vehicles", "transports", "transport_legs", "handoffs"}) {
    auto imported = testing::RunCommand(cli + "import " + table + " " + RELAY_ASSETS_DIR +
                                        "/demo/" + table + ".json 2>&1");
    ASSERT_EQ(imported.exit_code, 0) << table << ": " << imported.output;
  }
  // The demo's legs were made up without the roads: learning from the older two thirds brings
  // the newest third's error down (docs/planning.md §5).
  auto accuracy = testing::RunCommand(cli + "plan-accuracy");
  ASSERT_EQ(accuracy.exit_code, 0) << accuracy.output;
  const auto learnt = nlohmann::json::parse(accuracy.output);
  EXPECT_GT(learnt["legs"].get<int>(), 500);
  EXPECT_EQ(learnt["legs_judged"].get<int>(),
            learnt["legs"].get<int>() - learnt["legs"].get<int>() * 2 / 3);
  EXPECT_LT(learnt["mean_abs_minutes_after"].get<double>(),
            learnt["mean_abs_minutes_before"].get<double>());
  for (const char* season : {"good", "winter"}) {
    auto run = testing::RunCommand(cli + "coverage --season " + season);
    ASSERT_EQ(run.exit_code, 0) << run.output;
    const auto coverage = nlohmann::json::parse(run.output);
    ASSERT_EQ(coverage["gachas"].size(), 19u);
    for (const auto& gacha : coverage["gachas"]) {
      EXPECT_TRUE(gacha["best_minutes"].is_number()) << gacha;
      auto plan = testing::RunCommand(cli + "plan " + gacha["gacha_id"].get<std::string>() +
                                      " --season " + season);
      EXPECT_EQ(plan.exit_code, 0) << plan.output;
    }
  }
}

}  // namespace
}  // namespace relay
