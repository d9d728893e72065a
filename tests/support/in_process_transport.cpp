#include "in_process_transport.h"

#include <map>
#include <optional>
#include <sstream>

#include "enroll_reply.h"
#include "laptops_reply.h"
#include "refusals.h"
#include "relay/protocol_v2.h"
#include "rotate_reply.h"

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
    return Status::Error(ErrorKind::kUnreachable, "link down before the request");
  }
  ++requests_reaching_server;
  const auto question = request.path.find('?');
  const std::string path = request.path.substr(0, question);
  const auto query =
      ParseQuery(question == std::string::npos ? "" : request.path.substr(question + 1));
  server::ServiceReply reply;
  // Without a registry there is no token: a request is taken to come from the device it names,
  // as if that device had authenticated with the transport's scope.
  std::optional<server::DeviceGrant> grant;
  if (registry_ && request.method == "POST" && path == "/v1/enroll") {
    reply = server::EnrollReply(*registry_, request.body, "in-process");
  } else if (registry_) {
    auto granted = registry_->Authenticate(request.bearer_token);
    if (granted.ok()) {
      grant = granted.value();
    } else {
      reply = server::TokenRefusal(granted.status());
    }
  } else if (path == "/v1/push" || path == "/v2/push") {
    const auto body = nlohmann::json::parse(request.body, nullptr, false);
    const bool named = body.is_object() && body.contains("device") && body["device"].is_string();
    grant = server::DeviceGrant{named ? body["device"].get<std::string>() : "", scope.township_id,
                                scope.role};
  } else {
    grant = server::DeviceGrant{query.count("device") ? query.at("device") : "", scope.township_id,
                                scope.role};
  }
  const int protocol = path.rfind("/v2/", 0) == 0 ? kProtocolVersion2 : 1;
  const auto version_end = path.find('/', 1);
  const std::string endpoint = version_end == std::string::npos ? path : path.substr(version_end);
  if (protocol == kProtocolVersion2 && before_protocol_2) {
    reply = {404, ""};
  } else if (grant && request.method == "POST" && endpoint == "/push") {
    reply = service_.Push(request.body, *grant, protocol);
  } else if (grant && request.method == "GET" && endpoint == "/pull") {
    reply = service_.Pull(query, *grant, protocol);
    if (registry_ && reply.status == 200) server::NoteFinishedPull(*registry_, *grant, query);
  } else if (grant && registry_ && request.method == "GET" && path == "/v1/laptops") {
    reply = server::LaptopsReply(*registry_, *grant);
  } else if (grant && registry_ && request.method == "POST" && path == "/v1/rotate") {
    reply = server::RotateReply(*registry_, *grant);
  } else if (grant) {
    reply = {404, ""};
  }
  if (lose_next_responses > 0) {
    --lose_next_responses;
    return Status::Error(ErrorKind::kUnreachable, "link dropped before the answer arrived");
  }
  return edge::HttpResponse{reply.status, reply.body};
}

}  // namespace relay::testing
