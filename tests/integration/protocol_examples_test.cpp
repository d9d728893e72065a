// The worked examples of docs/protocol.md, sent to a real relay-server: each request example
// is accepted and each answer example is what the server answers, up to the values that
// differ per database (its id, the feed's cursors).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "relay/edge/curl_transport.h"
#include "server_process.h"
#include "temp_dir.h"

namespace relay {
namespace {

using nlohmann::json;

// The JSON block that follows `<!-- example: NAME -->` in docs/protocol.md, parsed.
json Example(const std::string& name) {
  std::ifstream file(std::string(RELAY_DOCS_DIR) + "/protocol.md");
  std::stringstream text;
  text << file.rdbuf();
  const std::string doc = text.str();
  const size_t marker = doc.find("<!-- example: " + name + " -->");
  if (marker == std::string::npos) return json();
  const size_t start = doc.find("```json\n", marker);
  const size_t end = doc.find("```", start + 8);
  if (start == std::string::npos || end == std::string::npos) return json();
  return json::parse(doc.substr(start + 8, end - start - 8), nullptr, false);
}

bool IsToken(const json& value) {
  if (!value.is_string() || value.get<std::string>().size() != 43) return false;
  const std::string text = value.get<std::string>();
  return std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
  });
}

// The answer with each member that differs per database or run (docs/protocol.md §24) set to
// the example's once it has that member's form, at any depth, so the rest can be compared.
json LikeTheExample(json answer, const json& example) {
  if (answer.is_array() && example.is_array() && answer.size() == example.size()) {
    for (size_t i = 0; i < answer.size(); ++i)
      answer[i] = LikeTheExample(answer[i], example[i]);
    return answer;
  }
  if (!answer.is_object() || !example.is_object()) return answer;
  for (auto& [member, value] : answer.items()) {
    const auto expected = example.find(member);
    if (expected == example.end()) continue;
    const bool number_or_null = value.is_number_integer() || value.is_null();
    const bool differs_per_run =
        (member == "server" && value.is_string()) || (member == "token" && IsToken(value)) ||
        ((member == "cursor" || member == "next_cursor" || member == "enrolled_ms" ||
          member == "expires") &&
         value.is_number_integer()) ||
        (member == "last_sync_ms" && number_or_null && expected->is_null() == value.is_null());
    value = differs_per_run ? *expected : LikeTheExample(value, *expected);
  }
  return answer;
}

class ProtocolExamples : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(server_.Start()); }

  // Enrolls `device` (the examples name their laptops) and returns its token.
  std::string Enroll(const std::string& device) {
    edge::CurlTransport transport(server_.url());
    auto answer = transport.Send(
        {"POST", "/v1/enroll", json{{"code", server_.IssueCode()}, {"device", device}}.dump()});
    if (!answer.ok() || answer.value().status != 200) return "";
    return json::parse(answer.value().body).value("token", "");
  }

  testing::TempDir dir_;
  testing::ServerProcess server_{RELAY_SERVER_BIN, dir_.File("county.db")};
};

TEST_F(ProtocolExamples, Protocol2PushAndPullAnswerAsDocumented) {
  const json push = Example("v2-push-request");
  ASSERT_TRUE(push.is_object()) << "docs/protocol.md lost its example v2-push-request";
  const std::string token_a = Enroll(push["device"]);
  const std::string laptop_b = "01a202b6-67dc-797c-910c-b2b5cb6868ee";
  const std::string token_b = Enroll(laptop_b);
  ASSERT_FALSE(token_a.empty());
  ASSERT_FALSE(token_b.empty());
  edge::CurlTransport transport(server_.url());

  auto pushed = transport.Send({"POST", "/v2/push", push.dump(), token_a});
  ASSERT_TRUE(pushed.ok()) << pushed.status().message();
  ASSERT_EQ(pushed.value().status, 200) << pushed.value().body;
  const json push_answer = Example("v2-push-answer");
  EXPECT_EQ(LikeTheExample(json::parse(pushed.value().body), push_answer), push_answer);

  auto pulled = transport.Send(
      {"GET", "/v2/pull?after=0&limit=1000&schema_version=5&device=" + laptop_b, "", token_b});
  ASSERT_TRUE(pulled.ok()) << pulled.status().message();
  ASSERT_EQ(pulled.value().status, 200) << pulled.value().body;
  const json pull_answer = Example("v2-pull-answer");
  ASSERT_TRUE(pull_answer.is_object()) << "docs/protocol.md lost its example v2-pull-answer";
  EXPECT_EQ(LikeTheExample(json::parse(pulled.value().body), pull_answer), pull_answer);
}

TEST_F(ProtocolExamples, EveryEndpointAnswersAsDocumented) {
  edge::CurlTransport transport(server_.url());
  // The answer to a request that must succeed, parsed; null otherwise.
  auto answer = [&](const edge::HttpRequest& request) {
    auto sent = transport.Send(request);
    EXPECT_TRUE(sent.ok() && sent.value().status == 200)
        << request.path << ": " << (sent.ok() ? sent.value().body : sent.status().message());
    return sent.ok() ? json::parse(sent.value().body, nullptr, false) : json();
  };
  auto expect_documented = [&](const json& got, const std::string& name) {
    const json example = Example(name);
    ASSERT_FALSE(example.is_discarded() || example.is_null())
        << "docs/protocol.md lost its example " << name;
    EXPECT_EQ(LikeTheExample(got, example), example) << name;
  };

  expect_documented(answer({"GET", "/v1/health", ""}), "health-answer");

  json enroll = Example("enroll-request");
  enroll["code"] = server_.IssueCode();
  const json enrolled = answer({"POST", "/v1/enroll", enroll.dump()});
  expect_documented(enrolled, "enroll-answer");
  const std::string token_a = enrolled.value("token", "");
  const std::string laptop_b = "01a202b6-67dc-797c-910c-b2b5cb6868ee";
  const std::string token_b = Enroll(laptop_b);
  ASSERT_FALSE(token_b.empty());

  expect_documented(answer({"POST", "/v1/push", Example("v1-push-request").dump(), token_a}),
                    "v1-push-answer");

  const json pulled = answer(
      {"GET", "/v1/pull?after=0&limit=1000&schema_version=5&device=" + laptop_b + "&set_aside=0",
       "", token_b});
  expect_documented(pulled, "v1-pull-answer");
  int64_t cursor = 0;
  for (const auto& change : pulled.value("changes", json::array())) {
    EXPECT_GT(change.value("cursor", int64_t{0}), cursor) << "cursors increase";
    cursor = change.value("cursor", int64_t{0});
  }
  EXPECT_EQ(pulled.value("next_cursor", int64_t{-1}), cursor);

  expect_documented(answer({"GET", "/v1/digest", ""}), "digest-answer");
  expect_documented(answer({"GET", "/v1/laptops", "", token_a}), "laptops-answer");
  expect_documented(answer({"POST", "/v1/rotate", "{}", token_b}), "rotate-answer");
}

}  // namespace
}  // namespace relay
