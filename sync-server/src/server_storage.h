#pragma once

#include <optional>
#include <string>

#include "relay/access_scope.h"
#include "relay/protocol.h"
#include "relay/pull_answer_writer.h"
#include "relay/status.h"
#include "scope_guard.h"

namespace relay::server {

// Where the county server keeps the merged state, the change feed and what each device has
// pushed. An embedded SQLite store is the default; the interface lets a larger deployment
// put another database behind it. Implementations are safe to call from many threads.
// A change number only a copy of a laptop's database can send: one this device already sent
// with other content, or one it passed over (a later number was stored first, so the laptop
// can never send it).
struct ReusedSeq {
  int64_t seq = 0;
  bool passed_over = false;
};

// What a push did: the answer for the client; or, when reused is set, a change number only a
// copy can send; or, when out_of_scope is set, a change outside what the device's township and
// role allow. Such a push is stored not at all.
struct PushOutcome {
  PushResponse response;
  std::optional<ReusedSeq> reused;
  std::optional<ScopeBreach> out_of_scope;  // a change not the device's to make
};

// Takes a pull page's entries one at a time, in feed order; an error stops the read.
class FeedSink {
 public:
  virtual ~FeedSink() = default;
  virtual Status Add(int64_t cursor, const FeedEntryView& entry) = 0;
};

// Where a page of the feed ended: what a pull answer says besides its entries.
struct FeedPageEnd {
  std::string server_id;
  int64_t next_cursor = 0;
  bool more = false;
};

class ServerStorage {
 public:
  virtual ~ServerStorage() = default;

  // Applies a validated push durably and idempotently by (device, seq): changes at or below
  // the device's last stored seq are counted as duplicates and not applied again, once their
  // content is confirmed to be the same as what was stored under that number.
  // A device of a township role changes only its township's records, as its role allows.
  virtual Result<PushOutcome> ApplyPush(const PushRequest& request, const AccessScope& scope) = 0;
  // Hands the sink up to limit feed entries with cursor > after that the scope may read, in
  // cursor order, leaving out those made by skip_device (a laptop has its own changes already;
  // empty skips none).
  virtual Result<FeedPageEnd> ReadFeedInto(int64_t after, size_t limit,
                                           const std::string& skip_device, const AccessScope& scope,
                                           FeedSink& sink) = 0;
  // The same page as ReadFeedInto with each value parsed; kStorage for a damaged value.
  Result<PullResponse> ReadFeed(int64_t after, size_t limit, const std::string& skip_device,
                                const AccessScope& scope);
  // The same digest relay-cli prints, over the merged state.
  virtual Result<std::string> Digest() = 0;
};

}  // namespace relay::server
