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

TEST(Phone, AcceptsMobilesAndLandlinesWithAreaCodes) {
  EXPECT_EQ(NormalizePhone("13800000000"), "13800000000");
  EXPECT_EQ(NormalizePhone("0479-1234567"), "0479-1234567");
  EXPECT_EQ(NormalizePhone("04791234567"), "0479-1234567");
  EXPECT_EQ(NormalizePhone("010 12345678"), "010-12345678");
  EXPECT_FALSE(NormalizePhone("1234567"));     // no area code
  EXPECT_FALSE(NormalizePhone("0479-12345"));  // too short
  EXPECT_FALSE(NormalizePhone("120"));         // a service number is not a callback
}

TEST(Time, ReadsBeijingTimeAndStoresUtc) {
  EXPECT_EQ(NormalizeTime("2024-05-01 10:20"), "2024-05-01T02:20:00Z");
  EXPECT_EQ(NormalizeTime("2024-05-01T10:20:30+08:00"), "2024-05-01T02:20:30Z");
  EXPECT_EQ(NormalizeTime("2024-05-01T02:20:00Z"), "2024-05-01T02:20:00Z");
  EXPECT_EQ(NormalizeTime("2024-03-01 07:00"), "2024-02-29T23:00:00Z");  // a leap day
  EXPECT_EQ(NormalizeTime("2024-01-01 05:00"), "2023-12-31T21:00:00Z");
  EXPECT_FALSE(NormalizeTime("2024-05-01"));
  EXPECT_FALSE(NormalizeTime("2024-02-30 10:00"));
  EXPECT_FALSE(NormalizeTime("2024-05-01 24:00"));
  EXPECT_FALSE(NormalizeTime("10:20"));
  EXPECT_FALSE(NormalizeTime("2024-05-01 10:20 ZZ"));
  EXPECT_EQ(ParseTimeSeconds("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(FormatUtcTime(1714530000), "2024-05-01T02:20:00Z");
}

TEST(Date, AcceptsOnlyRealDays) {
  EXPECT_EQ(NormalizeDate("2024-02-29"), "2024-02-29");
  EXPECT_FALSE(NormalizeDate("2023-02-29"));
  EXPECT_FALSE(NormalizeDate("2024-13-01"));
  EXPECT_FALSE(NormalizeDate("2024-5-1"));
}

TEST(Location, NormalisesDegrees) {
  EXPECT_EQ(NormalizeLocation("42.2984, 115.0025"), "42.298400,115.002500");
  EXPECT_FALSE(NormalizeLocation("91,115"));
  EXPECT_FALSE(NormalizeLocation("42.3"));
  EXPECT_FALSE(NormalizeLocation("42.3,115,7"));
}

TEST(ValidateRecord, EveryTableRefusesRuleBreakingValuesNamingTheRule) {
  const auto* transports = FindTable("transports");
  const auto check = ValidateRecord(*transports,
                                    {{"call_received_at", "yesterday"},
                                     {"callback_phone", "12"},
                                     {"patient_age", 140},
                                     {"pickup_gacha_id", "额日和图"}},
                                    true);
  ASSERT_EQ(check.errors.size(), 4u);
  EXPECT_EQ(ErrorFor(check, "call_received_at")->rule, "time");
  EXPECT_EQ(ErrorFor(check, "callback_phone")->rule, "phone");
  EXPECT_EQ(ErrorFor(check, "patient_age")->rule, "range");
  EXPECT_EQ(ErrorFor(check, "pickup_gacha_id")->rule, "reference");
}

// A JSON integer past 64 signed bits would read as a negative number; it is out of range, not
// a number a field with negative values could take.
TEST(IntegerField, ANumberPast64SignedBitsIsOutOfRange) {
  FieldSpec offset;
  offset.name = "offset";
  offset.type = FieldType::kInteger;
  offset.min = -10;
  offset.max = 10;
  nlohmann::json wraps_to_minus_one = UINT64_MAX;
  const auto error = ValidateField(offset, wraps_to_minus_one);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->rule, "range");
  nlohmann::json minus_one = -1;
  EXPECT_FALSE(ValidateField(offset, minus_one).has_value());
}

}  // namespace
}  // namespace relay
