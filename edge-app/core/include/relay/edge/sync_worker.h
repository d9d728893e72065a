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

namespace relay::edge {

// What a finished sync run tells the UI.
struct SyncOutcome {
  bool ok = false;
  SyncReport report;
  std::string error;
};

// Runs sync on its own thread so the UI never waits on the network. The UI thread calls
// RequestSync() and, each frame, TakeOutcome() to receive finished runs through a queue.
// Destruction abandons a run in progress at once (a transfer or a backoff wait); what was
// acknowledged stays acknowledged, the rest waits in the outbox for the next start.
class SyncWorker {
 public:
  SyncWorker(LocalStore& store, std::string server_url,
             TransportFactory open_transport = CurlTransportFactory());
  ~SyncWorker();

  void RequestSync();
  bool busy() const;
  std::optional<SyncOutcome> TakeOutcome();
  const std::string& server_url() const { return server_url_; }
  // How this worker reaches the server, for the other exchanges with it (enrollment).
  const TransportFactory& open_transport() const { return open_transport_; }

 private:
  void Loop();

  LocalStore& store_;
  std::string server_url_;
  TransportFactory open_transport_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool requested_ = false;
  bool running_ = false;
  std::atomic<bool> stopping_{false};
  std::deque<SyncOutcome> outcomes_;
  std::thread thread_;
};

}  // namespace relay::edge
