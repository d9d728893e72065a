#pragma once

#include <functional>
#include <optional>
#include <string>
#include <variant>

#include "reply.h"
#include "request_head.h"

namespace relay::server::http {

// How to answer a request whose head is acceptable: an optional check before its body is read,
// then the answer to its body. Both run on a worker thread, never on a network thread.
struct Route {
  // A refusal to send without reading the body (an unknown token), or nullopt to go on.
  std::function<std::optional<Reply>()> admit;
  // The answer to the whole body ("" when the request has none).
  std::function<Reply(std::string body)> answer;
};

// Decides from a head alone, on a network thread, so it must be quick and touch no storage:
// a Reply to send at once (a refusal, a health check), or the Route to follow. A request
// answered at once has its body left unread, and its connection is closed.
using Router = std::function<std::variant<Reply, Route>(const RequestHead&)>;

}  // namespace relay::server::http
