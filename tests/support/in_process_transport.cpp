#include "in_process_transport.h"

#include <map>
#include <sstream>

namespace relay::testing {
namespace {

std::map<std::string, std::string> ParseQuery(const std::string& query) {
  std::map<std::string, std::string> parameters;
  std::istringstream stream(query);
  std::string pair;
  while (std::getline(stream, pair, '&')) {
    const auto equals = pair.find('=');
    if (equals != std::string::npos) parameters[pair.substr(0, equals)] = pair.substr(equals + 1);
  }
  return parameters;
}

}  // namespace

Result<edge::HttpResponse> InProcessTransport::Send(const edge::HttpRequest& request) {
  if (fail_next_before_send > 0) {
    --fail_next_before_send;
    return Status::Error("link down before the request");
  }
  ++requests_reaching_server;
  const auto question = request.path.find('?');
  const std::string path = request.path.substr(0, question);
  server::ServiceReply reply;
  if (request.method == "POST" && path == "/v1/push") {
    reply = service_.Push(request.body);
  } else if (request.method == "GET" && path == "/v1/pull") {
    reply = service_.Pull(
        ParseQuery(question == std::string::npos ? "" : request.path.substr(question + 1)));
  } else {
    reply = {404, ""};
  }
  if (lose_next_responses > 0) {
    --lose_next_responses;
    return Status::Error("link dropped before the answer arrived");
  }
  return edge::HttpResponse{reply.status, reply.body};
}

}  // namespace relay::testing
