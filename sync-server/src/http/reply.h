#pragma once

#include <string>
#include <utility>
#include <vector>

namespace relay::server::http {

// A whole answer to one request.
struct Reply {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // besides Content-Length
  std::string body;
  // Close the connection after sending: set for a request whose body was not read.
  bool close = false;

  // The status line and headers as sent before the body (HTTP/1.1, with Content-Length and,
  // when the connection will close, "Connection: close").
  std::string WireHead() const;
};

}  // namespace relay::server::http
