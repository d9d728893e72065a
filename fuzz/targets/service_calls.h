#pragma once

#include <map>
#include <string>

#include "sync_service.h"

// The one place the fuzzers call SyncService's authenticated endpoints as a given device, so
// a change in how a request carries its token's grant is adapted here only.
inline relay::server::ServiceReply PushAs(relay::server::SyncService& service,
                                          const std::string& body, const std::string& device) {
  return service.Push(body, device);
}

inline relay::server::ServiceReply PullAs(relay::server::SyncService& service,
                                          const std::map<std::string, std::string>& query,
                                          const std::string& device) {
  return service.Pull(query, device);
}
