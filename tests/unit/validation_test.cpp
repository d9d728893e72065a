#include "relay/validation.h"

#include <gtest/gtest.h>

#include "relay/text.h"

namespace relay {
namespace {

const TableSpec& Vehicles() {
  return *FindTable("vehicles");
}

nlohmann::json ValidVehicle() {
  return {{"plate", "蒙H·12345"}, {"owner_category", "gacha_doctor"}, {"phone", "13800000000"}};
}

const FieldError* ErrorFor(const RecordCheck& check, const std::string& field) {
  for (const auto& error : check.errors) {
    if (error.field == field) return &error;
  }
  return nullptr;
}

TEST(Plate, NormalisesCommonWritings) {
  EXPECT_EQ(NormalizePlate("蒙H·12345"), "蒙H·12345");
  EXPECT_EQ(NormalizePlate("蒙H12345"), "蒙H·12345");
  EXPECT_EQ(NormalizePlate(" 蒙h-a1234 "), "蒙H·A1234");
  EXPECT_EQ(NormalizePlate("蒙H•D12345"), "蒙H·D12345");  // new-energy plates have six
  EXPECT_EQ(NormalizePlate("蒙H1234警"), "蒙H·1234警");
}

TEST(Plate, RefusesWhatIsNotAPlate) {
  EXPECT_FALSE(NormalizePlate(""));
  EXPECT_FALSE(NormalizePlate("H12345"));      // no province
  EXPECT_FALSE(NormalizePlate("蒙12345"));     // no authority letter
  EXPECT_FALSE(NormalizePlate("蒙H1234"));     // too short
  EXPECT_FALSE(NormalizePlate("蒙H1234567"));  // too long
  EXPECT_FALSE(NormalizePlate("蒙H12 345"));   // space inside the serial
  EXPECT_FALSE(NormalizePlate("美H12345"));    // not a province
}

TEST(MobilePhone, NormalisesAndRefuses) {
  EXPECT_EQ(NormalizeMobilePhone("13800000000"), "13800000000");
  EXPECT_EQ(NormalizeMobilePhone("+86 138-0000-0000"), "13800000000");
  EXPECT_FALSE(NormalizeMobilePhone("1380000000"));    // ten digits
  EXPECT_FALSE(NormalizeMobilePhone("12800000000"));   // 12x is not a mobile prefix
  EXPECT_FALSE(NormalizeMobilePhone("0471-1234567"));  // a landline
  EXPECT_FALSE(NormalizeMobilePhone("138OOOOOOOO"));
}

TEST(Utf8Length, CountsCodePointsAndRefusesBrokenText) {
  EXPECT_EQ(Utf8Length("蒙H"), 2u);
  EXPECT_EQ(Utf8Length("𠀀"), 1u);           // a rare character outside the BMP
  EXPECT_FALSE(Utf8Length("\xe8\x92"));      // truncated
  EXPECT_FALSE(Utf8Length("\xc0\xaf"));      // overlong
  EXPECT_FALSE(Utf8Length("\xed\xa0\x80"));  // a surrogate
}

TEST(ValidateRecord, AcceptsAndNormalisesAValidVehicle) {
  auto fields = ValidVehicle();
  fields["plate"] = "蒙H12345";
  fields["seats"] = 5;
  const auto check = ValidateRecord(Vehicles(), fields, true);
  ASSERT_TRUE(check.ok()) << check.errors.front().ToString();
  EXPECT_EQ(check.fields["plate"], "蒙H·12345");
}

TEST(ValidateRecord, NamesTheFieldAndTheRule) {
  struct Case {
    std::string field;
    nlohmann::json value;
    std::string rule;
  };
  const std::vector<Case> cases = {
      {"plate", "ABC", "plate"},
      {"plate", 12345, "type"},
      {"phone", "123", "mobile_phone"},
      {"owner_category", "tractor", "choice"},
      {"seats", 0, "range"},
      {"seats", 61, "range"},
      {"seats", "five", "type"},
      {"archived", "yes", "type"},
      {"note", std::string(501, 'x'), "max_length"},
      {"colour", "red", "unknown_field"},
  };
  for (const auto& c : cases) {
    auto fields = ValidVehicle();
    fields[c.field] = c.value;
    const auto check = ValidateRecord(Vehicles(), fields, true);
    const FieldError* error = ErrorFor(check, c.field);
    ASSERT_NE(error, nullptr) << c.field << " = " << c.value.dump();
    EXPECT_EQ(error->rule, c.rule) << c.field;
    EXPECT_NE(error->ToString().find(c.field), std::string::npos);
  }
}

TEST(ValidateRecord, CreationNeedsEveryRequiredFieldButAnUpdateDoesNot) {
  const nlohmann::json only_phone = {{"phone", "13900000000"}};
  const auto create = ValidateRecord(Vehicles(), only_phone, true);
  ASSERT_NE(ErrorFor(create, "plate"), nullptr);
  EXPECT_EQ(ErrorFor(create, "plate")->rule, "required");
  EXPECT_NE(ErrorFor(create, "owner_category"), nullptr);
  EXPECT_TRUE(ValidateRecord(Vehicles(), only_phone, false).ok());
}

TEST(ValidateRecord, NullClearsOptionalFieldsOnly) {
  EXPECT_TRUE(ValidateRecord(Vehicles(), {{"note", nullptr}}, false).ok());
  const auto check = ValidateRecord(Vehicles(), {{"plate", nullptr}}, false);
  ASSERT_NE(ErrorFor(check, "plate"), nullptr);
  EXPECT_EQ(ErrorFor(check, "plate")->rule, "required");
}

}  // namespace
}  // namespace relay
