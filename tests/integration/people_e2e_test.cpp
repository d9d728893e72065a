// People on a shared laptop, end to end: relay-cli signs a person in (with their PIN when they
// have one), their changes reach the county's feed and another laptop with their id, and
// `relay-server admin history` names them.
#include <gtest/gtest.h>

#include "relay/edge/curl_transport.h"
#include "relay/edge/enrollment.h"
#include "relay/edge/sync_client.h"
#include "run_command.h"
#include "server_process.h"
#include "temp_dir.h"

namespace relay {
namespace {

using testing::CommandResult;
using testing::RunCommand;

std::string Trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
    text.pop_back();
  return text.substr(text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n') + 1);
}

// Keeps every pull answer that laptop B decodes.
class PullRecorder final : public edge::HttpTransport {
 public:
  explicit PullRecorder(std::string url) : inner_(std::move(url)) {}
  Result<edge::HttpResponse> Send(const edge::HttpRequest& request) override {
    auto response = inner_.Send(request);
    if (response.ok() && request.path.rfind("/v2/pull", 0) == 0) {
      auto pulled = DecodePullResponseV2(response.value().body);
      if (pulled.ok()) {
        for (auto& entry : pulled.value().changes)
          changes.push_back(std::move(entry.change));
      }
    }
    return response;
  }
  std::vector<Change> changes;

 private:
  edge::CurlTransport inner_;
};

class PeopleEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(server_.Start()) << "relay-server did not start";
    Cli("enroll " + server_.url() + " " + server_.IssueCode());
    township_ = Cli("put townships '{\"name\":\"明安图镇\",\"township_kind\":\"town\"}'").output;
    nurse_ = Cli("put staff '{\"township_id\":\"" + township_ +
                 "\",\"name\":\"萨仁高娃\",\"staff_role\":\"nurse\"}'")
                 .output;
  }
  // relay-cli on laptop A; output is the last line printed.
  CommandResult Cli(const std::string& args, int expected_exit = 0, const std::string& input = "",
                    const std::string& env = "") {
    const std::string command = (input.empty() ? "" : "printf '" + input + "' | ") + env + " " +
                                RELAY_CLI_BIN + " --db " + dir_.File("a.db") + " " + args +
                                (input.empty() ? " </dev/null" : "");
    CommandResult result = RunCommand(command);
    EXPECT_EQ(result.exit_code, expected_exit) << args << "\n" << result.output;
    result.output = Trimmed(result.output);
    return result;
  }
  std::string Vehicle(const std::string& plate) {
    return "'{\"plate\":\"" + plate +
           "\",\"owner_category\":\"public\",\"phone\":\"13800000000\"}'";
  }

  testing::TempDir dir_;
  testing::ServerProcess server_{RELAY_SERVER_BIN, dir_.File("county.db")};
  std::string township_, nurse_;
};

TEST_F(PeopleEndToEnd, APersonsChangeReachesTheCountyAndTheOtherLaptopWithTheirName) {
  const std::string vehicle =
      Cli("--person " + nurse_ + " put vehicles " + Vehicle("蒙H·12345")).output;
  ASSERT_TRUE(IsUuidV7(vehicle)) << vehicle;
  Cli("sync " + server_.url());

  SystemClock clock;
  auto laptop_b = edge::LocalStore::Open(dir_.File("b.db"), clock).value();
  edge::CurlTransport enroll(server_.url());
  ASSERT_TRUE(edge::Enroll(*laptop_b, enroll, server_.IssueCode()).ok());
  PullRecorder transport(server_.url());
  ASSERT_TRUE(edge::SyncClient(*laptop_b, transport).Run().ok());
  int of_vehicle = 0;
  for (const auto& change : transport.changes) {
    if (change.record_id != vehicle) continue;
    EXPECT_EQ(change.person, nurse_) << change.field;
    ++of_vehicle;
  }
  EXPECT_EQ(of_vehicle, 3);
  EXPECT_EQ(laptop_b->Get("staff", nurse_).value()["name"], "萨仁高娃");

  const CommandResult history =
      RunCommand(std::string(RELAY_SERVER_BIN) + " admin history --db " + dir_.File("county.db") +
                 " --table vehicles --id " + vehicle);
  ASSERT_EQ(history.exit_code, 0) << history.output;
  EXPECT_NE(history.output.find("plate=\"蒙H·12345\""), std::string::npos) << history.output;
  EXPECT_NE(history.output.find("person=萨仁高娃 (" + nurse_ + ")"), std::string::npos)
      << history.output;
  // The staff record itself was put by nobody.
  const CommandResult staff = RunCommand(std::string(RELAY_SERVER_BIN) + " admin history --db " +
                                         dir_.File("county.db") + " --table staff --id " + nurse_);
  EXPECT_NE(staff.output.find("name=\"萨仁高娃\""), std::string::npos) << staff.output;
  EXPECT_NE(staff.output.find("person=-"), std::string::npos) << staff.output;
  const CommandResult unknown =
      RunCommand(std::string(RELAY_SERVER_BIN) + " admin history --db " + dir_.File("county.db") +
                 " --table horses --id " + nurse_);
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_NE(unknown.output.find("--table"), std::string::npos) << unknown.output;
}

TEST_F(PeopleEndToEnd, AnUnknownOrArchivedPersonIsRefusedAndNothingIsStored) {
  const CommandResult unknown =
      Cli("--person 01890a5d-0000-7000-8000-0000000000c9 put vehicles " + Vehicle("蒙H·11111"), 1);
  EXPECT_NE(unknown.output.find("person: no staff record"), std::string::npos) << unknown.output;
  Cli("put staff '{\"id\":\"" + nurse_ + "\",\"archived\":true}'");
  const CommandResult archived =
      Cli("--person " + nurse_ + " put vehicles " + Vehicle("蒙H·11111"), 1);
  EXPECT_NE(archived.output.find("archived"), std::string::npos) << archived.output;
  EXPECT_EQ(Cli("get vehicles").output, "[]");
}

TEST_F(PeopleEndToEnd, APinIsSetFromStandardInputAndThenRequired) {
  const CommandResult too_short = Cli("pin set " + nurse_, 1, "12\\n");
  EXPECT_NE(too_short.output.find("pin: must be 4 to 8 digits"), std::string::npos)
      << too_short.output;
  EXPECT_EQ(Cli("pin set " + nurse_, 0, "4821\\n").output, "PIN set for " + nurse_);

  // Without the PIN, or with a wrong one, nothing is stored.
  const CommandResult missing =
      Cli("--person " + nurse_ + " put vehicles " + Vehicle("蒙H·22222"), 1);
  EXPECT_NE(missing.output.find("RELAY_PIN"), std::string::npos) << missing.output;
  const CommandResult wrong =
      Cli("--person " + nurse_ + " put vehicles " + Vehicle("蒙H·22222"), 1, "", "RELAY_PIN=1111");
  EXPECT_NE(wrong.output.find("pin: wrong PIN"), std::string::npos) << wrong.output;
  EXPECT_EQ(Cli("get vehicles").output, "[]");

  // From the environment or from standard input.
  Cli("--person " + nurse_ + " put vehicles " + Vehicle("蒙H·22222"), 0, "", "RELAY_PIN=4821");
  Cli("--person " + nurse_ + " put vehicles " + Vehicle("蒙H·33333"), 0, "4821\\n");

  // Changing it asks for the current one first, unless its owner is signed in.
  Cli("pin set " + nurse_, 1, "0000\\n5555\\n");
  Cli("pin set " + nurse_, 0, "4821\\n5555\\n");
  Cli("--person " + nurse_ + " pin clear " + nurse_, 0, "", "RELAY_PIN=5555");
  Cli("--person " + nurse_ + " status");  // no PIN any more: none asked
}

}  // namespace
}  // namespace relay
