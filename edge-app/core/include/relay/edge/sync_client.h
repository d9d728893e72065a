#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "relay/edge/http_transport.h"
#include "relay/edge/local_store.h"
#include "relay/protocol_v2.h"

namespace relay::edge {

struct SyncOptions {
  size_t push_batch = 2000;   // changes per push
  size_t pull_batch = 10000;  // feed entries per pull page (5,000 at most from a protocol 1 server)
  int max_attempts = 5;       // per request, for failures that may pass (no answer, 5xx, 429)
  std::chrono::milliseconds first_backoff{500};
  std::chrono::milliseconds max_backoff{30000};
  std::function<void(std::chrono::milliseconds)> sleep;  // injectable; real sleep when empty
  std::function<bool()> cancelled;  // true stops the run without retrying or recording it
  // Told the run's report so far after each push batch acknowledged and each pull page
  // applied, for a progress display during a long sync.
  std::function<void(const struct SyncReport&)> progress;
};

struct SyncReport {
  int64_t pushed = 0;   // changes the server acknowledged
  int64_t pulled = 0;   // feed entries applied
  int64_t retries = 0;  // requests repeated after a failure that may pass
  // changes the county refused as outside this laptop's township or role, kept aside
  int64_t set_aside = 0;
  bool token_rotated = false;  // the server asked for a new token, and this run got it
  size_t push_batch = 0;       // changes per push at the end: halved after each 413
  // Feed entries asked for per pull page at the end: halved after each pull lost on the way
  // (so a link that keeps dropping loses less each time), doubled after each page kept; the
  // next sync starts from it.
  size_t pull_page = 0;
  int64_t bytes_sent = 0;      // request bodies, before compression
  int64_t bytes_received = 0;  // answer bodies, after decompression
};

// One sync run: push the whole outbox in batches, then pull the feed to its end, with the
// store's enrollment token on every request; in between, the token is rotated when a push
// answer says it nears its expiry. Safe to interrupt anywhere: acknowledged
// changes leave the outbox only after the server has them, and the pull cursor moves in the
// same transaction as the batch it covers.
class SyncClient {
 public:
  SyncClient(LocalStore& store, HttpTransport& transport, SyncOptions options = {});
  // Runs push then pull; records the outcome in the store's sync status either way.
  Result<SyncReport> Run();

 private:
  bool Cancelled() const;
  // Sends, and again after a failure that may pass, up to max_attempts in all; before each
  // repeat, before_retry (when given) may change the request; returns the server's final
  // answer, 200 or not.
  Result<HttpResponse> SendWithRetry(
      HttpRequest request, SyncReport& report,
      const std::function<void(HttpRequest&)>& before_retry = nullptr);
  // On a 403 out_of_scope for changes of the push, keeps those changes aside (true), so the
  // rest of the outbox is sent again without them; false for any other answer.
  Result<bool> SetAsideRefused(const PushRequest& request, const HttpResponse& response,
                               SyncReport& report);
  Status Push(SyncReport& report);
  // Sends a push in the protocol this run speaks, falling back to protocol 1 as
  // FallsBackToProtocol1 says.
  Result<HttpResponse> SendPush(const PushRequest& request, SyncReport& report);
  // True, and this client speaks protocol 1 from now on, when the answer is a 404 to a
  // protocol 2 endpoint: the server is from before protocol 2.
  bool FallsBackToProtocol1(const HttpResponse& response);
  // Trades the token for the next one; a failure is left for the next run to retry, since the
  // old token goes on working until the new one is used.
  void RotateTokenIfAsked(SyncReport& report);
  // Pulls from the page size the last sync ended with, and keeps the one this pull ends with.
  Status Pull(SyncReport& report);
  Status PullPages(SyncReport& report);
  // Keeps the county's list of enrolled laptops (their last syncs) when the kept one is older
  // than kLaptopsListInterval. Best effort: the records synced already, and a failure is
  // tried again at the next sync.
  void ListLaptopsWhenDue();

  // Data health reads last syncs by the day, so a list every quarter hour keeps it right
  // without costing a slow link a download at every sync.
  static constexpr std::chrono::milliseconds kLaptopsListInterval{15 * 60'000};

  LocalStore& store_;
  HttpTransport& transport_;
  SyncOptions options_;
  std::string bearer_token_;   // read from the store at the start of each run
  bool rotate_token_ = false;  // a push answer of this run asked for a new token
  // Protocol 2, or 1 once a server from before it answered 404 to a /v2 endpoint.
  int protocol_ = kProtocolVersion2;
};

}  // namespace relay::edge
