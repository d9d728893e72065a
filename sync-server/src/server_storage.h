#pragma once

#include <optional>
#include <string>

#include "relay/access_scope.h"
#include "relay/protocol.h"
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

class ServerStorage {
 public:
  virtual ~ServerStorage() = default;

  // Applies a validated push durably and idempotently by (device, seq): changes at or below
  // the device's last stored seq are counted as duplicates and not applied again, once their
  // content is confirmed to be the same as what was stored under that number.
  // A device of a township role changes only its township's records, as its role allows.
  virtual Result<PushOutcome> ApplyPush(const PushRequest& request, const AccessScope& scope) = 0;
  // Up to limit feed entries with cursor > after that the scope may read, in cursor order,
  // leaving out those made by skip_device (a laptop has its own changes already; empty skips
  // none).
  virtual Result<PullResponse> ReadFeed(int64_t after, size_t limit, const std::string& skip_device,
                                        const AccessScope& scope) = 0;
  // The same digest relay-cli prints, over the merged state.
  virtual Result<std::string> Digest() = 0;
};

}  // namespace relay::server
