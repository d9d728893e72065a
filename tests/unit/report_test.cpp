// The county's report against hand-worked figures on a small banner: two townships, four
// gachas, seven transports, three vehicles and an ambulance, two teams.
#include "relay/report/report_builder.h"

#include <gtest/gtest.h>

#include "field_state_layout.h"

#include "relay/edge/local_store.h"
#include "relay/report/report_json.h"
#include "relay/validation.h"
#include "temp_dir.h"

namespace relay::report {
namespace {

constexpr int64_t kNow = 1'721'001'600'000;  // 2024-07-15T00:00:00Z
constexpr int64_t kDayMs = 86'400'000;

class ReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = edge::LocalStore::Open(dir_.File("county.db"), clock_);
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(store).value();
    a_ = Put("townships", {{"name", "甲镇"}, {"township_kind", "town"}, {"code", "A1"}});
    b_ = Put("townships", {{"name", "乙苏木"}, {"township_kind", "sumu"}, {"code", "B1"}});
    a_farm_ = Put("gachas", {{"township_id", a_}, {"name", "甲农"}, {"area_type", "farming"}});
    a_past_ = Put("gachas", {{"township_id", a_}, {"name", "甲牧"}, {"area_type", "pastoral"}});
    b_past_ = Put("gachas", {{"township_id", b_}, {"name", "乙牧"}, {"area_type", "pastoral"}});
    b_empty_ = Put("gachas", {{"township_id", b_}, {"name", "乙空"}, {"area_type", "farming"}});

    // Call → contact (→ destination) in minutes; Beijing time is UTC+8.
    t1_ = Transport(a_farm_, "2024-03-10T02:00:00Z", 20, 50, "closed");   // met (≤ 30)
    t2_ = Transport(a_farm_, "2024-03-11T02:00:00Z", 40, 70, "closed");   // missed
    t3_ = Transport(a_past_, "2024-05-01T02:00:00Z", 45, 100, "closed");  // met (≤ 60)
    t4_ = Transport(b_past_, "2024-05-02T02:00:00Z", {}, {}, "active");   // no contact time
    Transport("", "2024-06-01T02:00:00Z", 10, 30, "closed");  // no gacha: no target to judge
    // 01:00 on 1 July in Beijing: the third quarter, not the first half.
    t6_ = Transport(b_past_, "2024-06-30T17:00:00Z", 90, 120, "closed");
    // 01:00 on 1 January in Beijing: the first half.
    Transport(a_farm_, "2023-12-31T17:00:00Z", 30, 60, "closed");  // met: exactly 30
    const std::string archived = Transport(a_farm_, "2024-03-12T02:00:00Z", 99, 99, "closed");
    Put("transports", {{"id", archived}, {"archived", true}});

    Put("handoffs", {{"transport_id", t1_},
                     {"carrier_arrived_at", "2024-03-10T02:10:00Z"},
                     {"receiver_arrived_at", "2024-03-10T02:18:00Z"},
                     {"transfer_at", "2024-03-10T02:20:00Z"},
                     {"delay_reason", "路况差"}});
    Put("handoffs", {{"transport_id", t3_},
                     {"carrier_arrived_at", "2024-05-01T02:30:00Z"},
                     {"receiver_arrived_at", "2024-05-01T02:25:00Z"},
                     {"transfer_at", "2024-05-01T02:45:00Z"}});
    Put("handoffs", {{"transport_id", t6_},
                     {"carrier_arrived_at", "2024-06-30T17:30:00Z"},
                     {"receiver_arrived_at", "2024-06-30T18:00:00Z"},
                     {"transfer_at", "2024-06-30T18:10:00Z"},
                     {"delay_reason", "outside the half-year"}});

    const std::string d1 = Put("volunteers", {{"name", "巴特尔"},
                                              {"phone", "13800000001"},
                                              {"first_aid_trained_on", "2023-01-01"},
                                              {"first_aid_expires_on", "2025-01-01"}});
    const std::string d2 = Put("volunteers", {{"name", "其其格"},
                                              {"phone", "13800000002"},
                                              {"first_aid_trained_on", "2022-05-01"},
                                              {"first_aid_expires_on", "2024-05-01"}});
    v1_ = Vehicle("蒙H·00001", "gacha_doctor", a_, a_farm_, d1, "available");
    v2_ = Vehicle("蒙H·00002", "police", b_, b_past_, d2, "available");  // on t4, still under way
    Vehicle("蒙H·00003", "public", a_, a_past_, "", "unavailable");
    const std::string ambulance = Vehicle("蒙H·00120", "ambulance", a_, "", "", "available");
    Leg(t1_, v1_, d1, "2024-03-10T02:05:00Z", "2024-03-10T02:20:00Z");        // 0.25 h
    Leg(t2_, v1_, d1, "2024-03-11T02:05:00Z", "2024-03-11T02:35:00Z");        // 0.5 h
    const std::string leg_b = Leg(t4_, v2_, d2, "2024-05-02T02:05:00Z", "");  // not arrived
    Leg(t1_, ambulance, "", "2024-03-10T02:18:00Z", "2024-03-10T02:50:00Z");

    const std::string team_a = Put(
        "teams", {{"name", "甲镇卫生院应急队"}, {"team_level", "township"}, {"township_id", a_}});
    const std::string squad =
        Put("teams", {{"name", "旗应急分队"}, {"team_level", "banner_squad"}});
    const std::string unit_a =
        Put("units", {{"team_id", team_a}, {"unit_kind", "emergency_medical_rescue"}});
    const std::string unit_s =
        Put("units", {{"team_id", squad}, {"unit_kind", "epidemic_prevention"}});
    const std::string m1 = Member(team_a, "一号", "2025-01-01");
    const std::string m2 = Member(team_a, "二号", "2024-06-29");  // lapses within the half
    const std::string m3 = Member(squad, "三号", "2026-01-01");
    const std::string m4 = Member(squad, "四号", "2026-01-01");
    Put("posts",
        {{"unit_id", unit_a}, {"name", "现场救治"}, {"holder_a_id", m1}, {"holder_b_id", m2}});
    Put("posts", {{"unit_id", unit_a}, {"name", "转运"}, {"holder_a_id", m1}});
    Put("posts", {{"unit_id", unit_s}, {"name", "消杀"}, {"holder_a_id", m3}, {"holder_b_id", m4}});

    const std::string assessed = Training(team_a, "training_assessment", "2024-02-01", "", "");
    Put("training_participants",
        {{"training_id", assessed}, {"member_id", m1}, {"result", "passed"}});
    Put("training_participants",
        {{"training_id", assessed}, {"member_id", m2}, {"result", "failed"}});
    Put("training_participants",
        {{"training_id", assessed}, {"member_id", m1}, {"result", "absent"}});
    Training(team_a, "tabletop", "2024-05-01", "", "");
    Training(team_a, "drill", "2024-06-01", "评估良好", "补充担架");
    Training(squad, "training_assessment", "2024-07-10", "", "");
    Training(squad, "drill", "2024-03-01", "评估", "");  // no corrective actions written

    Put("conflicts", {{"conflict_kind", "concurrent_edit"},
                      {"detected_at", "2024-07-01T00:00:00Z"},
                      {"table_name", "transports"},
                      {"record_id", t2_},
                      {"field_name", "patient_name"}});
    // A conflict about a leg belongs to its transport's township.
    Put("conflicts", {{"conflict_kind", "concurrent_edit"},
                      {"detected_at", "2024-07-01T00:00:00Z"},
                      {"table_name", "transport_legs"},
                      {"record_id", leg_b},
                      {"field_name", "crew"}});
  }

  std::string Put(const std::string& table, const nlohmann::json& fields) {
    edge::PutError errors;
    auto id = store_->Put(table, fields, &errors);
    EXPECT_TRUE(id.ok()) << table << ": " << id.status().message() << " " << fields.dump();
    return id.ok() ? id.value() : "";
  }

  std::string Transport(const std::string& gacha, const std::string& call,
                        std::optional<int> contact_min, std::optional<int> arrive_min,
                        const std::string& state) {
    nlohmann::json fields = {{"call_received_at", call}, {"transport_state", state}};
    if (!gacha.empty()) fields["pickup_gacha_id"] = gacha;
    const int64_t call_s = *ParseTimeSeconds(call);
    if (contact_min) fields["first_contact_at"] = FormatUtcTime(call_s + *contact_min * 60);
    if (arrive_min) fields["arrived_destination_at"] = FormatUtcTime(call_s + *arrive_min * 60);
    return Put("transports", fields);
  }

  std::string Vehicle(const std::string& plate, const std::string& category,
                      const std::string& township, const std::string& gacha,
                      const std::string& driver, const std::string& status) {
    nlohmann::json fields = {{"plate", plate},
                             {"owner_category", category},
                             {"phone", "13900000000"},
                             {"township_id", township},
                             {"status", status}};
    if (!gacha.empty()) fields["home_gacha_id"] = gacha;
    if (!driver.empty()) fields["driver_id"] = driver;
    return Put("vehicles", fields);
  }

  std::string Leg(const std::string& transport, const std::string& vehicle,
                  const std::string& driver, const std::string& departed,
                  const std::string& arrived) {
    nlohmann::json fields = {
        {"transport_id", transport}, {"vehicle_id", vehicle}, {"departed_at", departed}};
    if (!driver.empty()) fields["driver_id"] = driver;
    if (!arrived.empty()) fields["arrived_at"] = arrived;
    return Put("transport_legs", fields);
  }

  std::string Member(const std::string& team, const std::string& name, const std::string& expires) {
    return Put("members", {{"team_id", team}, {"name", name}, {"training_expires_on", expires}});
  }

  std::string Training(const std::string& team, const std::string& kind, const std::string& day,
                       const std::string& evaluation, const std::string& actions) {
    nlohmann::json fields = {{"team_id", team}, {"training_kind", kind}, {"held_on", day}};
    if (!evaluation.empty()) fields["evaluation"] = evaluation;
    if (!actions.empty()) fields["corrective_actions"] = actions;
    return Put("trainings", fields);
  }

  // The report of a period and --township, as relay-cli prints it.
  nlohmann::json ReportOf(const std::string& period_text, const std::string& township = "") {
    auto db = sql::Database::Open(dir_.File("county.db"));
    EXPECT_TRUE(db.ok());
    auto data = LoadReportData(*db.value());
    EXPECT_TRUE(data.ok()) << data.status().message();
    auto period = ParsePeriod(period_text);
    EXPECT_TRUE(period.ok()) << period.status().message();
    auto scope = ResolveScope(data.value(), township);
    EXPECT_TRUE(scope.ok()) << scope.status().message();
    return ReportJson(BuildReport(data.value(), period.value(), scope.value(), kNow));
  }

  // The row of a table whose first name column holds name.
  static nlohmann::json RowNamed(const nlohmann::json& rows, const std::string& column,
                                 const std::string& name) {
    for (const auto& row : rows) {
      if (row.value(column, "") == name) return row;
    }
    ADD_FAILURE() << "no row " << name << " in " << rows.dump();
    return {};
  }

  testing::TempDir dir_;
  ManualClock clock_{kNow};
  std::unique_ptr<edge::LocalStore> store_;
  std::string a_, b_, a_farm_, a_past_, b_past_, b_empty_, t1_, t2_, t3_, t4_, t6_, v1_, v2_;
};

const nlohmann::json kNoData = nullptr;

TEST_F(ReportTest, RescueCircleOfTheHalfYearByHand) {
  const auto rescue = ReportOf("2024-H1")["sections"]["rescue_circle"];
  EXPECT_EQ(rescue["transports"], 6);  // seven in the half, less the one archived
  EXPECT_EQ(rescue["met"], 3);
  EXPECT_EQ(rescue["missed"], 1);
  EXPECT_EQ(rescue["no_data"], 2);  // no contact time; no gacha to tell the target
  EXPECT_EQ(rescue["met_share"],
            (nlohmann::json{{"value", 0.75}, {"target", 1.0}, {"status", "not_met"}}));
  // Contacts 10, 20, 30, 40, 45 min; destinations 30, 50, 60, 70, 100 min.
  EXPECT_EQ(rescue["contact_median_minutes"], 30.0);
  EXPECT_EQ(rescue["contact_p90_minutes"], 43.0);  // 40 + 0.6 × (45 − 40)
  EXPECT_EQ(rescue["destination_median_minutes"], 60.0);
  EXPECT_EQ(rescue["destination_p90_minutes"], 88.0);  // 70 + 0.6 × (100 − 70)
  EXPECT_EQ(rescue["handoffs"], 2);
  EXPECT_EQ(rescue["carrier_wait_median_minutes"], 4.0);   // waits 8 and 0
  EXPECT_EQ(rescue["receiver_wait_median_minutes"], 2.5);  // waits 0 and 5
  EXPECT_EQ(rescue["tables"]["delay_reasons"],
            (nlohmann::json{{{"reason", "路况差"}, {"handoffs", 1}}}));
}

TEST_F(ReportTest, ATownshipWithNothingToJudgeShowsNoDataNeverZero) {
  const auto by_township =
      ReportOf("2024-H1")["sections"]["rescue_circle"]["tables"]["by_township"];
  const auto a = RowNamed(by_township, "township", "甲镇");
  EXPECT_EQ(a["id"], a_);
  EXPECT_EQ(a["transports"], 4);
  EXPECT_EQ(a["met_share"]["value"], 0.75);
  const auto b = RowNamed(by_township, "township", "乙苏木");
  EXPECT_EQ(b["transports"], 1);
  EXPECT_EQ(b["no_data"], 1);
  EXPECT_EQ(b["met_share"],
            (nlohmann::json{{"value", kNoData}, {"target", 1.0}, {"status", "no_data"}}));
  EXPECT_EQ(b["contact_median_minutes"], kNoData);
}

TEST_F(ReportTest, MonthlyComplianceAndAreaTypes) {
  const auto tables = ReportOf("2024-H1")["sections"]["rescue_circle"]["tables"];
  const auto months = tables["compliance_by_month"];
  ASSERT_EQ(months.size(), 6u);
  EXPECT_EQ(months[0]["month"], "2024-01");
  EXPECT_EQ(months[0][a_]["value"], 1.0);
  EXPECT_EQ(months[1][a_]["status"], "no_data");  // February: nothing
  EXPECT_EQ(months[2][a_]["value"], 0.5);         // March: one met, one missed
  EXPECT_EQ(months[4][a_]["value"], 1.0);         // May
  EXPECT_EQ(months[4][b_]["status"], "no_data");
  const auto farming = RowNamed(tables["by_area_type"], "area_type", "农区");
  EXPECT_EQ(farming["met"], 2);
  EXPECT_EQ(farming["missed"], 1);
  const auto unknown = RowNamed(tables["by_area_type"], "area_type", "未知");
  EXPECT_EQ(unknown["no_data"], 1);
}

TEST_F(ReportTest, PeriodsFollowBeijingDays) {
  EXPECT_EQ(ReportOf("2024-Q3")["sections"]["rescue_circle"]["transports"], 1);
  EXPECT_EQ(ReportOf("2024-Q2")["sections"]["rescue_circle"]["transports"], 3);
  EXPECT_EQ(ReportOf("2024-Q1")["sections"]["rescue_circle"]["transports"], 3);
  EXPECT_EQ(ReportOf("2023")["sections"]["rescue_circle"]["transports"], 0);
  EXPECT_EQ(ReportOf("2024-03-10..2024-03-10")["sections"]["rescue_circle"]["transports"], 1);
  EXPECT_EQ(ReportOf("2024-Q1-Q3")["sections"]["rescue_circle"]["transports"], 7);
}

TEST_F(ReportTest, ATownshipsReportHoldsItsOwnOnly) {
  const auto report = ReportOf("2024-H1", "B1");
  EXPECT_EQ(report["scope"], "township");
  EXPECT_EQ(report["township"]["name"], "乙苏木");
  const auto rescue = report["sections"]["rescue_circle"];
  EXPECT_EQ(rescue["transports"], 1);
  EXPECT_EQ(rescue["met_share"]["status"], "no_data");
  EXPECT_EQ(rescue["tables"]["by_township"].size(), 1u);
  EXPECT_EQ(report["sections"]["vehicles"]["registered"], 1);
  EXPECT_EQ(report["sections"]["teams"]["teams"], 0);
  EXPECT_EQ(report["sections"]["teams"]["health_centre_team_coverage"]["value"], 0.0);
  EXPECT_EQ(ReportOf("2024-H1", "甲镇")["sections"]["teams"]["teams"], 1);
}

TEST_F(ReportTest, VolunteerVehiclesAndTheirService) {
  const auto vehicles = ReportOf("2024-H1")["sections"]["vehicles"];
  EXPECT_EQ(vehicles["registered"], 3);  // the ambulance is the station's, counted apart
  EXPECT_EQ(vehicles["ambulances"], 1);
  EXPECT_EQ(vehicles["with_trained_driver"], 1);  // the other driver's lapsed in May
  EXPECT_EQ(vehicles["available_now"], 1);        // one unavailable, one still on a leg
  EXPECT_EQ(vehicles["gachas_without_vehicle"]["value"], 1);
  EXPECT_EQ(vehicles["gacha_coverage"]["value"], 0.75);
  EXPECT_EQ(vehicles["vehicles_served"], 2);
  const auto service = vehicles["tables"]["service_by_vehicle"];
  const auto v1 = RowNamed(service, "plate", "蒙H·00001");
  EXPECT_EQ(v1["id"], v1_);
  EXPECT_EQ(v1["trips"], 2);
  EXPECT_EQ(v1["legs"], 2);
  EXPECT_EQ(v1["hours"], 0.75);
  EXPECT_EQ(v1["driver"], "巴特尔");
  EXPECT_EQ(RowNamed(service, "plate", "蒙H·00002")["hours"], kNoData);  // never arrived
  const auto police =
      RowNamed(vehicles["tables"]["by_owner_category"], "owner_category", "派出所警车");
  EXPECT_EQ(police["registered"], 1);
  EXPECT_EQ(police["trained_driver_share"]["value"], 0.0);
}

TEST_F(ReportTest, TeamsPostsAndTraining) {
  const auto sections = ReportOf("2024-H1")["sections"];
  const auto teams = sections["teams"];
  EXPECT_EQ(teams["teams"], 2);
  EXPECT_EQ(teams["posts"], 3);
  EXPECT_EQ(teams["posts_held_ab"], 2);
  EXPECT_EQ(teams["members_trained"], 3);  // one lapsed the day before the half ended
  EXPECT_EQ(teams["trained_share"]["value"], 0.75);
  EXPECT_EQ(teams["health_centres_with_team"], 1);
  EXPECT_EQ(teams["health_centre_team_coverage"]["value"], 0.5);

  const auto training = sections["training"];
  EXPECT_EQ(training["trainings"], 2);
  EXPECT_EQ(training["assessed"], 2);  // the absent one is not assessed
  EXPECT_EQ(training["pass_rate"]["value"], 0.5);
  EXPECT_EQ(training["drills"], 2);
  EXPECT_EQ(training["drills_reviewed_share"]["value"], 0.5);
  EXPECT_EQ(training["teams_meeting_training_target"]["value"], 0.5);
  EXPECT_EQ(training["teams_meeting_drill_target"]["value"], 1.0);
  const auto township_team = RowNamed(training["tables"]["by_team"], "team", "甲镇卫生院应急队");
  EXPECT_EQ(township_team["trainings"],
            (nlohmann::json{{"value", 2}, {"target", 1}, {"status", "met"}}));  // half of 2 a year
  const auto squad_year =
      RowNamed(ReportOf("2024")["sections"]["training"]["tables"]["by_team"], "team", "旗应急分队");
  EXPECT_EQ(squad_year["trainings"],
            (nlohmann::json{{"value", 1}, {"target", 2}, {"status", "not_met"}}));
}

// Pulls another laptop's vehicle of 乙苏木, its last change ten days old.
void PullOtherLaptopsVehicle(edge::LocalStore& store, const std::string& township) {
  const HlcTimestamp ten_days_ago{kNow - 10 * 86'400'000, 0};
  PullResponse batch;
  batch.server_id = "01890a5d-0000-7000-8000-0000000000aa";
  batch.next_cursor = 2;
  for (const auto& [field, value] : std::vector<std::pair<std::string, nlohmann::json>>{
           {"plate", "蒙H·00009"}, {"township_id", township}}) {
    batch.changes.push_back({1, Change{"vehicles",
                                       "01890a5d-ac96-774b-bcce-b302099a8099",
                                       field,
                                       value,
                                       ten_days_ago,
                                       "01890a5d-0000-7000-8000-00000000000b",
                                       {},
                                       {}}});
  }
  ASSERT_TRUE(store.ApplyPulled(batch).ok());
}

TEST_F(ReportTest, DataHealth) {
  PullOtherLaptopsVehicle(*store_, b_);
  const auto health = ReportOf("2024-H1")["sections"]["data_health"];
  EXPECT_EQ(health["transports_open_over_24h"]["value"], 1);
  EXPECT_EQ(health["open_conflicts"]["value"], 2);
  EXPECT_EQ(health["laptops"], 2);  // this one, never enrolled (the banner's), and the other
  EXPECT_EQ(health["laptops_quiet_7_days"]["value"], 1);
  const auto a = RowNamed(health["tables"]["by_township"], "township", "甲镇");
  EXPECT_EQ(a["open_conflicts"]["value"], 1);  // about a transport of 甲镇
  EXPECT_EQ(a["laptops"], 0);
  EXPECT_EQ(a["laptops_quiet_7_days"]["status"], "no_data");  // no laptop is no sign of health
  EXPECT_EQ(a["newest_change"], "—");
  const auto b = RowNamed(health["tables"]["by_township"], "township", "乙苏木");
  EXPECT_EQ(b["transports_open_over_24h"]["value"], 1);
  EXPECT_EQ(b["open_conflicts"]["value"], 1);  // about a leg of its transport
  EXPECT_EQ(b["laptops"], 1);
  EXPECT_EQ(b["laptops_quiet_7_days"]["value"], 1);
  EXPECT_EQ(b["newest_change"], "2024-07-05");
  const auto other = RowNamed(health["tables"]["laptops"], "township", "乙苏木");
  EXPECT_EQ(other["id"], "01890a5d-0000-7000-8000-00000000000b");
  EXPECT_EQ(other["newest_change"], "2024-07-05");
  EXPECT_EQ(other["days_quiet"],
            (nlohmann::json{{"value", 10}, {"target", 7}, {"status", "not_met"}}));
  const auto banner = RowNamed(health["tables"]["by_township"], "township", "旗级/未归属");
  EXPECT_EQ(banner["laptops"], 1);
  EXPECT_EQ(banner["newest_change"], "2024-07-15");
}

// With the county's list of enrolled laptops: the other laptop synced a day ago though its
// newest change is ten days old, so it is not quiet; a third laptop of 甲镇 never sent a change;
// a revoked one is left out; set-aside counts are summed over the laptops that told.
TEST_F(ReportTest, DataHealthTakesLastSyncsAndSetAsideFromTheCountysList) {
  PullOtherLaptopsVehicle(*store_, b_);
  const std::string other = "01890a5d-0000-7000-8000-00000000000b";
  const std::string quiet_one = "01890a5d-0000-7000-8000-00000000000c";
  const std::string revoked = "01890a5d-0000-7000-8000-00000000000d";
  ASSERT_TRUE(store_
                  ->RecordLaptops(
                      {{other, b_, "clinic", kNow - 30 * kDayMs, kNow - kDayMs, 3, 0},
                       {quiet_one, a_, "clinic", kNow - 30 * kDayMs, kNow - 8 * kDayMs - 1, 0, 0},
                       {revoked, a_, "clinic", kNow - 30 * kDayMs, 0, 9, kNow}})
                  .ok());
  const auto health = ReportOf("2024-H1")["sections"]["data_health"];
  EXPECT_EQ(health["laptops"], 3);                        // this one, the other, the quiet one
  EXPECT_EQ(health["laptops_quiet_7_days"]["value"], 1);  // the quiet one
  EXPECT_EQ(health["set_aside"],
            (nlohmann::json{{"value", 3}, {"target", 0}, {"status", "not_met"}}));
  const auto b = RowNamed(health["tables"]["laptops"], "township", "乙苏木");
  EXPECT_EQ(b["id"], other);
  EXPECT_EQ(b["last_sync"], "2024-07-14");
  EXPECT_EQ(b["newest_change"], "2024-07-05");
  EXPECT_EQ(b["days_quiet"]["value"], 1);
  EXPECT_EQ(b["set_aside"]["value"], 3);
  const auto a = RowNamed(health["tables"]["laptops"], "township", "甲镇");
  EXPECT_EQ(a["id"], quiet_one);
  EXPECT_EQ(a["newest_change"], "—");
  EXPECT_EQ(a["days_quiet"], (nlohmann::json{{"value", 8}, {"target", 7}, {"status", "not_met"}}));
  EXPECT_EQ(a["set_aside"], (nlohmann::json{{"value", 0}, {"target", 0}, {"status", "met"}}));
  const auto township_a = RowNamed(health["tables"]["by_township"], "township", "甲镇");
  EXPECT_EQ(township_a["laptops"], 1);
  EXPECT_EQ(township_a["set_aside"]["value"], 0);
  for (const auto& row : health["tables"]["laptops"])
    EXPECT_NE(row["id"], revoked);
}

// A laptop's database from before laptops_seen (so with its stamps in field_state) learns its
// laptops from the merged data.
TEST_F(ReportTest, ADatabaseFromBeforeLaptopsSeenIsFilledWhenOpened) {
  PullOtherLaptopsVehicle(*store_, b_);
  const auto before = ReportOf("2024-H1")["sections"]["data_health"];
  store_.reset();
  {
    auto db = sql::Database::Open(dir_.File("county.db")).value();
    testing::ToFieldStateLayout(*db);
    ASSERT_TRUE(db->Execute("DROP TABLE laptops_seen").ok());
  }
  store_ = edge::LocalStore::Open(dir_.File("county.db"), clock_).value();
  const auto after = ReportOf("2024-H1")["sections"]["data_health"];
  EXPECT_EQ(after["laptops"], 2);
  EXPECT_EQ(after["tables"]["by_township"], before["tables"]["by_township"]);
}

// An archived gacha keeps its transports in their township, and gets no row of its own.
TEST_F(ReportTest, AnArchivedGachaKeepsItsHistory) {
  Put("gachas", {{"id", a_past_}, {"archived", true}});
  const auto rescue = ReportOf("2024-H1")["sections"]["rescue_circle"];
  const auto a = RowNamed(rescue["tables"]["by_township"], "township", "甲镇");
  EXPECT_EQ(a["transports"], 4);
  EXPECT_EQ(a["met"], 3);  // 甲牧's pastoral hour still judges its transport
  for (const auto& row : rescue["tables"]["by_gacha"])
    EXPECT_NE(row["gacha"], "甲牧");
  const auto vehicles = ReportOf("2024-H1")["sections"]["vehicles"];
  EXPECT_EQ(vehicles["gacha_coverage"]["value"], 0.6667);  // 3 gachas left, one bare
}

TEST_F(ReportTest, AnUnknownTownshipIsRefusedNamingTheArgument) {
  auto db = sql::Database::Open(dir_.File("county.db"));
  auto data = LoadReportData(*db.value());
  ASSERT_TRUE(data.ok());
  auto scope = ResolveScope(data.value(), "Z9");
  ASSERT_FALSE(scope.ok());
  EXPECT_EQ(scope.status().kind(), ErrorKind::kInvalid);
  EXPECT_EQ(scope.status().message(), "--township Z9: no township has this code, name or id");
}

TEST(Period, TheCommissionsCadenceInBeijingDays) {
  auto half = ParsePeriod("2024-H1").value();
  EXPECT_EQ(half.from, "2024-01-01");
  EXPECT_EQ(half.to, "2024-06-30");
  EXPECT_EQ(half.begin_ms, 1'704'038'400'000);  // 2023-12-31T16:00:00Z
  EXPECT_EQ(half.Months().size(), 6u);
  EXPECT_EQ(ParsePeriod("2024-H2").value().from, "2024-07-01");
  auto three = ParsePeriod("2024-Q1-Q3").value();
  EXPECT_EQ(three.to, "2024-09-30");
  EXPECT_EQ(ParsePeriod("2024-Q4").value().to, "2024-12-31");
  EXPECT_EQ(ParsePeriod("2024-Q1").value().to, "2024-03-31");
  EXPECT_EQ(ParsePeriod("2024").value().Months().back(), "2024-12");
  auto days = ParsePeriod("2024-02-28..2024-03-01").value();
  EXPECT_EQ(days.end_ms - days.begin_ms, 3 * 86'400'000);  // a leap year
  EXPECT_EQ(BeijingDay(1'719'766'800'000), "2024-07-01");  // 2024-06-30T17:00:00Z
}

TEST(Period, AnythingElseIsRefusedWithTheRule) {
  for (const char* text :
       {"2024-Q5", "2024-H3", "24", "2024-q1", "", "2024-Q3-Q1", "2024-02-30..2024-03-01",
        "2024-05-01..2024-04-01", "1900", "2024-01-01..", "2024-H1 "}) {
    auto period = ParsePeriod(text);
    ASSERT_FALSE(period.ok()) << text;
    EXPECT_EQ(period.status().kind(), ErrorKind::kInvalid);
    EXPECT_EQ(period.status().message().rfind(std::string("--period ") + text + ": ", 0), 0u)
        << period.status().message();
  }
}

}  // namespace
}  // namespace relay::report
