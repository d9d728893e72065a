#pragma once

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

// One HTTP exchange with the county server. An error Status means no answer arrived (no
// route, timeout, dropped link); any answer, 4xx and 5xx included, is a response.
class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  virtual Result<HttpResponse> Send(const HttpRequest& request) = 0;
};

}  // namespace relay::edge
