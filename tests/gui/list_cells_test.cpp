#include "ui/model/list_cells.h"

#include <gtest/gtest.h>

#include "demo_records.h"
#include "temp_dir.h"

namespace relay::edge::ui {
namespace {

std::vector<std::string> Names(const std::vector<const FieldSpec*>& columns) {
  std::vector<std::string> names;
  for (const FieldSpec* column : columns)
    names.push_back(column->name);
  return names;
}

TEST(ListCellsTest, TransportsAreScannedByCallPatientAndSeverity) {
  EXPECT_EQ(Names(ListColumns(*FindTable("transports"))),
            (std::vector<std::string>{"call_received_at", "patient_name", "complaint_code",
                                      "acuity", "pickup_gacha_id", "transport_state"}));
}

TEST(ListCellsTest, OtherTablesShowTheirFirstShortFields) {
  EXPECT_EQ(Names(ListColumns(*FindTable("vehicles"))),
            (std::vector<std::string>{"plate", "owner_category", "phone", "township_id",
                                      "home_gacha_id"}));
  // Long free text (evaluations) and the archived flag are left to the form.
  for (const auto& table : SchemaTables()) {
    for (const FieldSpec* column : ListColumns(table)) {
      EXPECT_NE(column->name, kArchivedField) << table.name;
      EXPECT_LE(column->max_chars, 200u) << table.name << "." << column->name;
    }
  }
}

TEST(ListCellsTest, CellsReadAsWordsLabelsAndBeijingTime) {
  testing::TempDir dir;
  SystemClock clock;
  auto store = LocalStore::Open(dir.File("edge.db"), clock);
  ASSERT_TRUE(store.ok());
  testing::DemoRecords demo(*store.value());
  GlyphSet glyphs;
  RecordLabels labels(*store.value(), glyphs);
  const auto en = Translations::Load(RELAY_ASSETS_DIR, Language::kEn).value();
  const TableSpec& transports = *FindTable("transports");
  const auto stroke = store.value()->Get("transports", demo.id("stroke")).value();

  auto cell = [&](const char* field) {
    return CellText(*transports.Field(field), stroke, labels, en);
  };
  EXPECT_EQ(cell("call_received_at"), "2024-09-14 10:20");
  EXPECT_EQ(cell("complaint_code"), "Stroke");
  EXPECT_EQ(cell("pickup_gacha_id"), "宝力根嘎查");
  EXPECT_EQ(cell("patient_age"), "67");
  EXPECT_EQ(cell("pickup_point"), "");
  const auto urina = store.value()->Get("volunteers", demo.id("urina")).value();
  EXPECT_EQ(CellText(*FindTable("volunteers")->Field("active"), urina, labels, en), "Yes");
  const TableSpec& vehicles = *FindTable("vehicles");
  const auto vehicle = store.value()->Get("vehicles", demo.id("蒙H·31552")).value();
  EXPECT_EQ(CellText(*vehicles.Field("township_id"), vehicle, labels, en), "伊和淖尔苏木");
  EXPECT_EQ(CellText(*vehicles.Field("home_gacha_id"), vehicle, labels, en), "宝力根嘎查");
  const auto without_gacha = store.value()->Get("vehicles", demo.id("蒙H·0237警")).value();
  EXPECT_EQ(CellText(*vehicles.Field("home_gacha_id"), without_gacha, labels, en), "");
}

}  // namespace
}  // namespace relay::edge::ui
