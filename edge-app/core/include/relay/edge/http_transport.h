#pragma once

#include <functional>
#include <memory>
#include <string>

#include "relay/status.h"

namespace relay::edge {

struct HttpRequest {
  std::string method;  // "GET" or "POST"
  std::string path;    // with query, e.g. "/v1/pull?after=5"
  std::string body;    // JSON, for POST
  // Sent as "Authorization: Bearer <token>" when not empty; a secret, never logged or shown.
  std::string bearer_token = {};
};

struct HttpResponse {
  long status = 0;
  std::string body;
};

// One HTTP exchange with the county server. An error Status means no answer arrived: kind
// kUnreachable (no route, timeout, dropped link) or kUntrusted (the server failed the TLS
// check, which retrying cannot fix); any answer, 4xx and 5xx included, is a response.
class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  virtual Result<HttpResponse> Send(const HttpRequest& request) = 0;
};

// Where a sync run or an enrollment talks to: the county server's base URL, the county CA its
// certificate must chain to (empty: the system's CAs), and a check polled during transfers
// that abandons them when true (empty: never).
struct TransportTarget {
  std::string server_url;
  std::string trusted_ca_pem;
  std::function<bool()> should_abort;
};

// Opens the HttpTransport for one run against a target; the real one is CurlTransportFactory(),
// tests hand in transports that fail as they are told.
using TransportFactory = std::function<std::unique_ptr<HttpTransport>(const TransportTarget&)>;

}  // namespace relay::edge
