#pragma once

#include <functional>
#include <memory>
#include <string>

#include "relay/edge/http_transport.h"

namespace relay::edge {

// Timeouts for a slow rural link: give up on connecting after connect_timeout_s, and on a
// transfer that stays below low_speed_bytes per second for low_speed_time_s.
struct CurlOptions {
  long connect_timeout_s = 20;
  long low_speed_bytes = 64;
  long low_speed_time_s = 60;
  size_t gzip_above_bytes = 1024;      // request bodies larger than this travel gzipped
  std::function<bool()> should_abort;  // polled during a transfer; true abandons it at once
  // PEM of the county CA an https server's certificate must chain to (stored at enrollment);
  // empty trusts the system's CAs. Peer and host name are always verified. With a CA set, a
  // plain http:// base URL is refused: the token would cross the network in clear.
  std::string trusted_ca_pem;
};

// HttpTransport over libcurl with one reused handle (keeps the connection alive between
// batches). Responses are decompressed transparently. A server failing the TLS check is an
// error of kind kUntrusted, no answer one of kind kUnreachable. Not thread-safe: one per sync
// thread.
class CurlTransport final : public HttpTransport {
 public:
  CurlTransport(std::string base_url, CurlOptions options = {});
  ~CurlTransport() override;
  Result<HttpResponse> Send(const HttpRequest& request) override;

 private:
  struct Handle;
  std::string base_url_;
  CurlOptions options_;
  std::unique_ptr<Handle> handle_;
};

// Opens a CurlTransport with the default timeouts for each target.
TransportFactory CurlTransportFactory();

}  // namespace relay::edge
