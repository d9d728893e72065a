#pragma once

#include <functional>
#include <string>

#include "device_registry.h"
#include "relay/edge/http_transport.h"
#include "sync_service.h"

namespace relay::testing {

// An HttpTransport that hands requests straight to a SyncService, with faults to inject:
// a link that is down before the request, and a response lost after the server acted. Given a
// registry, it enrolls, checks tokens and rotates them (POST /v1/enroll, /v1/rotate) as
// relay-server does.
class InProcessTransport final : public edge::HttpTransport {
 public:
  explicit InProcessTransport(server::SyncService& service,
                              server::DeviceRegistry* registry = nullptr)
      : service_(service), registry_(registry) {}

  Result<edge::HttpResponse> Send(const edge::HttpRequest& request) override;

  int fail_next_before_send = 0;   // requests that never reach the server
  int lose_next_responses = 0;     // requests the server handles whose answer never arrives
  bool before_protocol_2 = false;  // answers 404 to /v2 endpoints, as a server before them
  int requests_reaching_server = 0;
  AccessScope scope = AccessScope::County();  // without a registry: what the devices may do

 private:
  server::SyncService& service_;
  server::DeviceRegistry* registry_;
};

}  // namespace relay::testing
