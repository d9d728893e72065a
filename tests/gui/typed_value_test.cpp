#include "ui/model/typed_value.h"

#include <gtest/gtest.h>

namespace relay::edge::ui {
namespace {

const FieldSpec& VehicleField(const char* name) {
  return *FindTable("vehicles")->Field(name);
}

// 2024-09-14 10:30 Beijing time.
constexpr int64_t kNow = int64_t{1726281000} * 1000;

class TypedValueTest : public ::testing::Test {
 protected:
  Translations zh_ = Translations::Load(RELAY_ASSETS_DIR, Language::kZh).value();
  Translations en_ = Translations::Load(RELAY_ASSETS_DIR, Language::kEn).value();
};

TEST_F(TypedValueTest, AnIntegerFieldTakesAWholeNumber) {
  EXPECT_EQ(ValueFromTyped(VehicleField("seats"), " 7 ", zh_, kNow), 7);
  EXPECT_EQ(ValueFromTyped(VehicleField("seats"), "-3", zh_, kNow), -3);
  // Not a number: sent as typed, for the field's rule to refuse by name.
  EXPECT_EQ(ValueFromTyped(VehicleField("seats"), "7座", zh_, kNow), "7座");
}

TEST_F(TypedValueTest, ABooleanTakesTrueFalseOrTheWordsShownForThem) {
  EXPECT_EQ(ValueFromTyped(VehicleField("four_wd"), "true", zh_, kNow), true);
  EXPECT_EQ(ValueFromTyped(VehicleField("four_wd"), "false", en_, kNow), false);
  EXPECT_EQ(ValueFromTyped(VehicleField("four_wd"), "是", zh_, kNow), true);
  EXPECT_EQ(ValueFromTyped(VehicleField("four_wd"), "No", en_, kNow), false);
  EXPECT_EQ(ValueFromTyped(VehicleField("four_wd"), "maybe", en_, kNow), "maybe");
}

TEST_F(TypedValueTest, AChoiceTakesItsValueOrItsWords) {
  EXPECT_EQ(ValueFromTyped(VehicleField("status"), "on_task", en_, kNow), "on_task");
  EXPECT_EQ(ValueFromTyped(VehicleField("status"), "执行任务中", zh_, kNow), "on_task");
  EXPECT_EQ(ValueFromTyped(VehicleField("status"), "Available", en_, kNow), "available");
}

TEST_F(TypedValueTest, ATimeIsTypedInBeijingTimeAndTextIsTrimmed) {
  EXPECT_EQ(ValueFromTyped(VehicleField("status_set_at"), "2024-09-14 10:20", zh_, kNow),
            "2024-09-14T02:20:00Z");
  // "10:20" is the most recent 10:20: ten minutes ago.
  EXPECT_EQ(ValueFromTyped(VehicleField("status_set_at"), "10:20", zh_, kNow),
            "2024-09-14T02:20:00Z");
  EXPECT_EQ(ValueFromTyped(VehicleField("note"), "  后排可放担架 ", zh_, kNow), "后排可放担架");
  EXPECT_EQ(ValueFromTyped(VehicleField("plate"), "蒙h 88a12", zh_, kNow), "蒙h 88a12");
}

TEST_F(TypedValueTest, NothingTypedClearsTheField) {
  EXPECT_TRUE(ValueFromTyped(VehicleField("note"), "   ", zh_, kNow).is_null());
  EXPECT_TRUE(ValueFromTyped(VehicleField("seats"), "", zh_, kNow).is_null());
}

}  // namespace
}  // namespace relay::edge::ui
