#pragma once

#include <vector>

#include <nlohmann/json.hpp>

namespace relay::testing {

// Volunteer vehicles of one banner as a township clinic would register them; used by the GUI
// tests and for the screenshots in docs/.
inline std::vector<nlohmann::json> DemoVehicles() {
  return {
      {{"plate", "蒙H·A3721"},
       {"owner_category", "gacha_doctor"},
       {"phone", "13904791234"},
       {"township", "明安图镇"},
       {"home_gacha", "巴音嘎查"},
       {"seats", 5},
       {"status", "available"},
       {"note", "村医乌日娜的车，常年备有担架"}},
      {{"plate", "蒙H·D6F08"},
       {"owner_category", "mobile_clinic"},
       {"phone", "13847912345"},
       {"township", "星耀镇"},
       {"seats", 7},
       {"status", "on_task"}},
      {{"plate", "蒙H·31552"},
       {"owner_category", "gacha_committee"},
       {"phone", "15004798765"},
       {"township", "伊和淖尔苏木"},
       {"home_gacha", "宝力根嘎查"},
       {"seats", 5},
       {"status", "available"}},
      {{"plate", "蒙H·0237警"},
       {"owner_category", "police"},
       {"phone", "13514790011"},
       {"township", "明安图镇"},
       {"seats", 5},
       {"status", "available"}},
      {{"plate", "蒙H·K8812"},
       {"owner_category", "cadre"},
       {"phone", "18647923456"},
       {"township", "乌兰察布苏木"},
       {"home_gacha", "哈夏图嘎查"},
       {"seats", 5},
       {"status", "unavailable"},
       {"note", "冬季道路封闭时不可用"}},
      {{"plate", "蒙H·77F19"},
       {"owner_category", "public"},
       {"phone", "15947934567"},
       {"township", "星耀镇"},
       {"home_gacha", "阿拉坦嘎查"},
       {"seats", 7},
       {"status", "available"}},
      {{"plate", "蒙H·120A1"},
       {"owner_category", "ambulance"},
       {"phone", "13304790120"},
       {"township", "明安图镇"},
       {"seats", 4},
       {"status", "available"},
       {"note", "明安图镇中心卫生院急救站"}},
      {{"plate", "蒙H·B2056"},
       {"owner_category", "gacha_doctor"},
       {"phone", "13704791688"},
       {"township", "伊和淖尔苏木"},
       {"home_gacha", "额日和图嘎查"},
       {"seats", 5},
       {"status", "available"},
       {"note", "车主 额尔敦毕力格"}},
  };
}

}  // namespace relay::testing
