// PINs on a shared laptop: the form rule, the salted hash, the pause after wrong tries, and
// who may sign in or change a PIN.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "relay/edge/local_store.h"
#include "relay/edge/pin_hash.h"
#include "relay/edge/sign_in.h"
#include "temp_dir.h"

namespace relay::edge {
namespace {

TEST(PinForm, FourToEightDigitsOnly) {
  for (const char* good : {"0000", "1234", "12345678"}) {
    EXPECT_FALSE(CheckPinForm(good)) << good;
  }
  for (const char* bad : {"", "123", "123456789", "12a4", "12 34", "１２３４", "-123"}) {
    const auto error = CheckPinForm(bad);
    ASSERT_TRUE(error) << bad;
    EXPECT_EQ(error->field, "pin");
    EXPECT_EQ(error->rule, "pin_digits");
    EXPECT_EQ(error->ToString(), "pin: must be 4 to 8 digits (pin_digits)");
  }
}

TEST(PinHashTest, IsSaltedAndMatchesOnlyItsPin) {
  const PinHash first = HashPin("4821", 1000).value();
  const PinHash second = HashPin("4821", 1000).value();
  EXPECT_EQ(first.hash.size(), 64u);
  EXPECT_EQ(first.salt.size(), 32u);
  EXPECT_NE(first.salt, second.salt);
  EXPECT_NE(first.hash, second.hash);  // one PIN, two salts: nothing to compare across people
  EXPECT_TRUE(PinMatches(first, "4821"));
  EXPECT_TRUE(PinMatches(second, "4821"));
  EXPECT_FALSE(PinMatches(first, "4822"));
  EXPECT_FALSE(PinMatches(first, ""));
  PinHash fewer_rounds = first;
  fewer_rounds.iterations = 999;  // the count is part of what is checked
  EXPECT_FALSE(PinMatches(fewer_rounds, "4821"));
}

TEST(PinHashTest, NewPinsUseTheDefaultRounds) {
  EXPECT_EQ(HashPin("4821").value().iterations, kPinIterations);
  EXPECT_GE(kPinIterations, 100'000);
}

class PinStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = LocalStore::Open(dir_.File("edge.db"), clock_).value();
    mingantu_ = Put("townships", {{"name", "明安图镇"}, {"township_kind", "town"}});
    yihe_ = Put("townships", {{"name", "伊和淖尔苏木"}, {"township_kind", "sumu"}});
    nurse_ = Staff("萨仁", "nurse", mingantu_);
    lead_ = Staff("其木格", "team_lead", mingantu_);
    other_lead_ = Staff("巴特尔", "team_lead", yihe_);
  }
  std::string Put(const std::string& table, const nlohmann::json& fields) {
    auto id = store_->Put(table, fields);
    EXPECT_TRUE(id.ok()) << id.status().message();
    return id.ok() ? id.value() : "";
  }
  std::string Staff(const std::string& name, const std::string& role, const std::string& township) {
    return Put("staff", {{"township_id", township}, {"name", name}, {"staff_role", role}});
  }
  SignInResult::Outcome SignInAs(const std::string& staff_id, const std::string& pin) {
    auto result = SignIn(*store_, staff_id, pin);
    EXPECT_TRUE(result.ok()) << result.status().message();
    return result.ok() ? result.value().outcome : SignInResult::kDone;
  }
  PinCheck Check(const std::string& pin) { return store_->CheckPin(nurse_, pin).value(); }

  testing::TempDir dir_;
  ManualClock clock_{1'714'500'000'000};
  std::unique_ptr<LocalStore> store_;
  std::string mingantu_, yihe_, nurse_, lead_, other_lead_;
};

TEST_F(PinStoreTest, APinIsKeptOnlyAsASaltedHash) {
  ASSERT_TRUE(store_->SetPin(nurse_, "97310468").ok());
  EXPECT_TRUE(store_->HasPin(nurse_).value());
  EXPECT_FALSE(store_->HasPin(lead_).value());
  store_.reset();  // closes the database, folding its log into the file
  std::ifstream file(dir_.File("edge.db"), std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  ASSERT_GT(bytes.size(), 0u);
  EXPECT_EQ(bytes.find("97310468"), std::string::npos);
}

TEST_F(PinStoreTest, SetPinRefusesABadPinAndUnknownOrArchivedPeople) {
  auto bad = store_->SetPin(nurse_, "12");
  EXPECT_EQ(bad.message(), "pin: must be 4 to 8 digits (pin_digits)");
  EXPECT_FALSE(store_->HasPin(nurse_).value());
  EXPECT_FALSE(store_->SetPin("01890a5d-0000-7000-8000-0000000000c9", "1234").ok());
  Put("staff", {{"id", lead_}, {"archived", true}});
  auto archived = store_->SetPin(lead_, "1234");
  EXPECT_NE(archived.message().find("archived"), std::string::npos) << archived.message();
  EXPECT_FALSE(store_->HasPin(lead_).value());
}

TEST_F(PinStoreTest, WrongPinsInARowMakeTheNextTriesWaitLongerAndLonger) {
  ASSERT_TRUE(store_->SetPin(nurse_, "4821").ok());
  EXPECT_EQ(Check("0000").outcome, PinCheck::kWrong);
  EXPECT_EQ(Check("0000").wait_ms, 0);  // the second of three free tries
  const PinCheck third = Check("1111");
  EXPECT_EQ(third.outcome, PinCheck::kWrong);
  EXPECT_EQ(third.wait_ms, 10'000);
  // Within the pause even the right PIN is not compared.
  clock_.Advance(9'000);
  const PinCheck early = Check("4821");
  EXPECT_EQ(early.outcome, PinCheck::kWait);
  EXPECT_EQ(early.wait_ms, 1'000);
  clock_.Advance(1'000);
  EXPECT_EQ(Check("2222").wait_ms, 20'000);  // doubles with each further wrong PIN
  clock_.Advance(20'000);
  EXPECT_EQ(Check("3333").wait_ms, 40'000);
  // The pause outlives the program: a restart does not reset it.
  store_ = LocalStore::Open(dir_.File("edge.db"), clock_).value();
  EXPECT_EQ(Check("4821").outcome, PinCheck::kWait);
  clock_.Advance(40'000);
  EXPECT_EQ(Check("4821").outcome, PinCheck::kRight);
  EXPECT_EQ(Check("0000").wait_ms, 0);  // the right PIN ended the count
}

TEST_F(PinStoreTest, ThePauseStopsGrowingAtFiveMinutes) {
  ASSERT_TRUE(store_->SetPin(nurse_, "4821").ok());
  int64_t wait = 0;
  for (int i = 0; i < 12; ++i) {
    clock_.Advance(wait);
    const PinCheck check = Check("0000");
    ASSERT_EQ(check.outcome, PinCheck::kWrong) << i;
    wait = check.wait_ms;
  }
  EXPECT_EQ(wait, 5 * 60'000);
}

TEST_F(PinStoreTest, SignInChecksThePersonAndTheirPin) {
  ASSERT_TRUE(store_->SetPin(nurse_, "4821").ok());
  EXPECT_EQ(SignInAs("01890a5d-0000-7000-8000-0000000000c9", ""), SignInResult::kUnknownPerson);
  EXPECT_EQ(SignInAs("萨仁", ""), SignInResult::kUnknownPerson);
  EXPECT_EQ(SignInAs(nurse_, ""), SignInResult::kWrongPin);
  EXPECT_EQ(SignInAs(nurse_, "4820"), SignInResult::kWrongPin);
  EXPECT_EQ(store_->person(), "");
  EXPECT_EQ(SignInAs(nurse_, "4821"), SignInResult::kDone);
  EXPECT_EQ(store_->person(), nurse_);
  EXPECT_EQ(SignInAs(lead_, ""), SignInResult::kDone);  // no PIN: none asked
  EXPECT_EQ(store_->person(), lead_);
  Put("staff", {{"id", other_lead_}, {"archived", true}});
  EXPECT_EQ(SignInAs(other_lead_, ""), SignInResult::kArchivedPerson);
  EXPECT_EQ(store_->person(), lead_);  // a refused sign-in leaves who was working
}

TEST_F(PinStoreTest, RefusalsNameTheFieldAndTheRule) {
  EXPECT_EQ(SignInResult{SignInResult::kWrongPin}.Message(nurse_),
            "pin: wrong PIN for " + nurse_ + " (wrong_pin)");
  EXPECT_EQ((SignInResult{SignInResult::kWait, 9'001}.Message(nurse_)),
            "pin: too many wrong PINs in a row; try again in 10 s (pin_pause)");
  EXPECT_EQ(SignInResult{SignInResult::kArchivedPerson}.Message(nurse_),
            "person: the staff record " + nurse_ + " is archived (archived_person)");
}

TEST_F(PinStoreTest, ChangingAPinAsksForTheCurrentOneUnlessItsOwnerOrTheirTeamLeadIsSignedIn) {
  ASSERT_TRUE(ChangePin(*store_, nurse_, "", "4821").value().ok());  // none yet: nothing asked
  EXPECT_TRUE(ChangeNeedsCurrentPin(*store_, nurse_).value());
  EXPECT_EQ(ChangePin(*store_, nurse_, "1111", "5555").value().outcome, SignInResult::kWrongPin);
  EXPECT_EQ(ChangePin(*store_, nurse_, "4821", "55").value().outcome, SignInResult::kBadNewPin);
  ASSERT_TRUE(ChangePin(*store_, nurse_, "4821", "5555").value().ok());
  EXPECT_EQ(store_->CheckPin(nurse_, "5555").value().outcome, PinCheck::kRight);

  // A team lead of another township cannot reset it; the nurse's own township's can.
  ASSERT_EQ(SignInAs(other_lead_, ""), SignInResult::kDone);
  EXPECT_TRUE(ChangeNeedsCurrentPin(*store_, nurse_).value());
  EXPECT_EQ(ChangePin(*store_, nurse_, "", "").value().outcome, SignInResult::kWrongPin);
  ASSERT_EQ(SignInAs(lead_, ""), SignInResult::kDone);
  EXPECT_FALSE(ChangeNeedsCurrentPin(*store_, nurse_).value());
  ASSERT_TRUE(ChangePin(*store_, nurse_, "", "").value().ok());
  EXPECT_FALSE(store_->HasPin(nurse_).value());

  // Signed in, a person changes their own PIN without typing it again.
  ASSERT_TRUE(store_->SetPin(nurse_, "4821").ok());
  ASSERT_EQ(SignInAs(nurse_, "4821"), SignInResult::kDone);
  ASSERT_TRUE(ChangePin(*store_, nurse_, "", "7777").value().ok());
  EXPECT_EQ(store_->CheckPin(nurse_, "7777").value().outcome, PinCheck::kRight);
}

}  // namespace
}  // namespace relay::edge
