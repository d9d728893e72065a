#pragma once

#include <memory>
#include <optional>
#include <string>

#include "audit_log.h"
#include "device_registry.h"
#include "http/limits.h"
#include "relay/status.h"
#include "sync_service.h"
#include "tls_identity.h"

namespace relay::server {

// Serves the sync protocol over HTTP, or over https with the given identity, within limits
// (http/limits.h). Push and pull need an enrolled device's bearer token (DeviceRegistry);
// enrollment, health and the digest need none. A request that will be refused is answered
// before its body is read; nothing a request carries can throw out of a handler. Pushes and
// enrollments, and refused pulls and tokens, are recorded in the audit log before they are
// answered.
class HttpServer {
 public:
  // tls is required for an https:// listen_url and unused for http://.
  HttpServer(SyncService& service, DeviceRegistry& registry, AuditLog& audit,
             std::string listen_url, std::optional<TlsIdentity> tls = std::nullopt,
             http::Limits limits = {});
  ~HttpServer();

  Status Start();
  // Stops accepting requests, closes every connection and waits for the work in flight.
  void Stop();

 private:
  struct Running;
  SyncService& service_;
  DeviceRegistry& registry_;
  AuditLog& audit_;
  std::string listen_url_;
  std::optional<TlsIdentity> tls_;
  http::Limits limits_;
  std::unique_ptr<Running> running_;
};

}  // namespace relay::server
