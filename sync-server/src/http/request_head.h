#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "relay/status.h"

namespace relay::server::http {

// An HTTP/1.x request line and its headers, read before any of the body.
struct RequestHead {
  std::string method;
  std::string path;   // the target up to '?', as sent
  std::string query;  // the target after '?', still %-encoded; "" when none
  int minor_version = 1;
  std::vector<std::pair<std::string, std::string>> headers;  // names as sent, values trimmed
  std::string remote;                                        // the peer's address

  // The first value of the header, its name compared ignoring case.
  std::optional<std::string> Header(std::string_view name) const;
  // True when the header's value lists the token, ignoring case ("gzip", "close", ...).
  bool HeaderHas(std::string_view name, std::string_view token) const;
  // The declared body length; 0 when none is declared.
  uint64_t content_length() const { return content_length_; }
  bool has_content_length() const { return has_content_length_; }
  // True when the client wants the connection kept open after this exchange.
  bool keep_alive() const;

 private:
  friend Result<RequestHead> ParseRequestHead(std::string_view text);
  uint64_t content_length_ = 0;
  bool has_content_length_ = false;
};

// Parses a request line and headers ending with an empty line. An error (kInvalid) names what
// broke the rule: the request line, a header line, or a Content-Length that is not one
// decimal number.
Result<RequestHead> ParseRequestHead(std::string_view text);

}  // namespace relay::server::http
