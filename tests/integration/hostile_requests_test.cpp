// Hundreds of malformed requests from an enrolled laptop against a real relay-server: each is
// refused with a 4xx and a reason, nothing of them is stored, and the server keeps serving.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "relay/edge/curl_transport.h"
#include "relay/edge/enrollment.h"
#include "relay/edge/local_store.h"
#include "relay/protocol.h"
#include "relay/schema.h"
#include "server_process.h"
#include "temp_dir.h"

namespace relay {
namespace {

constexpr const char* kRecord = "01890a5d-ac96-774b-bcce-b302099a8057";

// A push body from device with one change whose members are as given (each a JSON text).
std::string PushBody(const std::string& device, const std::string& table, const std::string& field,
                     const std::string& value,
                     const std::string& record = std::string("\"") + kRecord + "\"",
                     const std::string& hlc = "\"0000018f00000000-0000\"",
                     const std::string& seq = "1") {
  return R"({"protocol":1,"schema_version":)" + std::to_string(kSchemaVersion) + R"(,"device":")" +
         device + R"(","changes":[{"seq":)" + seq + R"(,"table":)" + table + R"(,"id":)" + record +
         R"(,"field":)" + field + R"(,"value":)" + value + R"(,"hlc":)" + hlc +
         R"(,"seen":"0000000000000000-0000"}]})";
}

// Every malformed request of the battery: method, path and body.
std::vector<edge::HttpRequest> Battery(const std::string& device, const std::string& token) {
  std::vector<edge::HttpRequest> requests;
  auto push = [&](const std::string& body) {
    requests.push_back({"POST", "/v1/push", body, token});
  };
  // Not JSON, or JSON of the wrong shape.
  for (const char* body : {"", "{", "}", "[]", "null", "42", "\"text\"", "{\"protocol\":1}",
                           "{not json", "{\"changes\":{}}", "\xff\xfe\xfd", "{\"a\":1,}"}) {
    push(body);
  }
  // Members of the wrong type or out of range.
  const std::string good_value = "\"蒙H·12345\"";
  for (const std::string table :
       {"\"no_table\"", "1", "null", "\"\"", "\"vehicles; DROP TABLE feed\"", "[]"}) {
    push(PushBody(device, table, "\"plate\"", good_value));
  }
  for (const std::string field :
       {"\"no_field\"", "2", "null", "\"\"", "\"id\"", "\"plate\\u0000\"", "{}"}) {
    push(PushBody(device, "\"vehicles\"", field, good_value));
  }
  for (const std::string& value :
       std::vector<std::string>{"\"not a plate\"", "12345", "true", "[1,2]", "{\"a\":1}",
                                "\"" + std::string(5000, 'x') + "\"", "\"\\ud800\""}) {
    push(PushBody(device, "\"vehicles\"", "\"plate\"", value));
  }
  for (const std::string value : {"0", "61", "-5", "\"four\"", "4.5", "1e99"}) {
    push(PushBody(device, "\"vehicles\"", "\"seats\"", value));
  }
  for (const std::string value : {"\"yesterday\"", "\"2024-13-01 10:00\"", "17", "\"\""}) {
    push(PushBody(device, "\"transports\"", "\"call_received_at\"", value));
  }
  for (const std::string record :
       {"\"not-an-id\"", "1", "null", "\"\"", "\"01890A5D-AC96-774B-BCCE-B302099A8057\"",
        "\"01890a5d-ac96-474b-bcce-b302099a8057\""}) {
    push(PushBody(device, "\"vehicles\"", "\"plate\"", good_value, record));
  }
  for (const std::string hlc : {"\"\"", "\"zz\"", "1", "null", "\"ffffffffffffffff-ffff\"",
                                "\"0000018f00000000\"", "\"9999999999999999-0000\""}) {
    push(PushBody(device, "\"vehicles\"", "\"plate\"", good_value,
                  std::string("\"") + kRecord + "\"", hlc));
  }
  for (const std::string seq : {"0", "-1", "\"1\"", "1.5", "null", "99999999999999999999"}) {
    push(PushBody(device, "\"vehicles\"", "\"plate\"", good_value,
                  std::string("\"") + kRecord + "\"", "\"0000018f00000000-0000\"", seq));
  }
  // Another device's changes with this token, and wrong protocol or schema versions.
  push(PushBody("01890a5d-0000-7000-8000-00000000000f", "\"vehicles\"", "\"plate\"", good_value));
  for (const char* version : {"0", "2", "\"3\"", "-1"}) {
    std::string body = PushBody(device, "\"vehicles\"", "\"plate\"", good_value);
    body.replace(body.find("\"protocol\":1"), 12, std::string("\"protocol\":") + version);
    push(body);
  }
  // Protocol 2 pushes, each a good one-vehicle push with one member broken.
  const nlohmann::json good_v2 = {{"protocol", 2},
                                  {"schema_version", kSchemaVersion},
                                  {"device", device},
                                  {"people", nlohmann::json::array()},
                                  {"blocks",
                                   {{{"table", "vehicles"},
                                     {"fields", {"plate", "seats"}},
                                     {"ids", {kRecord}},
                                     {"stamps", {{1, 1'700'000'000'000, 0, 3, -1, ""}}},
                                     {"values", {{"蒙H·12345"}, {4}}}}}}};
  const std::vector<std::pair<nlohmann::json::json_pointer, nlohmann::json>> v2_breaks = {
      {"/protocol"_json_pointer, 1},
      {"/people"_json_pointer, {"nobody"}},
      {"/blocks"_json_pointer, {{}}},
      {"/blocks/0/table"_json_pointer, "horses"},
      {"/blocks/0/fields/1"_json_pointer, "plate"},
      {"/blocks/0/fields/1"_json_pointer, "wheels"},
      {"/blocks/0/ids/0"_json_pointer, "not-an-id"},
      {"/blocks/0/stamps/0"_json_pointer, {1, 2, 3}},
      {"/blocks/0/stamps/0/0"_json_pointer, 0},
      {"/blocks/0/stamps/0/1"_json_pointer, -1},
      {"/blocks/0/stamps/0/2"_json_pointer, 70000},
      {"/blocks/0/stamps/0/3"_json_pointer, 0},
      {"/blocks/0/stamps/0/3"_json_pointer, 4},
      {"/blocks/0/stamps/0/3"_json_pointer, 1.5},
      {"/blocks/0/stamps/0/4"_json_pointer, 0},
      {"/blocks/0/stamps/0/5"_json_pointer, "yesterday"},
      {"/blocks/0/values/1"_json_pointer, nlohmann::json::array()},
      {"/blocks/0/values/1/0"_json_pointer, 61},
      {"/blocks/0/values/1/1"_json_pointer, 5},
      {"/blocks/0/values/0/0"_json_pointer, {{"a", 1}}},
      {"/blocks/0/values"_json_pointer, {{"蒙H·12345"}}},
  };
  for (const auto& [pointer, broken] : v2_breaks) {
    nlohmann::json body = good_v2;
    body[pointer] = broken;
    requests.push_back({"POST", "/v2/push", body.dump(), token});
  }
  for (const char* query : {"after=-1", "limit=0", "limit=10001", "device=laptop-7"}) {
    requests.push_back({"GET", std::string("/v2/pull?") + query, "", token});
  }
  // Pulls with bad parameters, enrollments with bad bodies, and unknown paths or methods.
  for (const char* query :
       {"after=-1", "after=abc", "after=1.5", "limit=0", "limit=-3", "limit=999999", "after=%zz",
        "schema_version=1", "schema_version=x", "device=laptop-7",
        "device=01890a5d-0000-7000-8000-00000000000f", "after=99999999999999999999"}) {
    requests.push_back({"GET", std::string("/v1/pull?") + query, "", token});
  }
  for (const char* body :
       {"", "{}", "[]", "{\"code\":1,\"device\":2}", "{\"code\":\"ABCDE-FGHJK\"}",
        "{\"code\":\"ABCDE-FGHJK\",\"device\":\"nope\"}",
        "{\"code\":\"ABCDE-FGHJK\",\"device\":\"01890a5d-0000-7000-8000-000000000001\"}"}) {
    requests.push_back({"POST", "/v1/enroll", body, ""});
  }
  for (const char* path :
       {"/", "/v1", "/v1/pushx", "/v2/push", "/v3/push", "/v1/push/extra", "/admin"}) {
    requests.push_back({"GET", path, "", token});
  }
  requests.push_back({"GET", "/v1/push", "", token});
  requests.push_back({"POST", "/v1/pull", "{}", token});
  requests.push_back({"POST", "/v1/digest", "{}", token});
  // Every push again without a token, and with a forged one.
  const size_t pushes = requests.size();
  for (size_t i = 0; i < pushes; ++i) {
    if (requests[i].method != "POST" || requests[i].path.find("/push") == std::string::npos)
      continue;
    requests.push_back({"POST", requests[i].path, requests[i].body, ""});
    requests.push_back({"POST", requests[i].path, requests[i].body, token + "x"});
  }
  return requests;
}

TEST(HostileRequests, TwoHundredMalformedRequestsAreRefusedWithReasonsAndStoreNothing) {
  testing::TempDir dir;
  testing::ServerProcess server(RELAY_SERVER_BIN, dir.File("county.db"));
  ASSERT_TRUE(server.Start());
  SystemClock clock;
  auto laptop = edge::LocalStore::Open(dir.File("a.db"), clock).value();
  edge::CurlTransport transport(server.url());
  auto enrolled = edge::Enroll(*laptop, transport, server.IssueCode());
  ASSERT_TRUE(enrolled.ok()) << enrolled.status().message();
  const std::string before = transport.Send({"GET", "/v1/digest", ""}).value().body;

  const auto requests = Battery(laptop->device_id(), enrolled.value().token);
  ASSERT_GE(requests.size(), 200u);
  for (const auto& request : requests) {
    auto reply = transport.Send(request);
    ASSERT_TRUE(reply.ok()) << request.method << " " << request.path << ": "
                            << reply.status().message() << " (did the server die?)";
    const long status = reply.value().status;
    EXPECT_TRUE(status >= 400 && status < 500)
        << status << " for " << request.method << " " << request.path << " "
        << request.body.substr(0, 200) << "\n"
        << reply.value().body.substr(0, 300);
    EXPECT_FALSE(DecodeErrorMessage(reply.value().body).empty())
        << "no reason for " << request.path << " " << request.body.substr(0, 200);
  }
  EXPECT_EQ(transport.Send({"GET", "/v1/health", ""}).value().status, 200);
  EXPECT_EQ(transport.Send({"GET", "/v1/digest", ""}).value().body, before);
  auto feed = transport.Send({"GET", "/v1/pull?after=0", "", enrolled.value().token});
  ASSERT_EQ(feed.value().status, 200);
  EXPECT_TRUE(DecodePullResponse(feed.value().body).value().changes.empty());
}

}  // namespace
}  // namespace relay
