// Who is working on a shared laptop: signing in with and without a PIN, the idle lock on a
// clock the test moves, and a form that outlives the lock.
#include "ui/model/sign_in_view_model.h"

#include <gtest/gtest.h>

#include "demo_records.h"
#include "temp_dir.h"
#include "ui/model/app_model.h"

namespace relay::edge::ui {
namespace {

constexpr int64_t kMinute = 60'000;

class SignInViewModelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = LocalStore::Open(dir_.File("edge.db"), clock_).value();
    demo_ = std::make_unique<testing::DemoRecords>(*store_);
    nurse_ = Staff("萨仁", "nurse");
    doctor_ = Staff("其木格", "doctor");
    ASSERT_TRUE(store_->SetPin(doctor_, "4821").ok());
  }
  std::string Staff(const std::string& name, const std::string& role) {
    return store_
        ->Put("staff",
              {{"township_id", demo_->id("mingantu")}, {"name", name}, {"staff_role", role}})
        .value();
  }
  bool SignInAs(SignInViewModel& session, const std::string& id, const std::string& pin = "") {
    session.Choose(id);
    session.pin() = pin;
    return session.SignIn();
  }
  // The people of the queued changes of one record, in order.
  std::vector<std::string> PeopleOf(const std::string& record_id) {
    std::vector<std::string> people;
    const auto pending = store_->PendingChanges(10'000).value();
    for (const auto& entry : pending) {
      if (entry.change.record_id == record_id) people.push_back(entry.change.person);
    }
    return people;
  }

  testing::TempDir dir_;
  ManualClock clock_{1'714'500'000'000};
  std::unique_ptr<LocalStore> store_;
  std::unique_ptr<testing::DemoRecords> demo_;
  std::string nurse_, doctor_;
};

TEST_F(SignInViewModelTest, StartsLockedWithTheStaffByNameAndWhoHasAPin) {
  SignInViewModel session(*store_, clock_);
  EXPECT_TRUE(session.locked());
  EXPECT_FALSE(session.person());
  ASSERT_EQ(session.staff().size(), 2u);
  // Sorted by name: 其 (U+5176) before 萨 (U+8428).
  EXPECT_EQ(session.staff()[0].name, "其木格");
  EXPECT_TRUE(session.staff()[0].has_pin);
  EXPECT_EQ(session.staff()[1].name, "萨仁");
  EXPECT_FALSE(session.staff()[1].has_pin);
  EXPECT_FALSE(session.CanContinueUnnamed());
  session.ContinueUnnamed();
  EXPECT_TRUE(session.locked());  // with people on the list, someone must sign in
}

TEST_F(SignInViewModelTest, APersonWithoutAPinSignsInByChoosingTheirName) {
  SignInViewModel session(*store_, clock_);
  EXPECT_FALSE(session.SignIn());  // nobody chosen
  EXPECT_TRUE(SignInAs(session, nurse_));
  EXPECT_FALSE(session.locked());
  EXPECT_EQ(session.person()->name, "萨仁");
  EXPECT_EQ(store_->person(), nurse_);
}

TEST_F(SignInViewModelTest, APersonWithAPinNeedsTheRightOne) {
  SignInViewModel session(*store_, clock_);
  EXPECT_FALSE(SignInAs(session, doctor_, ""));
  EXPECT_FALSE(SignInAs(session, doctor_, "1234"));
  ASSERT_TRUE(session.refusal());
  EXPECT_EQ(session.refusal()->outcome, SignInResult::kWrongPin);
  EXPECT_TRUE(session.pin().empty());  // a refused PIN is not left in the field
  EXPECT_TRUE(session.locked());
  EXPECT_EQ(store_->person(), "");
  EXPECT_FALSE(SignInAs(session, doctor_, "1111"));  // the third wrong one in a row
  EXPECT_EQ(session.refusal()->wait_ms, 10'000);
  EXPECT_FALSE(SignInAs(session, doctor_, "4821"));
  EXPECT_EQ(session.refusal()->outcome, SignInResult::kWait);
  clock_.Advance(10'000);
  EXPECT_TRUE(SignInAs(session, doctor_, "4821"));
  EXPECT_FALSE(session.refusal());
  EXPECT_EQ(store_->person(), doctor_);
}

TEST_F(SignInViewModelTest, APinSetSinceTheListWasReadIsAskedForAfterTheFirstTry) {
  SignInViewModel session(*store_, clock_);
  ASSERT_TRUE(store_->SetPin(nurse_, "1357").ok());  // with relay-cli, meanwhile
  EXPECT_FALSE(SignInAs(session, nurse_));
  ASSERT_TRUE(session.chosen());
  EXPECT_TRUE(session.chosen()->has_pin);
  EXPECT_TRUE(SignInAs(session, nurse_, "1357"));
}

TEST_F(SignInViewModelTest, LocksAfterTheIdleMinutesWithoutInput) {
  SignInViewModel session(*store_, clock_);
  session.set_idle_lock_minutes(10);
  ASSERT_TRUE(SignInAs(session, nurse_));
  clock_.Advance(9 * kMinute);
  session.Tick();
  EXPECT_FALSE(session.locked());
  session.NoteInput();  // a key at minute 9 starts the ten minutes again
  clock_.Advance(9 * kMinute);
  session.Tick();
  EXPECT_FALSE(session.locked());
  clock_.Advance(kMinute - 1);
  session.Tick();
  EXPECT_FALSE(session.locked());
  clock_.Advance(1);
  session.Tick();
  EXPECT_TRUE(session.locked());
  // Who was working stays chosen for the way back in.
  EXPECT_EQ(session.person()->id, nurse_);
  ASSERT_TRUE(session.chosen());
  EXPECT_EQ(session.chosen()->id, nurse_);
}

TEST_F(SignInViewModelTest, TheLockFallsDueTheIdleMinutesAfterTheLastInput) {
  SignInViewModel session(*store_, clock_);
  session.set_idle_lock_minutes(10);
  EXPECT_FALSE(session.LockDueMs());  // locked until someone signs in
  ASSERT_TRUE(SignInAs(session, nurse_));
  clock_.Advance(3 * kMinute);
  session.NoteInput();
  EXPECT_EQ(session.LockDueMs(), clock_.NowMs() + 10 * kMinute);
  session.set_idle_lock_minutes(0);
  EXPECT_FALSE(session.LockDueMs());
}

// An idle window sleeps until the model's next change: the idle lock, a typed filter's pause,
// and otherwise a minute for the "N minutes ago" text.
TEST_F(SignInViewModelTest, AnIdleWindowSleepsUntilTheNextChange) {
  SyncWorker sync(*store_, "http://127.0.0.1:9");
  AppModel model(*store_, sync, clock_);
  model.session().set_idle_lock_minutes(0);
  ASSERT_TRUE(SignInAs(model.session(), nurse_));
  const int64_t start = clock_.NowMs();
  EXPECT_EQ(model.NextChangeMs(), start + AppModel::kClockTextMs);

  model.vehicles().TypeFilter("蒙H", start);
  EXPECT_EQ(model.NextChangeMs(), start + RecordBrowser::kFilterPauseMs);
  // A pause over, on a screen not drawn, waits for its screen rather than waking the window.
  clock_.Advance(RecordBrowser::kFilterPauseMs);
  EXPECT_EQ(model.NextChangeMs(), clock_.NowMs() + AppModel::kClockTextMs);

  model.session().set_idle_lock_minutes(1);
  clock_.Advance(10'000);
  EXPECT_EQ(model.NextChangeMs(), clock_.NowMs() + kMinute - 10'000);
}

TEST_F(SignInViewModelTest, AVehiclesStatusCarriesWhoSetIt) {
  SyncWorker sync(*store_, "http://127.0.0.1:9");
  AppModel model(*store_, sync, clock_);
  ASSERT_TRUE(SignInAs(model.session(), nurse_));
  RecordBrowser& vehicles = model.vehicles();
  vehicles.Select(demo_->id("蒙H·A3721"));
  vehicles.form().Field("status")->choice = 1;  // on a task
  ASSERT_TRUE(model.Save("vehicles"));
  const auto stored = store_->Get("vehicles", demo_->id("蒙H·A3721")).value();
  EXPECT_EQ(stored.value("status_set_by", ""), "萨仁");
  EXPECT_EQ(stored.value("status_set_at", ""), FormatUtcTime(clock_.NowMs() / 1000));
}

TEST_F(SignInViewModelTest, ZeroMinutesTurnsTheIdleLockOff) {
  SignInViewModel session(*store_, clock_);
  session.set_idle_lock_minutes(0);
  ASSERT_TRUE(SignInAs(session, nurse_));
  clock_.Advance(24 * 60 * kMinute);
  session.Tick();
  EXPECT_FALSE(session.locked());
}

TEST_F(SignInViewModelTest, SigningOutLeavesLaterChangesWithNobody) {
  SignInViewModel session(*store_, clock_);
  ASSERT_TRUE(SignInAs(session, nurse_));
  session.SignOut();
  EXPECT_TRUE(session.locked());
  EXPECT_FALSE(session.person());
  EXPECT_FALSE(session.chosen());
  EXPECT_EQ(store_->person(), "");
}

TEST_F(SignInViewModelTest, ArchivedStaffAndOtherTownshipsStaffAreNotListed) {
  ASSERT_TRUE(store_->Put("staff", {{"id", nurse_}, {"archived", true}}).ok());
  Staff("巴特尔", "driver");
  store_
      ->Put("staff",
            {{"township_id", demo_->id("yihe")}, {"name", "朝鲁"}, {"staff_role", "driver"}})
      .value();
  SignInViewModel before_enrollment(*store_, clock_);
  EXPECT_EQ(before_enrollment.staff().size(), 3u);  // every township's, archived left out
  ASSERT_TRUE(store_
                  ->RecordEnrollment({"token", "clinic", demo_->id("mingantu"),
                                      "01890a5d-0000-7000-8000-0000000000aa"})
                  .ok());
  SignInViewModel clinic(*store_, clock_);
  ASSERT_EQ(clinic.staff().size(), 2u);  // a clinic laptop lists its own township's
  EXPECT_EQ(clinic.staff()[0].name, "其木格");
  EXPECT_EQ(clinic.staff()[1].name, "巴特尔");
}

TEST_F(SignInViewModelTest, WithNobodyOnTheListTheLaptopOpensUnnamed) {
  ASSERT_TRUE(store_->Put("staff", {{"id", nurse_}, {"archived", true}}).ok());
  ASSERT_TRUE(store_->Put("staff", {{"id", doctor_}, {"archived", true}}).ok());
  SignInViewModel session(*store_, clock_);
  EXPECT_FALSE(session.locked());
  EXPECT_TRUE(session.CanContinueUnnamed());
  session.Lock();
  session.ContinueUnnamed();
  EXPECT_FALSE(session.locked());
  EXPECT_FALSE(session.person());
}

// The lock hides the window's content only: the form a person was filling stays, and the
// save belongs to whoever signs in next.
class LockKeepsTheFormTest : public SignInViewModelTest {
 protected:
  void SetUp() override {
    SignInViewModelTest::SetUp();
    if (HasFatalFailure()) return;
    sync_ = std::make_unique<SyncWorker>(*store_, "http://127.0.0.1:9");
    model_ = std::make_unique<AppModel>(*store_, *sync_, clock_);
    model_->session().set_idle_lock_minutes(10);
    ASSERT_TRUE(SignInAs(model_->session(), nurse_));
    RecordBrowser& volunteers = model_->browser("volunteers");
    volunteers.StartNew();
    volunteers.form().Field("name")->text = "图雅";
    volunteers.form().Field("phone")->text = "13904790001";
    clock_.Advance(10 * kMinute);
    model_->session().Tick();
    ASSERT_TRUE(model_->session().locked());
  }
  // Saves the open form and returns the new volunteer's id.
  std::string Save() {
    EXPECT_TRUE(model_->Save("volunteers"));
    auto found = store_->ListWhere("volunteers", "name", "图雅").value();
    EXPECT_EQ(found.size(), 1u);
    return found.empty() ? "" : found[0]["id"].get<std::string>();
  }

  std::unique_ptr<SyncWorker> sync_;
  std::unique_ptr<AppModel> model_;
};

TEST_F(LockKeepsTheFormTest, TheSamePersonContinuesWhereTheyWere) {
  ASSERT_TRUE(SignInAs(model_->session(), nurse_));
  const RecordForm& form = model_->browser("volunteers").form();
  ASSERT_TRUE(form.open());
  EXPECT_EQ(model_->browser("volunteers").form().Changes()["name"], "图雅");
  EXPECT_EQ(PeopleOf(Save()), std::vector<std::string>(2, nurse_));
}

TEST_F(LockKeepsTheFormTest, AnotherPersonsSaveCarriesTheirName) {
  ASSERT_TRUE(SignInAs(model_->session(), doctor_, "4821"));
  EXPECT_EQ(model_->session().person()->name, "其木格");
  EXPECT_EQ(PeopleOf(Save()), std::vector<std::string>(2, doctor_));
}

}  // namespace
}  // namespace relay::edge::ui
