#include "relay/edge/sync_schedule.h"

#include <gtest/gtest.h>

namespace relay::edge {
namespace {

constexpr int64_t kStart = 1'000'000;
const Status kNoAnswer = Status::Error(ErrorKind::kUnreachable, "cannot reach");

TEST(SyncSchedule, TheFirstRunComesSoonAfterStart) {
  SyncSchedule schedule({}, kStart, false);
  EXPECT_EQ(schedule.due_ms(), kStart + 5000);
}

TEST(SyncSchedule, ASaveSyncsWithinSecondsAndABurstOfSavesJoinsOneRun) {
  SyncSchedule schedule({}, kStart, false);
  schedule.Finished(kStart, Status::Ok());
  EXPECT_EQ(schedule.due_ms(), kStart + 150'000);
  schedule.Saved(kStart + 10'000);
  EXPECT_EQ(schedule.due_ms(), kStart + 15'000);
  schedule.Saved(kStart + 11'000);
  schedule.Saved(kStart + 14'000);
  EXPECT_EQ(schedule.due_ms(), kStart + 15'000);
}

TEST(SyncSchedule, WhileTheServerAnswersItSyncsEveryFewMinutes) {
  SyncSchedule schedule({}, kStart, false);
  schedule.Finished(kStart, Status::Ok());
  EXPECT_EQ(schedule.due_ms(), kStart + 150'000);
  // A refusal is an answer: the server is there, so the usual pace holds.
  schedule.Finished(kStart + 150'000, Status::Error(ErrorKind::kRefused, "409", "schema"));
  EXPECT_EQ(schedule.due_ms(), kStart + 300'000);
}

TEST(SyncSchedule, WithoutAnAnswerItBacksOffUpToAMinuteAndRecoversOnSuccess) {
  SyncSchedule schedule({}, kStart, false);
  int64_t now = kStart;
  std::vector<int64_t> waits;
  for (int i = 0; i < 7; ++i) {
    schedule.Finished(now, i == 3 ? Status::Error(ErrorKind::kServerFailed, "503") : kNoAnswer);
    waits.push_back(schedule.due_ms() - now);
    now = schedule.due_ms();
  }
  EXPECT_EQ(waits, (std::vector<int64_t>{5000, 10'000, 20'000, 40'000, 60'000, 60'000, 60'000}));
  // Saves while the server is away do not undo the backoff.
  schedule.Saved(now - 50'000);
  EXPECT_EQ(schedule.due_ms(), now);

  schedule.Finished(now, Status::Ok());
  EXPECT_EQ(schedule.due_ms(), now + 150'000);
  schedule.Finished(now, kNoAnswer);
  EXPECT_EQ(schedule.due_ms(), now + 5000);  // a new outage starts its backoff again
}

TEST(SyncSchedule, AnUntrustedServerOrARefusedDeviceWaitsForAPerson) {
  for (const ErrorKind kind : {ErrorKind::kUntrusted, ErrorKind::kNotAllowed}) {
    SyncSchedule schedule({}, kStart, false);
    schedule.Finished(kStart, Status::Error(kind, "needs a person"));
    EXPECT_EQ(schedule.due_ms(), SyncSchedule::kNever);
    schedule.Saved(kStart + 1000);
    EXPECT_EQ(schedule.due_ms(), SyncSchedule::kNever);
    // A manual run that works puts the schedule back.
    schedule.Finished(kStart + 2000, Status::Ok());
    EXPECT_EQ(schedule.due_ms(), kStart + 152'000);
  }
  EXPECT_EQ(SyncSchedule({}, kStart, true).due_ms(), SyncSchedule::kNever);
}

TEST(SyncSchedule, ManualTimingNeverRunsByItself) {
  SyncTiming manual;
  manual.automatic = false;
  SyncSchedule schedule(manual, kStart, false);
  EXPECT_EQ(schedule.due_ms(), SyncSchedule::kNever);
  schedule.Saved(kStart);
  schedule.Finished(kStart, Status::Ok());
  EXPECT_EQ(schedule.due_ms(), SyncSchedule::kNever);
}

TEST(SyncSchedule, NotEnrolledLooksAgainLater) {
  SyncSchedule schedule({}, kStart, false);
  schedule.Postpone(kStart + 5000);
  EXPECT_EQ(schedule.due_ms(), kStart + 155'000);
}

}  // namespace
}  // namespace relay::edge
