#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "relay/change.h"
#include "relay/status.h"

namespace relay {

// Version of the wire format in docs/protocol.md.
inline constexpr int kProtocolVersion = 1;

// The greatest seq, cursor or count on the wire: 2^53 - 1, the largest integer that a reader
// keeping numbers as doubles (JavaScript) holds exactly, its successor included. No laptop
// numbers that many changes (at 1000 a second, 285,000 years), and adding to it never
// overflows 64 bits, so no value a peer may send leaves a device unable to count on.
inline constexpr int64_t kMaxWireInteger = (int64_t{1} << 53) - 1;
// The greatest protocol or schema_version a body may name.
inline constexpr int64_t kMaxVersion = 1'000'000;
// The latest wall time an HLC stamp on the wire may hold: 2999-12-31T23:59:59.999Z. A replica's
// clock moves past every stamp it holds, and from here it still has millennia of stamps
// before (wall_ms << 16 | counter) would outgrow 63 bits.
inline constexpr int64_t kMaxHlcWallMs = 32'503'680'000'000 - 1;

// A local change waiting in a device's outbox, numbered by the device's own sequence.
struct OutboxChange {
  int64_t seq = 0;
  Change change;
};

// POST /v1/push: a device's changes in increasing sequence order.
struct PushRequest {
  int protocol = kProtocolVersion;
  int schema_version = 0;
  std::string device;
  std::vector<OutboxChange> changes;
};

// The server's answer: every change up to acked_seq is durably stored.
struct PushResponse {
  std::string server_id;  // as in PullResponse: which server database stored the push
  int64_t acked_seq = 0;
  int64_t applied = 0;        // changes new to the server
  int64_t duplicates = 0;     // changes already received before (a retried push)
  int64_t conflicts = 0;      // conflicts records this push produced (concurrent writes, checks)
  bool rotate_token = false;  // the token has less than a third of its life left: rotate it
};

// One entry of the server's change feed.
struct FeedChange {
  int64_t cursor = 0;
  Change change;
};

// GET /v1/pull: the feed after a cursor, in one batch.
struct PullResponse {
  std::string server_id;  // the UUIDv7 of the server's database, fixed for its lifetime
  std::vector<FeedChange> changes;
  int64_t next_cursor = 0;
  bool more = false;
};

// GET /v1/laptops: one enrolled device as the county's data health shows it.
struct LaptopStatus {
  std::string device;
  std::string township_id;  // empty for the county role
  std::string role;
  int64_t enrolled_ms = 0;
  int64_t last_sync_ms = 0;          // its last finished pull, to a minute; 0: never
  std::optional<int64_t> set_aside;  // changes it keeps aside, as its last pull said
  int64_t revoked_ms = 0;            // 0 while it may sync
};

std::string EncodePushRequest(const PushRequest& request);
// Decodes and validates a push body; the error names the offending field path and rule.
Result<PushRequest> DecodePushRequest(const std::string& body, size_t max_changes);

std::string EncodePushResponse(const PushResponse& response);
Result<PushResponse> DecodePushResponse(const std::string& body);

std::string EncodePullResponse(const PullResponse& response);
Result<PullResponse> DecodePullResponse(const std::string& body);

std::string EncodeLaptopsResponse(const std::vector<LaptopStatus>& laptops);
Result<std::vector<LaptopStatus>> DecodeLaptopsResponse(const std::string& body);

// {"error": {"code": ..., "message": ...}}: the body of every 4xx and 5xx answer.
std::string EncodeError(const std::string& code, const std::string& message);
// An error about changes of a push, naming the first one's sequence number as "seq" and all
// of them as "seqs".
std::string EncodeError(const std::string& code, const std::string& message,
                        const std::vector<int64_t>& seqs);
// The code of an error body ("out_of_scope", ...), or "" when it is not one.
std::string DecodeErrorCode(const std::string& body);
// The sequence numbers an error body names (EncodeError with seqs), none when it names none.
std::vector<int64_t> DecodeErrorSeqs(const std::string& body);
// The message of an error body, or the body itself when it is not one.
std::string DecodeErrorMessage(const std::string& body);

}  // namespace relay
