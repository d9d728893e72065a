#include <gtest/gtest.h>

#include <atomic>

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "in_process_transport.h"
#include "relay/edge/sync_worker.h"
#include "sqlite_server_storage.h"
#include "temp_dir.h"

namespace relay::edge {
namespace {

constexpr int64_t kStart = 1'000'000;
constexpr int64_t kMinute = 60'000;

// A WaitClock the test moves: the worker's waits last until the test sets the time to their
// deadline, so hours of schedule pass in milliseconds and in a fixed order.
class StepClock final : public WaitClock {
 public:
  int64_t NowMs() override {
    std::lock_guard lock(mutex_);
    return now_;
  }
  void WaitUntil(std::unique_lock<std::mutex>& lock, std::condition_variable& wake,
                 int64_t deadline_ms, const std::function<bool()>& woken) override {
    {
      std::lock_guard own(mutex_);
      ++waits_;
      deadline_ = deadline_ms;
    }
    while (!woken() && NowMs() < deadline_ms)
      wake.wait_for(lock, std::chrono::milliseconds(1));
    std::lock_guard own(mutex_);
    deadline_.reset();
  }
  // Waits for the worker's next wait that lasts and returns its deadline.
  int64_t NextWait() {
    for (int i = 0; i < 20'000; ++i) {
      {
        std::lock_guard own(mutex_);
        // A wait whose deadline has passed ends at once: it is no wait to report.
        if (deadline_ && waits_ > seen_ && *deadline_ > now_) {
          seen_ = waits_;
          return *deadline_;
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ADD_FAILURE() << "the worker never waited";
    return SyncSchedule::kNever;
  }
  void Set(int64_t now_ms) {
    std::lock_guard own(mutex_);
    now_ = now_ms;
  }

 private:
  std::mutex mutex_;
  int64_t now_ = kStart;
  std::optional<int64_t> deadline_;
  int waits_ = 0;
  int seen_ = 0;
};

// The link to the county as the test sets it: no answer until down_until_ms, or a server that
// fails the TLS check; it notes when each request was sent.
class Link {
 public:
  Link(HttpTransport& county, StepClock& clock) : county_(county), clock_(clock) {}
  Result<HttpResponse> Send(const HttpRequest& request) {
    std::lock_guard lock(mutex_);
    const int64_t now = clock_.NowMs();
    sent_at_.push_back(now);
    if (untrusted_) return Status::Error(ErrorKind::kUntrusted, "server not trusted: test");
    if (now < down_until_ms_) return Status::Error(ErrorKind::kUnreachable, "cannot reach: test");
    return county_.Send(request);
  }
  void set_down_until(int64_t ms) {
    std::lock_guard lock(mutex_);
    down_until_ms_ = ms;
  }
  void set_untrusted(bool untrusted) {
    std::lock_guard lock(mutex_);
    untrusted_ = untrusted;
  }
  std::vector<int64_t> sent_at() {
    std::lock_guard lock(mutex_);
    return sent_at_;
  }

 private:
  std::mutex mutex_;
  HttpTransport& county_;
  StepClock& clock_;
  int64_t down_until_ms_ = 0;
  bool untrusted_ = false;
  std::vector<int64_t> sent_at_;
};

class LinkTransport final : public HttpTransport {
 public:
  explicit LinkTransport(Link& link) : link_(link) {}
  Result<HttpResponse> Send(const HttpRequest& request) override { return link_.Send(request); }

 private:
  Link& link_;
};

class SyncWorkerScheduleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    storage_ = server::SqliteServerStorage::Open(dir_.File("server.db"), wall_).value();
    service_ = std::make_unique<server::SyncService>(*storage_, wall_, server::ServiceLimits{});
    county_ = std::make_unique<testing::InProcessTransport>(*service_);
    laptop_ = LocalStore::Open(dir_.File("laptop.db"), wall_).value();
    link_ = std::make_unique<Link>(*county_, clock_);
  }

  void Enroll() {
    const std::string server =
        storage_->ReadFeed(0, 1, "", AccessScope::County()).value().server_id;
    ASSERT_TRUE(laptop_->RecordEnrollment({std::string(43, 'A'), "county", "", server}).ok());
  }

  std::unique_ptr<SyncWorker> StartWorker() {
    return std::make_unique<SyncWorker>(
        *laptop_, "http://county.test",
        [this](const TransportTarget&) { return std::make_unique<LinkTransport>(*link_); },
        SyncTiming{}, clock_);
  }

  void SaveVehicle(const std::string& plate) {
    ASSERT_TRUE(
        laptop_
            ->Put("vehicles",
                  {{"plate", plate}, {"owner_category", "police"}, {"phone", "13800000000"}})
            .ok());
  }

  // Moves time from wait to wait until it reaches until_ms; returns the last deadline seen.
  int64_t RunUntil(int64_t until_ms) {
    for (;;) {
      const int64_t deadline = clock_.NextWait();
      if (deadline > until_ms) return deadline;
      clock_.Set(deadline);
    }
  }

  int64_t Pending() { return laptop_->ReadSyncStatus().value().pending_changes; }

  testing::TempDir dir_;
  ManualClock wall_{1'700'000'000'000};
  StepClock clock_;
  std::unique_ptr<server::SqliteServerStorage> storage_;
  std::unique_ptr<server::SyncService> service_;
  std::unique_ptr<testing::InProcessTransport> county_;
  std::unique_ptr<LocalStore> laptop_;
  std::unique_ptr<Link> link_;
};

TEST_F(SyncWorkerScheduleTest, SyncsSoonAfterStartAndAfterEachSaveThenEveryFewMinutes) {
  Enroll();
  SaveVehicle("蒙H·00001");
  auto worker = StartWorker();
  EXPECT_EQ(clock_.NextWait(), kStart + 5000);
  clock_.Set(kStart + 5000);
  // Pushed (one request), pulled (another), then listed the county's laptops (a third).
  EXPECT_EQ(clock_.NextWait(), kStart + 5000 + 150'000);
  EXPECT_EQ(link_->sent_at(), (std::vector<int64_t>{kStart + 5000, kStart + 5000, kStart + 5000}));
  EXPECT_EQ(Pending(), 0);

  clock_.Set(kStart + 20'000);
  SaveVehicle("蒙H·00002");
  worker->Saved();
  SaveVehicle("蒙H·00003");
  worker->Saved();  // joins the run the first save asked for
  EXPECT_EQ(clock_.NextWait(), kStart + 25'000);
  EXPECT_EQ(Pending(), 6);
  clock_.Set(kStart + 25'000);
  EXPECT_EQ(clock_.NextWait(), kStart + 25'000 + 150'000);
  EXPECT_EQ(Pending(), 0);
  // No list again: the one kept is not a quarter of an hour old.
  EXPECT_EQ(link_->sent_at().size(), 5u);
  EXPECT_TRUE(worker->TakeOutcome()->ok);
  EXPECT_TRUE(worker->TakeOutcome()->ok);
}

TEST_F(SyncWorkerScheduleTest, ARunBySelfWakesTheWindowAsItStartsAsItMovesOnAndAsItEnds) {
  Enroll();
  SaveVehicle("蒙H·00001");
  auto worker = StartWorker();
  std::atomic<int> wakes{0};
  worker->NotifyOnChange([&wakes] { ++wakes; });
  EXPECT_EQ(clock_.NextWait(), kStart + 5000);
  EXPECT_EQ(wakes.load(), 0);  // nothing has happened yet
  EXPECT_FALSE(worker->progress().has_value());
  clock_.Set(kStart + 5000);
  clock_.NextWait();  // the run is over and the next one scheduled
  // Its start, the push batch acknowledged, the pull page applied, its end.
  EXPECT_EQ(wakes.load(), 4);
  EXPECT_FALSE(worker->progress().has_value()) << "progress is of a run under way";
  ASSERT_TRUE(worker->TakeOutcome().has_value());

  worker->NotifyOnChange({});
  worker->RequestSync();
  clock_.NextWait();
  EXPECT_EQ(wakes.load(), 4);
}

TEST_F(SyncWorkerScheduleTest, BacksOffWhileTheServerIsAwayAndReachesItSoonAfterItReturns) {
  Enroll();
  SaveVehicle("蒙H·00001");
  const int64_t back_at = kStart + 40 * kMinute;
  link_->set_down_until(back_at);
  auto worker = StartWorker();
  RunUntil(back_at + 5 * kMinute);

  const auto sent = link_->sent_at();
  std::vector<int64_t> down_sends;
  std::optional<int64_t> first_answered;
  for (const int64_t at : sent) {
    if (at < back_at) {
      down_sends.push_back(at);
    } else if (!first_answered) {
      first_answered = at;
    }
  }
  // Never more than a minute and a run's own retries apart, yet far fewer runs than one a
  // minute with those retries.
  for (size_t i = 1; i < down_sends.size(); ++i) {
    EXPECT_LE(down_sends[i] - down_sends[i - 1], kMinute + 8000) << i;
  }
  ASSERT_TRUE(first_answered.has_value());
  EXPECT_LE(*first_answered - back_at, kMinute + 8000);
  EXPECT_EQ(Pending(), 0);

  // The store said offline, since the first failed run, until the run that worked.
  std::optional<SyncOutcome> outcome;
  int unreachable_runs = 0;
  while (auto next = worker->TakeOutcome()) {
    unreachable_runs += next->kind == ErrorKind::kUnreachable ? 1 : 0;
    outcome = std::move(next);
  }
  EXPECT_GE(unreachable_runs, 20);
  EXPECT_LE(unreachable_runs, 45);
  ASSERT_TRUE(outcome.has_value());
  EXPECT_TRUE(outcome->ok);
  const auto status = laptop_->ReadSyncStatus().value();
  EXPECT_TRUE(status.last_error.empty());
  EXPECT_EQ(status.failing_since_ms, 0);
}

TEST_F(SyncWorkerScheduleTest, AnUntrustedServerIsNotTriedAgainUntilAPersonAsks) {
  Enroll();
  SaveVehicle("蒙H·00001");
  link_->set_untrusted(true);
  auto worker = StartWorker();
  clock_.Set(clock_.NextWait());
  EXPECT_EQ(clock_.NextWait(), SyncSchedule::kNever);
  EXPECT_EQ(link_->sent_at().size(), 1u);  // not retried within the run either
  EXPECT_EQ(laptop_->ReadSyncStatus().value().last_error_kind, ErrorKind::kUntrusted);

  clock_.Set(kStart + 60 * kMinute);
  worker->Saved();
  EXPECT_EQ(clock_.NextWait(), SyncSchedule::kNever);
  EXPECT_EQ(link_->sent_at().size(), 1u);

  // A restart does not try it either: the failure still stands in the store.
  worker.reset();
  worker = StartWorker();
  EXPECT_EQ(clock_.NextWait(), SyncSchedule::kNever);
  EXPECT_EQ(link_->sent_at().size(), 1u);

  link_->set_untrusted(false);
  worker->RequestSync();
  EXPECT_EQ(clock_.NextWait(), kStart + 60 * kMinute + 150'000);
  EXPECT_EQ(Pending(), 0);
}

TEST_F(SyncWorkerScheduleTest, ALaptopNotEnrolledDoesNotSyncByItself) {
  SaveVehicle("蒙H·00001");
  auto worker = StartWorker();
  RunUntil(kStart + 30 * kMinute);
  EXPECT_TRUE(link_->sent_at().empty());
  EXPECT_FALSE(worker->TakeOutcome().has_value());
}

}  // namespace
}  // namespace relay::edge
