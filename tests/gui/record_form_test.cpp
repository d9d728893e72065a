#include "ui/model/record_form.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "temp_dir.h"

namespace relay::edge::ui {
namespace {

const TableSpec& Vehicles() {
  return *FindTable("vehicles");
}

class RecordFormTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = LocalStore::Open(dir_.File("edge.db"), clock_);
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(store).value();
  }

  // Saves the form the way the vehicle screen does.
  bool Save(RecordForm& form) {
    PutError errors;
    auto id = store_->Put("vehicles", form.Changes(), &errors);
    if (!id.ok()) form.ShowRefusal(id.status(), errors);
    return id.ok();
  }

  testing::TempDir dir_;
  ManualClock clock_{1'700'000'000'000};
  std::unique_ptr<LocalStore> store_;
};

TEST_F(RecordFormTest, HasOneFieldPerSchemaFieldInOrder) {
  RecordForm form(Vehicles());
  ASSERT_EQ(form.fields().size(), Vehicles().fields.size());
  for (size_t i = 0; i < form.fields().size(); ++i) {
    EXPECT_EQ(form.fields()[i].spec, &Vehicles().fields[i]);
  }
  EXPECT_FALSE(form.open());
}

TEST_F(RecordFormTest, ANewRecordSendsOnlyWhatWasGiven) {
  RecordForm form(Vehicles());
  form.StartNew();
  EXPECT_TRUE(form.creating());
  form.Field("plate")->text = "  蒙h12345 ";
  form.Field("owner_category")->choice = 1;
  form.Field("seats")->text = "7";
  EXPECT_EQ(
      form.Changes(),
      (nlohmann::json{{"plate", "蒙h12345"}, {"owner_category", "mobile_clinic"}, {"seats", 7}}));
}

std::vector<std::string> ShownNames(const RecordForm& form) {
  std::vector<std::string> names;
  for (const FormField& field : form.fields()) {
    if (form.Shown(field)) names.push_back(field.spec->name);
  }
  return names;
}

TEST_F(RecordFormTest, FieldsTheSoftwareFillsAreNotShown) {
  RecordForm form(Vehicles());
  form.StartNew();
  const auto shown_new = ShownNames(form);
  for (const char* internal : {"merged_into", "archived", "status_set_by", "status_set_at"}) {
    EXPECT_EQ(std::count(shown_new.begin(), shown_new.end(), internal), 0) << internal;
  }
  EXPECT_EQ(shown_new.front(), "plate");
  EXPECT_EQ(std::count(shown_new.begin(), shown_new.end(), "status"), 1);

  // A stored record can be archived, but its stamps and merge stay the software's.
  form.StartEdit({{"id", "018f0000-0000-7000-8000-000000000001"}, {"plate", "蒙H·12345"}});
  const auto shown_stored = ShownNames(form);
  EXPECT_EQ(std::count(shown_stored.begin(), shown_stored.end(), "archived"), 1);
  EXPECT_EQ(std::count(shown_stored.begin(), shown_stored.end(), "merged_into"), 0);
  EXPECT_EQ(std::count(shown_stored.begin(), shown_stored.end(), "status_set_by"), 0);
}

TEST_F(RecordFormTest, AChangedStatusIsStampedWithWhoAndWhen) {
  RecordForm form(Vehicles());
  form.StartEdit({{"id", "018f0000-0000-7000-8000-000000000001"},
                  {"plate", "蒙H·12345"},
                  {"status", "available"}});
  form.Field("note")->text = "备胎已换";
  // Another field's change leaves the stamps alone.
  EXPECT_FALSE(form.Edit("萨仁", 1'700'000'000'000).fields.contains("status_set_at"));

  form.Field("status")->choice = 1;  // on a task
  const nlohmann::json changes = form.Edit("萨仁", 1'700'000'000'000).fields;
  EXPECT_EQ(changes.value("status", ""), "on_task");
  EXPECT_EQ(changes.value("status_set_by", ""), "萨仁");
  EXPECT_EQ(changes.value("status_set_at", ""), "2023-11-14T22:13:20Z");
  // With nobody signed in, only the time is known.
  EXPECT_FALSE(form.Edit("", 1'700'000'000'000).fields.contains("status_set_by"));
}

TEST_F(RecordFormTest, TimesAreTypedAndShownInBeijingTimeAndStoredInUtc) {
  const TableSpec& transports = *FindTable("transports");
  RecordForm form(transports);
  form.StartNew();
  EXPECT_FALSE(form.HasChanges());  // the preset state alone is nothing to save or lose
  form.Field("call_received_at")->text = "2024-05-01 10:20";
  EXPECT_EQ(form.Changes(),
            (nlohmann::json{{"call_received_at", "2024-05-01T02:20:00Z"},
                            {"transport_state", "active"}}));  // a new one is active
  form.Field("call_received_at")->text = "10点20";             // no time: the core's rule names it
  EXPECT_EQ(form.Changes()["call_received_at"], "10点20");

  form.StartEdit({{"id", "01890000-0000-7000-8000-000000000000"},
                  {"call_received_at", "2024-12-31T17:30:00Z"}});
  EXPECT_EQ(form.Field("call_received_at")->text, "2025-01-01 01:30");
  EXPECT_FALSE(form.HasChanges());
  form.Field("call_received_at")->text = "2025-01-01 01:45";
  EXPECT_EQ(form.Changes(), (nlohmann::json{{"id", "01890000-0000-7000-8000-000000000000"},
                                            {"call_received_at", "2024-12-31T17:45:00Z"}}));
}

TEST_F(RecordFormTest, ARefusedSaveStoresNothingAndShowsEachErrorUnderItsField) {
  RecordForm form(Vehicles());
  form.StartNew();
  form.Field("plate")->text = "ABC";
  form.Field("seats")->text = "99";
  EXPECT_FALSE(Save(form));

  EXPECT_TRUE(store_->List("vehicles").value().empty());
  EXPECT_TRUE(form.has_field_errors());
  EXPECT_EQ(form.Field("plate")->errors.at(0).rule, "plate");
  EXPECT_EQ(form.Field("seats")->errors.at(0).rule, "range");
  EXPECT_EQ(form.Field("owner_category")->errors.at(0).rule, "required");
  EXPECT_EQ(form.Field("phone")->errors.at(0).rule, "required");
  EXPECT_TRUE(form.Field("township_id")->errors.empty());  // an optional reference left empty
  EXPECT_TRUE(form.form_errors().empty());
}

TEST_F(RecordFormTest, ANumberTheUserCouldNotMeanReachesTheCoreAsTyped) {
  RecordForm form(Vehicles());
  form.StartNew();
  form.Field("seats")->text = "-";
  EXPECT_EQ(form.Changes()["seats"], "-");
  EXPECT_FALSE(Save(form));
  EXPECT_EQ(form.Field("seats")->errors.at(0).rule, "type");
}

TEST_F(RecordFormTest, EditingSendsOnlyChangedFieldsAndNullForCleared) {
  auto township = store_->Put("townships", {{"name", "星耀镇"}, {"township_kind", "town"}});
  ASSERT_TRUE(township.ok()) << township.status().message();
  auto id = store_->Put("vehicles", {{"plate", "蒙H12345"},
                                     {"owner_category", "police"},
                                     {"phone", "13800000000"},
                                     {"township_id", township.value()},
                                     {"seats", 5},
                                     {"status", "available"}});
  ASSERT_TRUE(id.ok()) << id.status().message();
  RecordForm form(Vehicles());
  form.StartEdit(store_->Get("vehicles", id.value()).value());
  EXPECT_FALSE(form.creating());
  EXPECT_EQ(form.Field("plate")->text, "蒙H·12345");
  EXPECT_EQ(form.Field("owner_category")->choice, 3);
  EXPECT_EQ(form.Field("seats")->text, "5");
  EXPECT_EQ(form.Field("township_id")->text, township.value());
  EXPECT_FALSE(form.HasChanges());
  EXPECT_EQ(form.Changes(), (nlohmann::json{{"id", id.value()}}));

  form.Field("township_id")->text = "";
  form.Field("status")->choice = 2;
  form.Field("plate")->text = "蒙H·12345 ";  // only whitespace differs: not a change
  EXPECT_TRUE(form.HasChanges());
  EXPECT_EQ(
      form.Changes(),
      (nlohmann::json{{"id", id.value()}, {"township_id", nullptr}, {"status", "unavailable"}}));
  ASSERT_TRUE(Save(form));
  const auto stored = store_->Get("vehicles", id.value()).value();
  EXPECT_FALSE(stored.contains("township_id"));
  EXPECT_EQ(stored["status"], "unavailable");
  EXPECT_EQ(stored["plate"], "蒙H·12345");
}

TEST_F(RecordFormTest, ArchivingIsATickedBox) {
  auto id = store_->Put(
      "vehicles", {{"plate", "蒙H12345"}, {"owner_category", "public"}, {"phone", "13800000000"}});
  RecordForm form(Vehicles());
  form.StartEdit(store_->Get("vehicles", id.value()).value());
  form.Field("archived")->checked = true;
  EXPECT_EQ(form.Changes(), (nlohmann::json{{"id", id.value()}, {"archived", true}}));
}

TEST_F(RecordFormTest, AFailureOfNoFieldBecomesAFormMessage) {
  RecordForm form(Vehicles());
  form.StartNew();
  form.ShowRefusal(Status::Error("disk I/O error"), PutError{});
  EXPECT_FALSE(form.has_field_errors());
  ASSERT_EQ(form.form_errors().size(), 1u);
  EXPECT_EQ(form.form_errors()[0], "disk I/O error");

  PutError errors;
  errors.errors.push_back({"colour", "unknown_field", "is not a field of vehicles"});
  form.ShowRefusal(Status::Error("refused"), errors);
  ASSERT_EQ(form.form_errors().size(), 1u);
  EXPECT_NE(form.form_errors()[0].find("colour"), std::string::npos);
}

TEST_F(RecordFormTest, SavedShowsUntilTheNextChange) {
  RecordForm form(Vehicles());
  form.StartEdit({{"id", "x"}, {"plate", "蒙H·12345"}});
  form.MarkSaved();
  EXPECT_TRUE(form.saved());
  form.Field("note")->text = "新备注";
  EXPECT_FALSE(form.saved());
  form.Close();
  EXPECT_FALSE(form.open());
}

}  // namespace
}  // namespace relay::edge::ui
