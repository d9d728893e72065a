// SyncService::Push and Pull over a fresh SqliteServerStorage per input, so the
// county's merge and receipt checks (conflict records, duplicates, double bookings, recorded
// times, archives) run on whatever the requests leave behind.
//
// An input is lines, one request each; the first character says which:
//   A BODY   push BODY with device A's token      B BODY   the same with device B's
//   a QUERY  pull with device A's token, QUERY as name=value&...   b QUERY   device B's
//   C, D, c, d   as A, B, a, b in protocol 2
// Other lines are skipped. Besides crashes and sanitizer findings it checks that every answer
// is a 200 or a 4xx with the protocol's bodies, that a refused push stores nothing, that an
// accepted one counts each change once, and that a laptop pulling the whole feed, in either
// protocol, ends with the county's digest. With RELAY_FUZZ_TRACE set it prints each answer, to read
// a reproducer.
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "database_template.h"
#include "expect.h"
#include "relay/clock.h"
#include "relay/protocol.h"
#include "relay/protocol_v2.h"
#include "relay/replica_state.h"
#include "service_calls.h"
#include "sqlite_server_storage.h"

namespace {

using relay::server::ServiceReply;

constexpr const char* kDeviceA = "01890a5d-0000-7000-8000-00000000000a";
constexpr const char* kDeviceB = "01890a5d-0000-7000-8000-00000000000b";
constexpr int64_t kStartMs = 1'717'200'000'000;  // 2024-06-01, after the seeds' stamps
constexpr size_t kMaxRequests = 24;

void Trace(const char* what, const std::string& device, const ServiceReply& reply) {
  static const bool kTracing = std::getenv("RELAY_FUZZ_TRACE") != nullptr;
  if (kTracing)
    std::fprintf(stderr, "%s as %s: %d %s\n", what, device.c_str(), reply.status,
                 reply.body.c_str());
}

void ExpectRefusalBody(const ServiceReply& reply) {
  Expect(reply.status >= 400 && reply.status < 500,
         "every request is answered 200 or 4xx (a working store never fails)",
         relay::Status::Error(std::to_string(reply.status) + " " + reply.body));
  const auto body = nlohmann::json::parse(reply.body, nullptr, false);
  Expect(body.is_object() && body.contains("error") && body["error"].is_object() &&
             body["error"].value("code", nlohmann::json()).is_string() &&
             !body["error"].value("message", std::string()).empty(),
         "a refusal has an error code and a reason");
}

std::map<std::string, std::string> Query(const std::string& text) {
  std::map<std::string, std::string> query;
  std::istringstream parts(text);
  for (std::string part; std::getline(parts, part, '&');) {
    const size_t equals = part.find('=');
    query[part.substr(0, equals)] = equals == std::string::npos ? "" : part.substr(equals + 1);
  }
  return query;
}

void Push(relay::server::SyncService& service, relay::server::SqliteServerStorage& storage,
          const std::string& body, const std::string& device, int protocol) {
  const std::string before = storage.Digest().value();
  const ServiceReply reply = PushAs(service, body, device, protocol);
  Trace("push", device, reply);
  if (reply.status != 200) {
    ExpectRefusalBody(reply);
    Expect(storage.Digest().value() == before, "a refused push stores nothing");
    return;
  }
  const auto response = relay::DecodePushResponse(reply.body);
  Expect(response.ok(), "an accepted push's answer decodes", response.status());
  const size_t max_changes = service.limits().max_changes_per_push;
  const auto request = protocol == relay::kProtocolVersion2
                           ? relay::DecodePushRequestV2(nlohmann::json::parse(body), max_changes)
                           : relay::DecodePushRequest(body, max_changes);
  Expect(request.ok(), "an accepted push body decodes", request.status());
  Expect(response.value().applied + response.value().duplicates ==
             static_cast<int64_t>(request.value().changes.size()),
         "each change of an accepted push is applied or a duplicate, once");
}

relay::Result<relay::PullResponse> DecodePull(const std::string& body, int protocol) {
  return protocol == relay::kProtocolVersion2 ? relay::DecodePullResponseV2(body)
                                              : relay::DecodePullResponse(body);
}

void Pull(relay::server::SyncService& service, const std::string& query, const std::string& device,
          int protocol) {
  const ServiceReply reply = PullAs(service, Query(query), device, protocol);
  Trace("pull", device, reply);
  if (reply.status != 200) return ExpectRefusalBody(reply);
  const auto response = DecodePull(reply.body, protocol);
  Expect(response.ok(), "a pull answer decodes on the laptop", response.status());
}

// A new laptop's replica after pulling the whole feed, page by page as relay-cli does.
std::string LaptopDigest(relay::server::SyncService& service, int protocol) {
  static const DatabaseTemplate kLaptop("laptop", [](const std::string& path) {
    auto db = relay::sql::Database::Open(path);
    Expect(db.ok() && relay::ReplicaState(*db.value()).EnsureSchema().ok(),
           "a laptop replica can be made");
  });
  auto db =
      relay::sql::Database::Open(kLaptop.FreshCopy("pulled" + std::to_string(protocol))).value();
  relay::ReplicaState laptop(*db);
  int64_t cursor = 0;
  for (bool more = true; more;) {
    const ServiceReply reply =
        PullAs(service, {{"after", std::to_string(cursor)}, {"limit", "1000"}}, kDeviceA, protocol);
    Expect(reply.status == 200, "the whole feed can be pulled", relay::Status::Error(reply.body));
    const auto page = DecodePull(reply.body, protocol);
    Expect(page.ok(), "every page of the feed decodes on the laptop", page.status());
    for (const auto& entry : page.value().changes) {
      const auto applied = laptop.Apply(entry.change);
      Expect(applied.ok(), "the laptop applies every pulled change", applied.status());
    }
    Expect(page.value().next_cursor > cursor || !page.value().more, "pulling moves on");
    cursor = page.value().next_cursor;
    more = page.value().more;
  }
  return laptop.Digest().value();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  relay::ManualClock clock(kStartMs);
  static const DatabaseTemplate kCounty("county", [](const std::string& path) {
    relay::ManualClock clock(kStartMs);
    Expect(relay::server::SqliteServerStorage::Open(path, clock).ok(), "a county store opens");
  });
  auto storage = relay::server::SqliteServerStorage::Open(kCounty.FreshCopy("serving"), clock);
  Expect(storage.ok(), "a county store opens", storage.status());
  relay::server::SyncService service(*storage.value(), clock, relay::server::ServiceLimits{});

  std::istringstream lines(std::string(reinterpret_cast<const char*>(data), size));
  size_t requests = 0;
  for (std::string line; requests < kMaxRequests && std::getline(lines, line);) {
    if (line.size() < 2) continue;
    const char kind = line[0];
    if (std::string("ABCDabcd").find(kind) == std::string::npos) continue;
    const std::string device =
        std::string("ACac").find(kind) != std::string::npos ? kDeviceA : kDeviceB;
    const int protocol = std::string("CDcd").find(kind) != std::string::npos
                             ? relay::kProtocolVersion2
                             : relay::kProtocolVersion;
    const std::string payload = line.substr(line[1] == ' ' ? 2 : 1);
    if (std::isupper(static_cast<unsigned char>(kind))) {
      Push(service, *storage.value(), payload, device, protocol);
    } else {
      Pull(service, payload, device, protocol);
    }
    ++requests;
    clock.Advance(1000);
  }
  if (requests > 0) {
    for (int protocol : {relay::kProtocolVersion, relay::kProtocolVersion2}) {
      Expect(LaptopDigest(service, protocol) == storage.value()->Digest().value(),
             "a laptop that pulled the whole feed holds the county's merged state");
    }
  }
  return 0;
}
