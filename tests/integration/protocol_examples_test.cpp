// The worked examples of docs/protocol.md, sent to a real relay-server: each request example
// is accepted and each answer example is what the server answers, up to the values that
// differ per database (its id, the feed's cursors).
#include <gtest/gtest.h>

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

// Answers with the per-database values set to the example's, so the rest can be compared.
json LikeTheExample(json answer, const json& example) {
  for (const char* member : {"server", "next_cursor"}) {
    if (answer.contains(member) && example.contains(member)) answer[member] = example[member];
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
      {"GET", "/v2/pull?after=0&limit=1000&schema_version=4&device=" + laptop_b, "", token_b});
  ASSERT_TRUE(pulled.ok()) << pulled.status().message();
  ASSERT_EQ(pulled.value().status, 200) << pulled.value().body;
  const json pull_answer = Example("v2-pull-answer");
  ASSERT_TRUE(pull_answer.is_object()) << "docs/protocol.md lost its example v2-pull-answer";
  EXPECT_EQ(LikeTheExample(json::parse(pulled.value().body), pull_answer), pull_answer);
}

}  // namespace
}  // namespace relay
