#include "http_server.h"

#include <cpprest/uri.h>

#include <boost/asio/ssl/context.hpp>
#include <functional>
#include <iostream>
#include <map>

#include "enroll_reply.h"
#include "http/listener.h"
#include "laptops_reply.h"
#include "refusals.h"
#include "relay/bounded_json.h"
#include "relay/gzip.h"
#include "relay/protocol.h"
#include "relay/protocol_v2.h"
#include "relay/zstd_frame.h"
#include "rotate_reply.h"

namespace relay::server {
namespace {

using http::Reply;
using http::RequestHead;
using http::Route;

constexpr size_t kCompressAboveBytes = 1024;

// The HTTP answer carrying a service reply, compressed when it is worth it and the client
// takes it: with Zstandard when the client names it (smaller and cheaper), else gzip.
Reply ToHttp(const RequestHead& head, const ServiceReply& answer) {
  Reply reply;
  reply.status = answer.status;
  reply.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
  reply.headers.insert(reply.headers.end(), answer.headers.begin(), answer.headers.end());
  const bool worth_it = answer.body.size() > kCompressAboveBytes;
  if (worth_it && head.HeaderHas("Accept-Encoding", "zstd")) {
    reply.headers.emplace_back("Content-Encoding", "zstd");
    reply.body = ZstdCompress(answer.body);
  } else if (worth_it && head.HeaderHas("Accept-Encoding", "gzip")) {
    reply.headers.emplace_back("Content-Encoding", "gzip");
    reply.body = GzipCompress(answer.body);
  } else {
    reply.body = answer.body;
  }
  return reply;
}

const auto& Refuse = ServiceReply::Refuse;

// Splits a query string into its parameters, then decodes each name and value, so an
// encoded '&' or '=' inside a value stays part of it.
Result<std::map<std::string, std::string>> DecodeQuery(const std::string& query) {
  std::map<std::string, std::string> parameters;
  try {
    for (const auto& [name, value] : web::uri::split_query(query)) {
      parameters[web::uri::decode(name)] = web::uri::decode(value);
    }
  } catch (const std::exception&) {
    return Status::Error(ErrorKind::kInvalid, "query: has a malformed %-escape");
  }
  return parameters;
}

// The refusal of a request head whose body cannot be taken: no declared length, chunked, or
// longer than limit; nullopt when the body may be read.
std::optional<ServiceReply> BodyHeadRefusal(const RequestHead& head, size_t limit) {
  if (!head.has_content_length() || head.Header("Transfer-Encoding")) {
    return Refuse(411, "length_required",
                  "Content-Length: required on " + head.path + " (no chunked bodies)");
  }
  if (head.content_length() > limit) {
    return Refuse(
        413, "too_large",
        "body: larger than the limit of " + std::to_string(limit) + " bytes; send smaller batches");
  }
  return std::nullopt;
}

// The body as sent, inflated when it is gzipped (to at most limit bytes).
Result<std::string> Inflated(const RequestHead& head, std::string body, size_t limit) {
  if (!head.HeaderHas("Content-Encoding", "gzip")) return body;
  return GzipDecompress(body, limit);
}

// What the audit log keeps of an answer to a request: its status, and the error code and
// message of a refusal.
AuditEntry Answered(const RequestHead& head, const std::string& endpoint, const std::string& device,
                    const ServiceReply& reply) {
  AuditEntry entry;
  entry.device = device;
  entry.remote = head.remote;
  entry.endpoint = endpoint;
  entry.status = reply.status;
  if (reply.status != 200) {
    const auto body = nlohmann::json::parse(reply.body, nullptr, false);
    const auto code = nlohmann::json::json_pointer("/error/code");
    if (body.contains(code) && body[code].is_string()) entry.error = body[code].get<std::string>();
    entry.reason = DecodeErrorMessage(reply.body);
  }
  return entry;
}

// The changes a push body holds: the entries of protocol 1's "changes", or the bits set in the
// field masks of protocol 2's rows; 0 for a body of neither shape.
int64_t CountChanges(const nlohmann::json& body) {
  if (!body.is_object()) return 0;
  if (body.contains("changes") && body["changes"].is_array())
    return static_cast<int64_t>(body["changes"].size());
  int64_t count = 0;
  if (!body.contains("blocks") || !body["blocks"].is_array()) return count;
  for (const auto& block : body["blocks"]) {
    if (!block.is_object() || !block.contains("stamps") || !block["stamps"].is_array()) continue;
    for (const auto& stamp : block["stamps"]) {
      if (stamp.is_array() && stamp.size() > 3 && stamp[3].is_number_unsigned())
        count += __builtin_popcountll(stamp[3].get<uint64_t>());
    }
  }
  return count;
}

// A push's entry also counts its changes: those applied or already received when accepted,
// else those its body holds, when it could be read as JSON.
AuditEntry PushAnswered(const RequestHead& head, const std::string& device, const std::string& body,
                        const ServiceReply& reply) {
  AuditEntry entry = Answered(head, "push", device, reply);
  if (reply.status == 200) {
    if (auto response = DecodePushResponse(reply.body); response.ok()) {
      entry.applied = response.value().applied;
      entry.duplicates = response.value().duplicates;
      entry.changes = entry.applied + entry.duplicates;
    }
  } else if (auto document = ParseJsonWithin(body, kMaxJsonDepth); document.ok()) {
    entry.changes = CountChanges(document.value());
  }
  return entry;
}

// Keeps the entry; a failure is printed, never answered, since what the request did (a push
// is committed by now) stands without it.
void Audit(AuditLog& audit, AuditEntry entry) {
  if (Status status = audit.Record(std::move(entry)); !status.ok())
    std::cerr << "relay-server: could not write the audit log: " << status.message() << "\n";
}

// The grant of the request's "Authorization: Bearer TOKEN", or why there is none; a revoked or
// expired token's device in *refused_device.
Result<DeviceGrant> Authenticated(const RequestHead& head, DeviceRegistry& registry,
                                  std::string* refused_device) {
  const auto header = head.Header("Authorization");
  constexpr std::string_view kScheme = "Bearer ";
  if (!header || header->rfind(kScheme, 0) != 0) {
    return Status::Error(
        ErrorKind::kNotAllowed,
        "Authorization: send \"Bearer TOKEN\"; a laptop gets its token by enrolling with a "
        "code from the county office");
  }
  return registry.Authenticate(header->substr(kScheme.size()), refused_device);
}

// The routes of docs/protocol.md. Only path, method and declared length are judged on the
// network thread; tokens, bodies and storage are left to the workers.
class ProtocolRouter {
 public:
  // prefix is the listen URL's path ("" or "/relay"), which every endpoint's path starts with.
  ProtocolRouter(SyncService& service, DeviceRegistry& registry, AuditLog& audit,
                 std::string prefix)
      : service_(service), registry_(registry), audit_(audit), prefix_(std::move(prefix)) {}

  std::variant<Reply, Route> operator()(const RequestHead& head) const {
    const std::string path =
        head.path.rfind(prefix_, 0) == 0 ? head.path.substr(prefix_.size()) : std::string();
    const bool is_read = path == "/v1/pull" || path == "/v2/pull" || path == "/v1/digest" ||
                         path == "/v1/health" || path == "/v1/laptops";
    if (!is_read && path != "/v1/push" && path != "/v2/push" && path != "/v1/enroll" &&
        path != "/v1/rotate") {
      return ToHttp(head, Refuse(404, "not_found", "no such endpoint: " + head.path));
    }
    const std::string expected = is_read ? "GET" : "POST";
    if (head.method != expected) {
      return ToHttp(head, Refuse(405, "method", "use " + expected + " for " + path));
    }
    if (path == "/v1/health") return ToHttp(head, ServiceReply{200, R"({"status":"ok"})"});
    if (is_read && (head.content_length() > 0 || head.Header("Transfer-Encoding"))) {
      return ToHttp(head, Refuse(400, "bad_request", "body: " + path + " takes none"));
    }
    if (path == "/v1/digest") {
      return Route{nullptr, [this, head](std::string) { return ToHttp(head, service_.Digest()); }};
    }
    if (path == "/v1/pull") return PullRoute(head, 1);
    if (path == "/v2/pull") return PullRoute(head, kProtocolVersion2);
    if (path == "/v1/laptops") return LaptopsRoute(head);
    if (path == "/v1/enroll") return EnrollRoute(head);
    if (path == "/v1/rotate") return RotateRoute(head);
    return PushRoute(head, path == "/v2/push" ? kProtocolVersion2 : 1);
  }

 private:
  std::variant<Reply, Route> PullRoute(const RequestHead& head, int protocol) const {
    return Route{nullptr, [this, head, protocol](std::string) {
                   auto grant = Granted(head, "pull");
                   if (auto* refusal = std::get_if<Reply>(&grant)) return std::move(*refusal);
                   const DeviceGrant& granted = std::get<DeviceGrant>(grant);
                   auto query = DecodeQuery(head.query);
                   const ServiceReply reply =
                       query.ok() ? service_.Pull(query.value(), granted, protocol)
                                  : Refuse(400, "bad_request", query.status().message());
                   if (reply.status == 200)
                     NoteFinishedPull(registry_, granted, query.value());
                   else
                     Audit(audit_, Answered(head, "pull", granted.device, reply));
                   return ToHttp(head, reply);
                 }};
  }

  std::variant<Reply, Route> LaptopsRoute(const RequestHead& head) const {
    return Route{nullptr, [this, head](std::string) {
                   auto grant = Granted(head, "laptops");
                   if (auto* refusal = std::get_if<Reply>(&grant)) return std::move(*refusal);
                   return ToHttp(head, LaptopsReply(registry_, std::get<DeviceGrant>(grant)));
                 }};
  }

  std::variant<Reply, Route> EnrollRoute(const RequestHead& head) const {
    if (auto refusal = BodyHeadRefusal(head, kEnrollBodyBytes)) {
      Audit(audit_, Answered(head, "enroll", "", *refusal));
      return ToHttp(head, *refusal);
    }
    return Route{
        nullptr, [this, head](std::string body) {
          auto inflated = Inflated(head, std::move(body), kEnrollBodyBytes);
          const ServiceReply reply = inflated.ok()
                                         ? EnrollReply(registry_, inflated.value(), head.remote)
                                         : BodyRefusal(inflated.status());
          Audit(audit_, Answered(head, "enroll",
                                 inflated.ok() ? ClaimedDevice(inflated.value()) : "", reply));
          return ToHttp(head, reply);
        }};
  }

  // The token is checked before the body is read, so a push that will be refused costs no
  // memory for its body.
  std::variant<Reply, Route> PushRoute(const RequestHead& head, int protocol) const {
    const size_t limit = service_.limits().max_body_bytes;
    if (auto refusal = BodyHeadRefusal(head, limit)) {
      Audit(audit_, Answered(head, "push", "", *refusal));
      return ToHttp(head, *refusal);
    }
    auto grant = std::make_shared<DeviceGrant>();
    return Route{[this, head, grant]() -> std::optional<Reply> {
                   auto granted = Granted(head, "push");
                   if (auto* refusal = std::get_if<Reply>(&granted)) return std::move(*refusal);
                   *grant = std::get<DeviceGrant>(granted);
                   return std::nullopt;
                 },
                 [this, head, grant, limit, protocol](std::string body) {
                   auto inflated = Inflated(head, std::move(body), limit);
                   const ServiceReply reply =
                       inflated.ok() ? service_.Push(inflated.value(), *grant, protocol)
                                     : BodyRefusal(inflated.status());
                   Audit(audit_, PushAnswered(head, grant->device,
                                              inflated.ok() ? inflated.value() : "", reply));
                   return ToHttp(head, reply);
                 }};
  }

  // POST /v1/rotate: its body (the reference client sends "{}") says nothing.
  std::variant<Reply, Route> RotateRoute(const RequestHead& head) const {
    if (auto refusal = BodyHeadRefusal(head, kEnrollBodyBytes)) return ToHttp(head, *refusal);
    return Route{nullptr, [this, head](std::string) {
                   auto grant = Granted(head, "rotate");
                   if (auto* refusal = std::get_if<Reply>(&grant)) return std::move(*refusal);
                   const DeviceGrant& granted = std::get<DeviceGrant>(grant);
                   const ServiceReply reply = RotateReply(registry_, granted);
                   Audit(audit_, Answered(head, "rotate", granted.device, reply));
                   return ToHttp(head, reply);
                 }};
  }

  // The grant of the request's token, or the refusal to send, recorded in the audit log with
  // the device of a revoked or expired token.
  std::variant<DeviceGrant, Reply> Granted(const RequestHead& head,
                                           const std::string& endpoint) const {
    std::string refused_device;
    auto grant = Authenticated(head, registry_, &refused_device);
    if (grant.ok()) return grant.value();
    const ServiceReply reply = TokenRefusal(grant.status());
    Audit(audit_, Answered(head, endpoint, refused_device, reply));
    return ToHttp(head, reply);
  }

  SyncService& service_;
  DeviceRegistry& registry_;
  AuditLog& audit_;
  const std::string prefix_;
};

}  // namespace

struct HttpServer::Running {
  std::unique_ptr<boost::asio::ssl::context> tls_context;
  std::unique_ptr<http::Listener> listener;
};

HttpServer::HttpServer(SyncService& service, DeviceRegistry& registry, AuditLog& audit,
                       std::string listen_url, std::optional<TlsIdentity> tls, http::Limits limits)
    : service_(service),
      registry_(registry),
      audit_(audit),
      listen_url_(std::move(listen_url)),
      tls_(std::move(tls)),
      limits_(limits) {}

HttpServer::~HttpServer() {
  Stop();
}

Status HttpServer::Start() {
  if ((listen_url_.rfind("https://", 0) == 0) != tls_.has_value()) {
    return Status::Error("--listen: " + listen_url_ +
                         (tls_ ? " is not https://, so it cannot use --cert and --key"
                               : " is https://, so it needs --cert and --key"));
  }
  std::string host;
  std::string prefix;
  int port = 0;
  try {
    const web::uri uri(listen_url_);
    host = uri.host();
    port = uri.port();
    prefix = uri.path();
    while (!prefix.empty() && prefix.back() == '/')
      prefix.pop_back();
    if (port <= 0) port = tls_ ? 443 : 80;
  } catch (const std::exception& error) {
    return Status::Error("--listen: " + listen_url_ + " is not a URL: " + error.what());
  }
  auto running = std::make_unique<Running>();
  if (tls_) {
    running->tls_context =
        std::make_unique<boost::asio::ssl::context>(boost::asio::ssl::context::tls_server);
    try {
      tls_->Apply(*running->tls_context);
    } catch (const std::exception& error) {
      return Status::Error(std::string("--cert: cannot be used: ") + error.what());
    }
  }
  running->listener = std::make_unique<http::Listener>(
      limits_, ProtocolRouter(service_, registry_, audit_, prefix), running->tls_context.get());
  if (Status started = running->listener->Start(host, static_cast<unsigned short>(port));
      !started.ok()) {
    return started;
  }
  running_ = std::move(running);
  return Status::Ok();
}

void HttpServer::Stop() {
  if (running_) running_->listener->Stop();
  running_.reset();
}

}  // namespace relay::server
