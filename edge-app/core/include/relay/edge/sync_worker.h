#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "relay/edge/curl_transport.h"
#include "relay/edge/http_transport.h"
#include "relay/edge/local_store.h"
#include "relay/edge/sync_client.h"
#include "relay/edge/sync_schedule.h"
#include "relay/edge/wait_clock.h"

namespace relay::edge {

// What a finished sync run tells the UI.
struct SyncOutcome {
  bool ok = false;
  SyncReport report;
  std::string error;
  ErrorKind kind = ErrorKind::kOther;  // of error, when not ok
};

// Runs sync on its own thread so the UI never waits on the network. It syncs by itself when
// the laptop is enrolled, as SyncSchedule decides from the timing, saves (Saved) and each
// run's outcome, and at once when the UI calls RequestSync(), which also ends a wait for a
// person (NeedsPerson). Each frame the UI calls TakeOutcome() to receive finished runs, manual
// or automatic, through a queue. Destruction abandons a run in progress at once (a transfer
// or a backoff wait); what was acknowledged stays acknowledged, the rest waits in the outbox
// for the next start.
class SyncWorker {
 public:
  SyncWorker(LocalStore& store, std::string server_url,
             TransportFactory open_transport = CurlTransportFactory(), SyncTiming timing = {},
             WaitClock& clock = SteadyWaitClock());
  ~SyncWorker();

  void RequestSync();
  // A change was saved on this laptop: sync it soon.
  void Saved();
  bool busy() const;
  // How far the run under way has come (nothing before its first batch or when idle).
  std::optional<SyncReport> progress() const;
  std::optional<SyncOutcome> TakeOutcome();
  // Called on the worker's thread whenever a run starts or finishes, so a window that sleeps
  // until something happens wakes to show it; empty stops the calls.
  void NotifyOnChange(std::function<void()> changed);
  const std::string& server_url() const { return server_url_; }
  // How this worker reaches the server, for the other exchanges with it (enrollment).
  const TransportFactory& open_transport() const { return open_transport_; }

 private:
  void Loop();
  // Waits for a manual request or the next automatic run; false when stopping.
  bool WaitForTurn();
  bool Enrolled();
  void Notify();

  LocalStore& store_;
  std::string server_url_;
  TransportFactory open_transport_;
  WaitClock& clock_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  SyncSchedule schedule_;
  bool requested_ = false;
  bool rescheduled_ = false;  // the schedule changed during a wait
  bool running_ = false;
  std::atomic<bool> stopping_{false};
  std::deque<SyncOutcome> outcomes_;
  std::optional<SyncReport> progress_;  // of the run under way
  std::function<void()> changed_;
  std::thread thread_;
};

}  // namespace relay::edge
