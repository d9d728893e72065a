#pragma once

#include <memory>
#include <optional>
#include <string>

#include "audit_log.h"
#include "device_registry.h"
#include "relay/status.h"
#include "sync_service.h"
#include "tls_identity.h"

namespace relay::server {

// Serves the sync protocol over HTTP with cpprestsdk, or over https with the given identity. Push
// and pull need an enrolled device's bearer token (DeviceRegistry); enrollment, health and the
// digest need none. Bodies are read with continuations, so no pool thread waits on a slow link;
// nothing a request carries can throw out of a handler. Pushes and enrollments, and refused
// pulls and tokens, are recorded in the audit log before they are answered.
class HttpServer {
 public:
  // tls is required for an https:// listen_url and unused for http://.
  HttpServer(SyncService& service, DeviceRegistry& registry, AuditLog& audit,
             std::string listen_url, std::optional<TlsIdentity> tls = std::nullopt);
  ~HttpServer();

  Status Start();
  // Stops accepting requests and waits for the ones in flight.
  void Stop();

 private:
  struct Listener;
  SyncService& service_;
  DeviceRegistry& registry_;
  AuditLog& audit_;
  std::string listen_url_;
  std::optional<TlsIdentity> tls_;
  std::unique_ptr<Listener> listener_;
};

}  // namespace relay::server
