#pragma once

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace relay::testing {

// A demo vehicle: its fields but the references, and the short names under which DemoRecords
// stores its sumu/town and home gacha ("mingantu", "bayin"; empty for none).
struct DemoVehicle {
  nlohmann::json fields;
  std::string township;
  std::string home_gacha;

  // The record to store: the fields with township_id and home_gacha_id set to the ids that id
  // gives for the short names (those records must be stored first).
  nlohmann::json Record(const std::function<std::string(const std::string&)>& id) const {
    nlohmann::json record = fields;
    if (!township.empty()) record["township_id"] = id(township);
    if (!home_gacha.empty()) record["home_gacha_id"] = id(home_gacha);
    return record;
  }
};

// Volunteer vehicles of one banner as a township clinic would register them, in 明安图镇
// ("mingantu", gacha 巴音嘎查 "bayin") and 伊和淖尔苏木 ("yihe", gacha 宝力根嘎查 "baoligen");
// used by the GUI tests and for the screenshots in docs/. Available now: one in 巴音嘎查, two in
// 宝力根嘎查 and three without a home gacha.
inline std::vector<DemoVehicle> DemoVehicles() {
  return {
      {{{"plate", "蒙H·A3721"},
        {"owner_category", "gacha_doctor"},
        {"phone", "13904791234"},
        {"seats", 5},
        {"status", "available"},
        {"note", "村医乌日娜的车，常年备有担架"}},
       "mingantu",
       "bayin"},
      {{{"plate", "蒙H·D6F08"},
        {"owner_category", "mobile_clinic"},
        {"phone", "13847912345"},
        {"seats", 7},
        {"status", "on_task"}},
       "mingantu",
       ""},
      {{{"plate", "蒙H·31552"},
        {"owner_category", "gacha_committee"},
        {"phone", "15004798765"},
        {"seats", 5},
        {"status", "available"}},
       "yihe",
       "baoligen"},
      {{{"plate", "蒙H·0237警"},
        {"owner_category", "police"},
        {"phone", "13514790011"},
        {"seats", 5},
        {"status", "available"}},
       "mingantu",
       ""},
      {{{"plate", "蒙H·K8812"},
        {"owner_category", "cadre"},
        {"phone", "18647923456"},
        {"seats", 5},
        {"status", "unavailable"},
        {"note", "冬季道路封闭时不可用"}},
       "yihe",
       "baoligen"},
      {{{"plate", "蒙H·77F19"},
        {"owner_category", "public"},
        {"phone", "15947934567"},
        {"seats", 7},
        {"status", "available"}},
       "yihe",
       ""},
      {{{"plate", "蒙H·120A1"},
        {"owner_category", "ambulance"},
        {"phone", "13304790120"},
        {"seats", 4},
        {"status", "available"},
        {"note", "明安图镇中心卫生院急救站"}},
       "mingantu",
       ""},
      {{{"plate", "蒙H·B2056"},
        {"owner_category", "gacha_doctor"},
        {"phone", "13704791688"},
        {"seats", 5},
        {"status", "available"},
        {"note", "车主 额尔敦毕力格"}},
       "yihe",
       "baoligen"},
  };
}

}  // namespace relay::testing
