#include "relay/edge/sync_worker.h"

#include "relay/edge/server_ca.h"

namespace relay::edge {

SyncWorker::SyncWorker(LocalStore& store, std::string server_url, TransportFactory open_transport)
    : store_(store),
      server_url_(std::move(server_url)),
      open_transport_(std::move(open_transport)),
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

bool SyncWorker::busy() const {
  std::lock_guard lock(mutex_);
  return requested_ || running_;
}

std::optional<SyncOutcome> SyncWorker::TakeOutcome() {
  std::lock_guard lock(mutex_);
  if (outcomes_.empty()) return std::nullopt;
  SyncOutcome outcome = std::move(outcomes_.front());
  outcomes_.pop_front();
  return outcome;
}

void SyncWorker::Loop() {
  TransportTarget target{server_url_, "", [this] { return stopping_.load(); }};
  SyncOptions options;
  options.cancelled = [this] { return stopping_.load(); };
  options.sleep = [this](std::chrono::milliseconds delay) {
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, delay, [this] { return stopping_.load(); });
  };
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return requested_ || stopping_; });
      if (stopping_) return;
      requested_ = false;
      running_ = true;
    }
    SyncOutcome outcome;
    try {
      // Each run trusts the CA of the latest enrollment, which the window may have changed.
      auto trusted_ca = StoredServerCa(store_);
      target.trusted_ca_pem = trusted_ca.ok() ? trusted_ca.value() : "";
      const auto transport = open_transport_(target);
      SyncClient client(store_, *transport, options);
      auto result = client.Run();
      outcome.ok = result.ok();
      if (result.ok()) {
        outcome.report = result.value();
      } else {
        outcome.error = result.status().message();
      }
    } catch (const std::exception& error) {  // nothing may escape this thread
      outcome.error = error.what();
    }
    std::lock_guard lock(mutex_);
    running_ = false;
    outcomes_.push_back(std::move(outcome));
  }
}

}  // namespace relay::edge
