#include "relay/edge/sync_worker.h"

#include "relay/edge/server_ca.h"

namespace relay::edge {
namespace {

// A failure that stands from an earlier session and needs a person holds automatic runs.
bool WaitingForPerson(LocalStore& store) {
  auto status = store.ReadSyncStatus();
  return status.ok() && !status.value().last_error.empty() &&
         NeedsPerson(status.value().last_error_kind);
}

}  // namespace

SyncWorker::SyncWorker(LocalStore& store, std::string server_url, TransportFactory open_transport,
                       SyncTiming timing, WaitClock& clock)
    : store_(store),
      server_url_(std::move(server_url)),
      open_transport_(std::move(open_transport)),
      clock_(clock),
      schedule_(timing, clock.NowMs(), WaitingForPerson(store)),
      thread_([this] { Loop(); }) {}

SyncWorker::~SyncWorker() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void SyncWorker::RequestSync() {
  {
    std::lock_guard lock(mutex_);
    requested_ = true;
  }
  wake_.notify_all();
}

void SyncWorker::Saved() {
  {
    std::lock_guard lock(mutex_);
    schedule_.Saved(clock_.NowMs());
    rescheduled_ = true;
  }
  wake_.notify_all();
}

bool SyncWorker::busy() const {
  std::lock_guard lock(mutex_);
  return requested_ || running_;
}

std::optional<SyncReport> SyncWorker::progress() const {
  std::lock_guard lock(mutex_);
  return progress_;
}

std::optional<SyncOutcome> SyncWorker::TakeOutcome() {
  std::lock_guard lock(mutex_);
  if (outcomes_.empty()) return std::nullopt;
  SyncOutcome outcome = std::move(outcomes_.front());
  outcomes_.pop_front();
  return outcome;
}

void SyncWorker::NotifyOnChange(std::function<void()> changed) {
  std::lock_guard lock(mutex_);
  changed_ = std::move(changed);
}

void SyncWorker::Notify() {
  std::function<void()> changed;
  {
    std::lock_guard lock(mutex_);
    changed = changed_;
  }
  if (changed) changed();
}

bool SyncWorker::WaitForTurn() {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (stopping_) return false;
    if (requested_) {
      requested_ = false;
      running_ = true;
      return true;
    }
    if (clock_.NowMs() >= schedule_.due_ms()) {
      lock.unlock();
      const bool enrolled = Enrolled();
      lock.lock();
      if (enrolled) {
        running_ = true;
        return true;
      }
      schedule_.Postpone(clock_.NowMs());
      continue;
    }
    rescheduled_ = false;
    clock_.WaitUntil(lock, wake_, schedule_.due_ms(),
                     [this] { return stopping_ || requested_ || rescheduled_; });
  }
}

bool SyncWorker::Enrolled() {
  auto enrollment = store_.ReadEnrollment();
  return enrollment.ok() && enrollment.value().has_value();
}

void SyncWorker::Loop() {
  SyncOptions options;
  options.cancelled = [this] { return stopping_.load(); };
  options.sleep = [this](std::chrono::milliseconds delay) {
    std::unique_lock lock(mutex_);
    clock_.WaitUntil(lock, wake_, clock_.NowMs() + delay.count(),
                     [this] { return stopping_.load(); });
  };
  options.progress = [this](const SyncReport& report) {
    {
      std::lock_guard lock(mutex_);
      progress_ = report;
    }
    Notify();
  };
  while (WaitForTurn()) {
    Notify();
    SyncOutcome outcome;
    Status status = Status::Ok();
    try {
      // Each run trusts the CA of the latest enrollment, which the window may have changed.
      auto trusted_ca = StoredServerCa(store_);
      const TransportTarget target{server_url_, trusted_ca.ok() ? trusted_ca.value() : "",
                                   [this] { return stopping_.load(); }};
      const auto transport = open_transport_(target);
      SyncClient client(store_, *transport, options);
      auto result = client.Run();
      status = result.status();
      if (result.ok()) outcome.report = result.value();
    } catch (const std::exception& error) {  // nothing may escape this thread
      status = Status::Error(error.what());
    }
    outcome.ok = status.ok();
    outcome.error = status.message();
    outcome.kind = status.kind();
    {
      std::lock_guard lock(mutex_);
      running_ = false;
      progress_.reset();
      if (stopping_) return;
      schedule_.Finished(clock_.NowMs(), status);
      outcomes_.push_back(std::move(outcome));
    }
    Notify();
  }
}

}  // namespace relay::edge
