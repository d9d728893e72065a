#pragma once

#include <map>
#include <string>

#include "sync_service.h"

// The one place the fuzzers call SyncService's authenticated endpoints as a given device, with
// a county grant (which every township scope check passes, so the merge is reached).
inline relay::server::ServiceReply PushAs(relay::server::SyncService& service,
                                          const std::string& body, const std::string& device,
                                          int protocol) {
  return service.Push(body, {device, "", "county"}, protocol);
}

inline relay::server::ServiceReply PullAs(relay::server::SyncService& service,
                                          const std::map<std::string, std::string>& query,
                                          const std::string& device, int protocol) {
  return service.Pull(query, {device, "", "county"}, protocol);
}
