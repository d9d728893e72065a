#pragma once

#include <map>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "demo_vehicles.h"
#include "relay/edge/local_store.h"
#include "relay/hlc.h"
#include "relay/validation.h"

namespace relay::testing {

// One township clinic's field records — geography, volunteers, the demo vehicles, a banner
// squad with A/B posts (two posts vacant on B), transports with legs and a handoff, training
// and a drill with its participants, two open sync conflicts about vehicles — for the GUI tests
// and the screenshots in docs/. Returns the ids by a short name.
class DemoRecords {
 public:
  explicit DemoRecords(edge::LocalStore& store) : store_(store) {
    Put("mingantu", "townships", {{"name", "明安图镇"}, {"township_kind", "town"}});
    Put("yihe", "townships", {{"name", "伊和淖尔苏木"}, {"township_kind", "sumu"}});
    Put("bayin", "gachas",
        {{"township_id", id("mingantu")}, {"name", "巴音嘎查"}, {"area_type", "farming"}});
    Put("baoligen", "gachas",
        {{"township_id", id("yihe")}, {"name", "宝力根嘎查"}, {"area_type", "pastoral"}});
    Put("oboo", "rendezvous_points",
        {{"gacha_id", id("baoligen")},
         {"name", "宝力根敖包路口"},
         {"landmark", "白色敖包东侧"},
         {"road_type", "gravel"},
         {"location", "42.30,115.00"}});
    Put("station", "stations",
        {{"name", "明安图镇中心卫生院急救站"},
         {"station_kind", "township_station"},
         {"township_id", id("mingantu")},
         {"duty_phone", "0479-7221120"},
         {"ambulances", 1}});
    Put("hospital", "stations",
        {{"name", "正镶白旗医院"}, {"station_kind", "banner_hospital"}, {"ambulances", 3}});
    Put("urina", "volunteers",
        {{"name", "乌日娜"},
         {"phone", "13904791234"},
         {"gacha_id", id("bayin")},
         {"affiliation", "巴音嘎查卫生室"},
         {"first_aid_trained_on", "2024-04-18"},
         {"first_aid_expires_on", "2026-04-18"},
         {"active", true}});
    Put("erdun", "volunteers",
        {{"name", "额尔敦毕力格"},
         {"phone", "13704791688"},
         {"gacha_id", id("baoligen")},
         {"affiliation", "宝力根嘎查两委"},
         {"active", true}});
    for (const auto& vehicle : DemoVehicles()) {
      Put(vehicle.fields["plate"].get<std::string>(), "vehicles",
          vehicle.Record([this](const std::string& key) { return id(key); }));
    }

    Put("squad", "teams", {{"name", "正镶白旗基层卫生应急小分队"}, {"team_level", "banner_squad"}});
    const char* members[][5] = {{"qimuge", "其木格", "急诊科医师", "leader", "2027-12-31"},
                                {"zhang", "张海军", "全科医师", "deputy", "2027-06-30"},
                                {"saren", "萨仁高娃", "护士", "member", "2023-12-31"},
                                {"baogang", "包钢", "疾控医师", "member", "2027-12-31"},
                                {"li", "李秀英", "检验师", "member", "2027-12-31"},
                                {"menghe", "孟和巴雅尔", "药剂师", "member", "2027-12-31"}};
    int phone = 0;
    for (const auto& [key, name, profession, role, expires] : members) {
      Put(key, "members",
          {{"team_id", id("squad")},
           {"name", name},
           {"profession", profession},
           {"phone", "1390479000" + std::to_string(phone++)},
           {"team_role", role},
           {"training_expires_on", expires}});
    }
    Put("rescue", "units", {{"team_id", id("squad")}, {"unit_kind", "emergency_medical_rescue"}});
    Put("epidemic", "units", {{"team_id", id("squad")}, {"unit_kind", "epidemic_prevention"}});
    Put("poison", "units", {{"team_id", id("squad")}, {"unit_kind", "poisoning_response"}});
    Post("rescue", "现场救治", "执业医师", "qimuge", "zhang");
    Post("rescue", "转运监护", "注册护士", "saren", "");
    Post("epidemic", "流行病学调查", "疾控专业人员", "baogang", "li");
    Post("poison", "中毒处置", "", "menghe", "");

    Put("stroke", "transports",
        {{"call_received_at", "2024-09-14 10:20"},
         {"caller_name", "巴特尔"},
         {"callback_phone", "13947901234"},
         {"patient_name", "其其格"},
         {"patient_sex", "female"},
         {"patient_age", 67},
         {"complaint_code", "stroke"},
         {"acuity", "critical"},
         {"pickup_gacha_id", id("baoligen")},
         {"destination_station_id", id("hospital")},
         {"first_contact_at", "2024-09-14 11:02"},
         {"arrived_destination_at", "2024-09-14 12:05"},
         {"disposition", "delivered"},
         {"transport_state", "closed"}});
    Put("leg1", "transport_legs",
        {{"transport_id", id("stroke")},
         {"vehicle_id", id("蒙H·31552")},
         {"driver_id", id("erdun")},
         {"from_place", "宝力根嘎查"},
         {"to_place", "宝力根敖包路口"},
         {"dispatched_at", "2024-09-14 10:24"},
         {"departed_at", "2024-09-14 10:31"},
         {"arrived_at", "2024-09-14 10:55"}});
    Put("leg2", "transport_legs",
        {{"transport_id", id("stroke")},
         {"vehicle_id", id("蒙H·120A1")},
         {"from_place", "明安图镇"},
         {"to_place", "正镶白旗医院"},
         {"dispatched_at", "2024-09-14 10:25"},
         {"departed_at", "2024-09-14 10:28"},
         {"arrived_at", "2024-09-14 12:05"}});
    Put("handoff", "handoffs",
        {{"transport_id", id("stroke")},
         {"rendezvous_point_id", id("oboo")},
         {"planned_at", "2024-09-14 10:55"},
         {"carrier_arrived_at", "2024-09-14 10:55"},
         {"receiver_arrived_at", "2024-09-14 11:02"},
         {"transfer_at", "2024-09-14 11:06"},
         {"handoff_kind", "patient_moved"},
         {"giving_person", "额尔敦毕力格"},
         {"receiving_person", "其木格"},
         {"acuity", "critical"}});
    Put("trauma", "transports",
        {{"call_received_at", "2024-06-12 17:05"},
         {"caller_name", "王桂兰"},
         {"patient_name", "刘强"},
         {"patient_sex", "male"},
         {"patient_age", 41},
         {"complaint_code", "trauma"},
         {"acuity", "urgent"},
         {"pickup_gacha_id", id("bayin")},
         {"destination_station_id", id("station")},
         {"first_contact_at", "2024-06-12 17:41"},
         {"transport_state", "active"}});

    Put("spring", "trainings",
        {{"training_kind", "training_assessment"},
         {"held_on", "2024-04-18"},
         {"hours", 8},
         {"topic", "院前急救与中途对接"},
         {"team_id", id("squad")}});
    Put("drill", "trainings",
        {{"training_kind", "drill"},
         {"held_on", "2024-09-20"},
         {"hours", 4},
         {"topic", "牧区冬季中途对接演练"},
         {"team_id", id("squad")},
         {"evaluation", "对接点到达时间比预案晚 8 分钟"},
         {"corrective_actions", "给嘎查两委车辆配备对讲机"}});
    Put("drill/qimuge", "training_participants",
        {{"training_id", id("drill")}, {"member_id", id("qimuge")}, {"result", "passed"}});
    Put("drill/saren", "training_participants",
        {{"training_id", id("drill")}, {"member_id", id("saren")}, {"result", "absent"}});
    Put("drill/erdun", "training_participants",
        {{"training_id", id("drill")}, {"volunteer_id", id("erdun")}, {"result", "passed"}});

    // Two laptops changed a vehicle offline; the merge kept the later value, which the
    // vehicle holds, and the county server recorded the overwritten one.
    Conflict("conflict/status", "2024-09-14 21:03", "蒙H·D6F08", "status",
             {"\"on_task\"", kStationLaptop, "2024-09-14 20:41"},
             {"\"available\"", kGachaLaptop, "2024-09-14 20:35"});
    Conflict("conflict/seats", "2024-09-15 09:12", "蒙H·31552", "seats",
             {"5", kStationLaptop, "2024-09-15 08:40"}, {"7", kGachaLaptop, "2024-09-14 19:25"});
  }

  // The id of the record stored under a short name ("stroke", "squad", "蒙H·31552").
  const std::string& id(const std::string& key) const { return ids_.at(key); }

 private:
  void Put(const std::string& key, const std::string& table, const nlohmann::json& fields) {
    edge::PutError errors;
    auto id = store_.Put(table, fields, &errors);
    if (!id.ok()) {
      ADD_FAILURE() << table << " " << key << ": " << id.status().message() << " "
                    << errors.Summary();
      ids_[key] = "";
      return;
    }
    ids_[key] = id.value();
  }

  // The device ids of two laptops that write the demo conflicts: the township station's and
  // a gacha clinic's.
  static constexpr const char* kStationLaptop = "0191e7c4-5a10-7b3e-9c41-2f6d8e0a1b57";
  static constexpr const char* kGachaLaptop = "0191e1f0-33a2-7d05-8e9b-6c2a4f1d9e03";

  // One write of a conflict: the value as JSON text, the device and when it wrote it (Beijing).
  struct Write {
    std::string value;
    std::string device;
    std::string at;
  };

  // The clock stamp of a write made at a Beijing time.
  static std::string Stamp(const std::string& beijing_time) {
    const auto seconds = ParseTimeSeconds(NormalizeTime(beijing_time).value_or(""));
    return HlcTimestamp{seconds.value_or(0) * 1000, 0}.ToText();
  }

  void Conflict(const std::string& key, const std::string& detected_at, const std::string& plate,
                const std::string& field, const Write& kept, const Write& lost) {
    Put(key, "conflicts",
        {{"conflict_kind", "concurrent_edit"},
         {"detected_at", detected_at},
         {"table_name", "vehicles"},
         {"record_id", id(plate)},
         {"field_name", field},
         {"kept_value", kept.value},
         {"kept_device", kept.device},
         {"kept_stamp", Stamp(kept.at)},
         {"lost_value", lost.value},
         {"lost_device", lost.device},
         {"lost_stamp", Stamp(lost.at)},
         {"conflict_state", "open"}});
  }

  void Post(const std::string& unit, const std::string& name, const std::string& qualification,
            const std::string& a, const std::string& b) {
    nlohmann::json post = {{"unit_id", id(unit)}, {"name", name}};
    if (!qualification.empty()) post["qualification"] = qualification;
    if (!a.empty()) post["holder_a_id"] = id(a);
    if (!b.empty()) post["holder_b_id"] = id(b);
    Put(unit + "/" + name, "posts", post);
  }

  edge::LocalStore& store_;
  std::map<std::string, std::string> ids_;
};

}  // namespace relay::testing
