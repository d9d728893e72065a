#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "device_registry.h"
#include "relay/clock.h"
#include "server_storage.h"

namespace relay::server {

struct ServiceLimits {
  size_t max_body_bytes = 8 * 1024 * 1024;  // after decompression
  size_t max_changes_per_push = 5000;
  size_t max_pull_batch = 10000;
  int64_t max_drift_ms = 5 * 60 * 1000;  // how far ahead of the server's clock a stamp may be
};

// An answer to send: HTTP status, JSON body, and the headers it needs besides Content-Type
// (Retry-After on a 429).
struct ServiceReply {
  int status = 200;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers = {};

  // A 4xx or 5xx answer with the protocol's error body.
  static ServiceReply Refuse(int status, const std::string& code, const std::string& message);
};

// The sync protocol of docs/protocol.md, independent of the HTTP library: decodes, checks
// and applies requests, and never throws. Safe to call from many threads.
class SyncService {
 public:
  SyncService(ServerStorage& storage, Clock& clock, ServiceLimits limits)
      : storage_(storage), clock_(clock), limits_(limits) {}

  // POST /vN/push with the (decompressed) body of protocol N (1 or 2), from the device its
  // token was granted to: a body naming another device, or a change outside the grant's
  // township or role, is refused (403) and nothing of it is stored. An accepted push's answer
  // says rotate_token when the grant's token nears its expiry.
  ServiceReply Push(const std::string& body, const DeviceGrant& grant, int protocol = 1);
  // GET /vN/pull with its query parameters, from the device its token was granted to, answered
  // in protocol N: the feed holds only what the grant may read.
  ServiceReply Pull(const std::map<std::string, std::string>& query, const DeviceGrant& grant,
                    int protocol = 1);
  // GET /v1/digest.
  ServiceReply Digest();

  const ServiceLimits& limits() const { return limits_; }

 private:
  ServerStorage& storage_;
  Clock& clock_;
  ServiceLimits limits_;
};

}  // namespace relay::server
