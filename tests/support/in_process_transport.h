#pragma once

#include <functional>
#include <string>

#include "relay/edge/http_transport.h"
#include "sync_service.h"

namespace relay::testing {

// An HttpTransport that hands requests straight to a SyncService, with faults to inject:
// a link that is down before the request, and a response lost after the server acted.
class InProcessTransport final : public edge::HttpTransport {
 public:
  explicit InProcessTransport(server::SyncService& service) : service_(service) {}

  Result<edge::HttpResponse> Send(const edge::HttpRequest& request) override;

  int fail_next_before_send = 0;  // requests that never reach the server
  int lose_next_responses = 0;    // requests the server handles whose answer never arrives
  int requests_reaching_server = 0;
  AccessScope scope = AccessScope::County();  // what the devices sending through it may do

 private:
  server::SyncService& service_;
};

}  // namespace relay::testing
