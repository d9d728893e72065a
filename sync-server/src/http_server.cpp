#include "http_server.h"

#include <cpprest/http_listener.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <iostream>
#include <map>

#include "refusals.h"
#include "relay/gzip.h"
#include "relay/protocol.h"

namespace relay::server {
namespace {

using web::http::http_request;
using web::http::http_response;
using web::http::methods;

constexpr size_t kCompressAboveBytes = 1024;

// True when the header lists the token, ignoring case (header lookup itself ignores case).
bool HeaderContains(const web::http::http_headers& headers, const std::string& name,
                    const std::string& token) {
  auto it = headers.find(name);
  if (it == headers.end()) return false;
  std::string value = it->second;
  std::transform(value.begin(), value.end(), value.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return value.find(token) != std::string::npos;
}

void Reply(http_request request, const ServiceReply& reply) {
  http_response response(static_cast<web::http::status_code>(reply.status));
  response.headers().add("Content-Type", "application/json; charset=utf-8");
  if (reply.body.size() > kCompressAboveBytes &&
      HeaderContains(request.headers(), "Accept-Encoding", "gzip")) {
    const std::string compressed = GzipCompress(reply.body);
    response.headers().add("Content-Encoding", "gzip");
    response.set_body(std::vector<unsigned char>(compressed.begin(), compressed.end()));
  } else {
    response.set_body(std::vector<unsigned char>(reply.body.begin(), reply.body.end()));
  }
  // A client that hung up cannot be answered; that is not the server's failure.
  request.reply(response).then([](pplx::task<void> sent) {
    try {
      sent.get();
    } catch (const std::exception&) {
    }
  });
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

// An enrollment is a code and a device id: a few hundred bytes at most.
constexpr size_t kEnrollBodyBytes = 4096;

// Reads a declared-length body (gzip allowed) of at most limit bytes and answers with
// handle's reply to it, or with the refusal of a body missing its length, too large or
// unreadable; answered sees each answer, with the body ("" when unread), before it is sent.
void WithBody(http_request request, size_t limit,
              std::function<ServiceReply(const std::string&)> handle,
              std::function<void(const std::string&, const ServiceReply&)> answered) {
  auto answer = [request, answered](const std::string& body, const ServiceReply& reply) {
    answered(body, reply);
    Reply(request, reply);
  };
  // A body must declare its length, so an oversized one is refused before it is read.
  if (!request.headers().has("Content-Length") ||
      HeaderContains(request.headers(), "Transfer-Encoding", "chunked")) {
    return answer("", Refuse(411, "length_required",
                             "Content-Length: required on " + request.relative_uri().path() +
                                 " (no chunked bodies)"));
  }
  if (request.headers().content_length() > limit) {
    return answer("", Refuse(413, "too_large",
                             "body: larger than the limit of " + std::to_string(limit) +
                                 " bytes; send smaller batches"));
  }
  const bool gzipped = HeaderContains(request.headers(), "Content-Encoding", "gzip");
  request.extract_vector().then([gzipped, limit, handle,
                                 answer](pplx::task<std::vector<unsigned char>> body_task) {
    try {
      const auto bytes = body_task.get();
      std::string body(bytes.begin(), bytes.end());
      if (gzipped) {
        auto inflated = GzipDecompress(body, limit);
        if (!inflated.ok()) return answer("", BodyRefusal(inflated.status()));
        body = std::move(inflated).value();
      }
      answer(body, handle(body));
    } catch (const std::exception& error) {
      answer("",
             Refuse(400, "bad_request", std::string("body: could not be read: ") + error.what()));
    }
  });
}

// What the audit log keeps of an answer to a request: its status, and the error code and
// message of a refusal.
AuditEntry Answered(const http_request& request, const std::string& endpoint,
                    const std::string& device, const ServiceReply& reply) {
  AuditEntry entry;
  entry.device = device;
  entry.remote = request.remote_address();
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

// A push's entry also counts its changes: those applied or already received when accepted,
// else the entries of its "changes" array, when its body could be read as JSON.
AuditEntry PushAnswered(const http_request& request, const std::string& device,
                        const std::string& body, const ServiceReply& reply) {
  AuditEntry entry = Answered(request, "push", device, reply);
  if (reply.status == 200) {
    if (auto response = DecodePushResponse(reply.body); response.ok()) {
      entry.applied = response.value().applied;
      entry.duplicates = response.value().duplicates;
      entry.changes = entry.applied + entry.duplicates;
    }
  } else if (!body.empty()) {
    const auto document = nlohmann::json::parse(body, nullptr, false);
    if (document.is_object() && document.contains("changes") && document["changes"].is_array())
      entry.changes = static_cast<int64_t>(document["changes"].size());
  }
  return entry;
}

// The device an enrollment body names, whatever its form; "" when it names none.
std::string ClaimedDevice(const std::string& body) {
  const auto document = nlohmann::json::parse(body, nullptr, false);
  if (!document.is_object() || !document.contains("device") || !document["device"].is_string())
    return "";
  return document["device"].get<std::string>();
}

// Keeps the entry; a failure is printed, never answered, since what the request did (a push
// is committed by now) stands without it.
void Audit(AuditLog& audit, AuditEntry entry) {
  if (Status status = audit.Record(std::move(entry)); !status.ok())
    std::cerr << "relay-server: could not write the audit log: " << status.message() << "\n";
}

// The grant of the request's "Authorization: Bearer TOKEN", or why there is none.
Result<DeviceGrant> Authenticated(const http_request& request, DeviceRegistry& registry) {
  const auto header = request.headers().find("Authorization");
  constexpr std::string_view kScheme = "Bearer ";
  if (header == request.headers().end() || header->second.rfind(kScheme, 0) != 0) {
    return Status::Error(
        ErrorKind::kNotAllowed,
        "Authorization: send \"Bearer TOKEN\"; a laptop gets its token by enrolling with a "
        "code from the county office");
  }
  return registry.Authenticate(header->second.substr(kScheme.size()));
}

// POST /v1/enroll: {"code", "device"} for {"token", "device", "role", "township_id", "server"}.
ServiceReply EnrollReply(DeviceRegistry& registry, const std::string& body) {
  const auto request = nlohmann::json::parse(body, nullptr, false);
  if (!request.is_object() || !request.contains("code") || !request["code"].is_string() ||
      !request.contains("device") || !request["device"].is_string()) {
    return Refuse(400, "bad_request",
                  "body: must be a JSON object with \"code\" and \"device\" strings");
  }
  auto enrolled = registry.Enroll(request["code"], request["device"]);
  if (!enrolled.ok()) return EnrollRefusal(enrolled.status());
  const DeviceGrant& grant = enrolled.value().grant;
  return ServiceReply{200, nlohmann::json{{"token", enrolled.value().token},
                                          {"device", grant.device},
                                          {"role", grant.role},
                                          {"township_id", grant.township_id},
                                          {"server", registry.server_id()}}
                               .dump()};
}

}  // namespace

struct HttpServer::Listener {
  web::http::experimental::listener::http_listener listener;
};

HttpServer::HttpServer(SyncService& service, DeviceRegistry& registry, AuditLog& audit,
                       std::string listen_url, std::optional<TlsIdentity> tls)
    : service_(service),
      registry_(registry),
      audit_(audit),
      listen_url_(std::move(listen_url)),
      tls_(std::move(tls)) {}

HttpServer::~HttpServer() {
  Stop();
}

Status HttpServer::Start() {
  if ((listen_url_.rfind("https://", 0) == 0) != tls_.has_value()) {
    return Status::Error("--listen: " + listen_url_ +
                         (tls_ ? " is not https://, so it cannot use --cert and --key"
                               : " is https://, so it needs --cert and --key"));
  }
  try {
    web::http::experimental::listener::http_listener_config config;
    config.set_timeout(std::chrono::seconds(120));
    if (tls_) {
      config.set_ssl_context_callback(
          [identity = *tls_](boost::asio::ssl::context& context) { identity.Apply(context); });
    }
    listener_ = std::make_unique<Listener>(
        Listener{web::http::experimental::listener::http_listener(listen_url_, config)});
  } catch (const std::exception& error) {
    return Status::Error("--listen: cannot listen on " + listen_url_ + ": " + error.what());
  }
  SyncService& service = service_;
  DeviceRegistry& registry = registry_;
  AuditLog& audit = audit_;
  listener_->listener.support([&service, &registry, &audit](http_request request) {
    try {
      const std::string path = request.relative_uri().path();
      const auto method = request.method();
      const bool is_read = path == "/v1/pull" || path == "/v1/digest" || path == "/v1/health";
      if (!is_read && path != "/v1/push" && path != "/v1/enroll") {
        return Reply(request, Refuse(404, "not_found", "no such endpoint: " + path));
      }
      const auto expected = is_read ? methods::GET : methods::POST;
      if (method != expected) {
        return Reply(request, Refuse(405, "method", "use " + expected + " for " + path));
      }
      if (path == "/v1/digest") return Reply(request, service.Digest());
      if (path == "/v1/health") return Reply(request, ServiceReply{200, R"({"status":"ok"})"});
      if (path == "/v1/enroll") {
        return WithBody(
            request, kEnrollBodyBytes,
            [&registry](const std::string& body) { return EnrollReply(registry, body); },
            [request, &audit](const std::string& body, const ServiceReply& reply) {
              Audit(audit, Answered(request, "enroll", ClaimedDevice(body), reply));
            });
      }
      auto grant = Authenticated(request, registry);
      if (!grant.ok()) {
        const ServiceReply reply = TokenRefusal(grant.status());
        Audit(audit, Answered(request, path.substr(4) /* push or pull */, "", reply));
        return Reply(request, reply);
      }
      const DeviceGrant granted = grant.value();
      const std::string device = granted.device;
      if (path == "/v1/pull") {
        auto query = DecodeQuery(request.relative_uri().query());
        const ServiceReply reply = query.ok()
                                       ? service.Pull(query.value(), granted)
                                       : Refuse(400, "bad_request", query.status().message());
        if (reply.status != 200) Audit(audit, Answered(request, "pull", device, reply));
        return Reply(request, reply);
      }
      WithBody(
          request, service.limits().max_body_bytes,
          [&service, granted](const std::string& body) { return service.Push(body, granted); },
          [request, &audit, device](const std::string& body, const ServiceReply& reply) {
            Audit(audit, PushAnswered(request, device, body, reply));
          });
    } catch (const std::exception& error) {
      Reply(request, Refuse(500, "internal", error.what()));
    }
  });
  try {
    listener_->listener.open().wait();
  } catch (const std::exception& error) {
    listener_.reset();
    return Status::Error("--listen: cannot listen on " + listen_url_ + ": " + error.what());
  }
  return Status::Ok();
}

void HttpServer::Stop() {
  if (!listener_) return;
  try {
    listener_->listener.close().wait();
  } catch (const std::exception& error) {
    std::cerr << "relay-server: while stopping: " << error.what() << "\n";
  }
  listener_.reset();
}

}  // namespace relay::server
