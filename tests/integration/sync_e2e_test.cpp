// End to end: real relay-server processes on loopback, real libcurl clients and relay-cli.
#include <gtest/gtest.h>

#include <zstd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>

#include "relay/edge/curl_transport.h"
#include "relay/edge/enrollment.h"
#include "relay/edge/sync_client.h"
#include "relay/gzip.h"
#include "relay/protocol_v2.h"
#include "run_command.h"
#include "server_process.h"
#include "temp_dir.h"

namespace relay {
namespace {

using edge::CurlTransport;
using edge::HttpRequest;
using edge::HttpResponse;
using edge::LocalStore;
using edge::SyncClient;

using testing::CommandResult;
using testing::RunCommand;

std::string LastLine(const std::string& text) {
  std::string trimmed = text;
  while (!trimmed.empty() && trimmed.back() == '\n')
    trimmed.pop_back();
  return trimmed.substr(trimmed.rfind('\n') == std::string::npos ? 0 : trimmed.rfind('\n') + 1);
}

std::string ServerDigest(const std::string& url) {
  CurlTransport transport(url);
  auto reply = transport.Send({"GET", "/v1/digest", ""});
  if (!reply.ok() || reply.value().status != 200) return "unavailable";
  return nlohmann::json::parse(reply.value().body)["digest"];
}

// Everything in the county's feed, read with a county laptop's token.
size_t ServerFeedSize(const std::string& url, const std::string& token) {
  CurlTransport transport(url);
  size_t total = 0;
  int64_t after = 0;
  for (;;) {
    auto reply = transport.Send({"GET", "/v1/pull?after=" + std::to_string(after), "", token});
    auto page = DecodePullResponse(reply.value().body).value();
    total += page.changes.size();
    after = page.next_cursor;
    if (!page.more) return total;
  }
}

nlohmann::json Vehicle(int n) {
  char plate[32];
  std::snprintf(plate, sizeof plate, "蒙H·%05d", n);
  return {{"plate", plate}, {"owner_category", "gacha_committee"}, {"phone", "13800000000"}};
}

// Passes requests to a real server and lets a test act between the server's work and the
// client's receipt of the answer: drop the answer, or kill the server.
class InterceptingTransport final : public edge::HttpTransport {
 public:
  explicit InterceptingTransport(std::string url) : inner_(std::move(url)) {}
  Result<HttpResponse> Send(const HttpRequest& request) override {
    auto response = inner_.Send(request);
    if (after_response && !after_response(request)) {
      return Status::Error(ErrorKind::kUnreachable, "link dropped before the answer arrived");
    }
    return response;
  }
  // Returns false to lose the answer.
  std::function<bool(const HttpRequest&)> after_response;

 private:
  CurlTransport inner_;
};

class SyncEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(server_.Start()) << "relay-server did not start";
    reader_token_ = EnrolledToken();
  }

  std::string Cli(const std::string& db, const std::string& args) {
    auto result = RunCommand(std::string(RELAY_CLI_BIN) + " --db " + dir_.File(db) + " " + args);
    EXPECT_EQ(result.exit_code, 0) << args << "\n" << result.output;
    return LastLine(result.output);
  }
  // Enrolls a laptop's database with a fresh county code, as relay-cli does.
  void Enroll(const std::string& db) {
    Cli(db, "enroll " + server_.url() + " " + server_.IssueCode());
  }
  void Enroll(LocalStore& laptop) {
    CurlTransport transport(server_.url());
    auto enrolled = edge::Enroll(laptop, transport, server_.IssueCode());
    ASSERT_TRUE(enrolled.ok()) << enrolled.status().message();
  }
  // The token of a county device that only reads, for looking at the server's feed.
  std::string EnrolledToken() {
    auto reader = LocalStore::Open(dir_.File("reader.db"), clock_).value();
    CurlTransport transport(server_.url());
    auto enrolled = edge::Enroll(*reader, transport, server_.IssueCode());
    EXPECT_TRUE(enrolled.ok()) << enrolled.status().message();
    return enrolled.ok() ? enrolled.value().token : "";
  }
  size_t FeedSize() { return ServerFeedSize(server_.url(), reader_token_); }

  testing::TempDir dir_;
  SystemClock clock_;
  testing::ServerProcess server_{RELAY_SERVER_BIN, dir_.File("county.db")};
  std::string reader_token_;
};

TEST_F(SyncEndToEnd, TwoCliReplicasThatWroteOfflinePrintTheSameDigestAfterSync) {
  Cli("a.db", "init");
  Cli("b.db", "init");
  Enroll("a.db");
  Enroll("b.db");
  const std::string id = Cli("a.db", "put vehicles '" + Vehicle(1).dump() + "'");
  EXPECT_TRUE(IsUuidV7(id)) << id;
  Cli("a.db", "put vehicles '" + Vehicle(2).dump() + "'");
  Cli("b.db", "put vehicles '" + Vehicle(3).dump() + "'");
  EXPECT_NE(Cli("a.db", "digest"), Cli("b.db", "digest"));
  Cli("a.db", "sync " + server_.url());
  Cli("b.db", "sync " + server_.url());

  // Both laptops go offline again and edit different fields of the same vehicle.
  Cli("b.db", "put vehicles '{\"id\":\"" + id + "\",\"seats\":4}'");
  Cli("a.db", "put vehicles '{\"id\":\"" + id + "\",\"note\":\"换了新轮胎\"}'");
  Cli("a.db", "sync " + server_.url());
  Cli("b.db", "sync " + server_.url());
  Cli("a.db", "sync " + server_.url());
  const std::string digest = Cli("a.db", "digest");
  EXPECT_EQ(digest, Cli("b.db", "digest"));
  EXPECT_EQ(digest, ServerDigest(server_.url()));
  auto edited = nlohmann::json::parse(
      RunCommand(std::string(RELAY_CLI_BIN) + " --db " + dir_.File("b.db") + " get vehicles " + id)
          .output);
  EXPECT_EQ(edited["seats"], 4);
  EXPECT_EQ(edited["note"], "换了新轮胎");
  auto vehicles = nlohmann::json::parse(
      RunCommand(std::string(RELAY_CLI_BIN) + " --db " + dir_.File("b.db") + " get vehicles")
          .output);
  EXPECT_EQ(vehicles.size(), 3u);
}

TEST_F(SyncEndToEnd, APushRetriedAfterALostAnswerDuplicatesNothing) {
  auto laptop = LocalStore::Open(dir_.File("a.db"), clock_).value();
  for (int i = 0; i < 40; ++i)
    laptop->Put("vehicles", Vehicle(i));  // 120 changes, gzipped
  Enroll(*laptop);
  InterceptingTransport transport(server_.url());
  int lost = 0;
  transport.after_response = [&](const HttpRequest& request) {
    return !(request.path == "/v2/push" && lost++ == 0);
  };
  edge::SyncOptions options;
  options.sleep = [](auto) {};
  auto report = SyncClient(*laptop, transport, options).Run();
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report.value().retries, 1);
  EXPECT_EQ(FeedSize(), 120u);
  EXPECT_EQ(laptop->Digest().value(), ServerDigest(server_.url()));
}

TEST_F(SyncEndToEnd, AServerKilledMidSyncKeepsEveryAcknowledgedChangeOnce) {
  auto laptop = LocalStore::Open(dir_.File("a.db"), clock_).value();
  for (int i = 0; i < 200; ++i)
    laptop->Put("vehicles", Vehicle(i));  // 600 changes
  Enroll(*laptop);
  edge::SyncOptions options;
  options.push_batch = 50;
  options.max_attempts = 1;
  int pushes = 0;
  {
    InterceptingTransport transport(server_.url());
    transport.after_response = [&](const HttpRequest& request) {
      if (request.path == "/v2/push" && ++pushes == 5) server_.Kill();  // answer stored, lost
      return pushes < 5;
    };
    EXPECT_FALSE(SyncClient(*laptop, transport, options).Run().ok());
  }
  const int64_t pending = laptop->ReadSyncStatus().value().pending_changes;
  EXPECT_EQ(pending, 600 - 4 * 50);  // four acknowledged batches left the outbox

  ASSERT_TRUE(server_.Start()) << "relay-server did not restart";
  EXPECT_GE(FeedSize(), 4u * 50u);  // everything acknowledged survived
  CurlTransport transport(server_.url());
  options.max_attempts = 3;
  auto report = SyncClient(*laptop, transport, options).Run();
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(FeedSize(), 600u);  // nothing twice
  EXPECT_EQ(laptop->Digest().value(), ServerDigest(server_.url()));
}

TEST_F(SyncEndToEnd, ALaptopKilledMidSyncAgainAndAgainEndsWithEverythingOnce) {
  {
    auto laptop = LocalStore::Open(dir_.File("a.db"), clock_).value();
    std::vector<nlohmann::json> vehicles;
    for (int i = 0; i < 1500; ++i)
      vehicles.push_back(Vehicle(i));
    ASSERT_TRUE(laptop->PutAll("vehicles", vehicles).ok());  // 4500 changes, 9 push batches
  }
  Enroll("a.db");
  Enroll("b.db");
  const std::string sync = std::string(RELAY_CLI_BIN) + " --db " + dir_.File("a.db") + " sync " +
                           server_.url() + " > /dev/null 2>&1";
  // SIGKILL the client at growing delays: before, during and between batches.
  for (int delay_ms = 5; delay_ms <= 300; delay_ms += 25) {
    RunCommand("timeout -s KILL " + std::to_string(delay_ms / 1000.0) + " " + sync);
  }
  Cli("a.db", "sync " + server_.url());
  EXPECT_EQ(FeedSize(), 4500u);
  EXPECT_EQ(Cli("a.db", "digest"), ServerDigest(server_.url()));
  auto status = nlohmann::json::parse(Cli("a.db", "status"));
  EXPECT_EQ(status["pending_changes"], 0);

  // A second laptop killed while it pulls the 4500 changes in batches of 1000.
  const std::string pull = std::string(RELAY_CLI_BIN) + " --db " + dir_.File("b.db") + " sync " +
                           server_.url() + " > /dev/null 2>&1";
  for (int delay_ms = 5; delay_ms <= 200; delay_ms += 15) {
    RunCommand("timeout -s KILL " + std::to_string(delay_ms / 1000.0) + " " + pull);
  }
  Cli("b.db", "sync " + server_.url());
  EXPECT_EQ(Cli("b.db", "digest"), ServerDigest(server_.url()));
}

TEST_F(SyncEndToEnd, HostileRequestsGetReasonsAndTheServerKeepsServing) {
  CurlTransport transport(server_.url());
  const std::string& token = reader_token_;
  // Without an enrolled device's token nothing is read or written.
  for (const std::string& bearer : {std::string(), std::string("forged-token")}) {
    auto stranger = transport.Send({"POST", "/v1/push", "{}", bearer});
    EXPECT_EQ(stranger.value().status, 401);
    EXPECT_EQ(transport.Send({"GET", "/v1/pull?after=0", "", bearer}).value().status, 401);
  }
  auto bad_json = transport.Send({"POST", "/v1/push", "{not json", token});
  ASSERT_TRUE(bad_json.ok());
  EXPECT_EQ(bad_json.value().status, 400);
  EXPECT_NE(DecodeErrorMessage(bad_json.value().body).find("JSON"), std::string::npos);
  auto unknown = transport.Send({"GET", "/v1/nothing", ""});
  EXPECT_EQ(unknown.value().status, 404);
  auto wrong_method = transport.Send({"GET", "/v1/push", ""});
  EXPECT_EQ(wrong_method.value().status, 405);
  // 9 MiB of JSON-looking text: refused by size (it travels gzipped, so the limit is on the
  // decompressed body).
  auto huge = transport.Send({"POST", "/v1/push", std::string(9 << 20, ' '), token});
  ASSERT_TRUE(huge.ok()) << huge.status().message();
  EXPECT_EQ(huge.value().status, 413);
  EXPECT_EQ(transport.Send({"POST", "/v1/pull", ""}).value().status, 405);
  auto bad_escape = transport.Send({"GET", "/v1/pull?after=%zz", "", token});
  EXPECT_EQ(bad_escape.value().status, 400);
  EXPECT_NE(DecodeErrorMessage(bad_escape.value().body).find("query"), std::string::npos);
  // An encoded '&' stays inside the value it belongs to, which is then not a number.
  EXPECT_EQ(transport.Send({"GET", "/v1/pull?after=1%26limit%3D0", "", token}).value().status, 400);
  // A chunked body, whose size is unknown until it is read, is refused before reading.
  auto chunked = RunCommand(
      "curl -s -o /dev/null -w '%{http_code}' -H 'Transfer-Encoding: chunked' "
      "-H 'Authorization: Bearer " +
      token + "' --data-binary '{}' " + server_.url() + "/v1/push");
  EXPECT_EQ(chunked.output, "411");
  EXPECT_EQ(transport.Send({"GET", "/v1/health", ""}).value().status, 200);
  EXPECT_EQ(FeedSize(), 0u);
}

TEST_F(SyncEndToEnd, EachRefusalKeepsTheHttpStatusAndErrorCodeOfItsKind) {
  using Answer = std::pair<long, std::string>;
  CurlTransport transport(server_.url());
  auto answer = [&](const HttpRequest& request) {
    auto reply = transport.Send(request);
    EXPECT_TRUE(reply.ok()) << reply.status().message();
    return reply.ok() ? Answer(reply.value().status, DecodeErrorCode(reply.value().body))
                      : Answer();
  };
  auto enroll = [](const std::string& code, const std::string& device, size_t padding = 0) {
    nlohmann::json body = {{"code", code}, {"device", device}};
    if (padding > 0) body["padding"] = std::string(padding, ' ');
    return HttpRequest{"POST", "/v1/enroll", body.dump()};
  };
  constexpr const char* kLaptop = "01890a5d-0000-7000-8000-00000000000a";
  constexpr const char* kOtherLaptop = "01890a5d-0000-7000-8000-00000000000b";
  // A malformed device id is the laptop's mistake, and leaves the code unspent.
  const std::string code = server_.IssueCode();
  EXPECT_EQ(answer(enroll(code, "laptop-7")), Answer(400, "bad_request"));
  EXPECT_EQ(answer(enroll(code, kLaptop)).first, 200);
  // A spent code, or a code for a laptop that still works, is the county office's to settle.
  EXPECT_EQ(answer(enroll(code, kOtherLaptop)), Answer(403, "enrollment_refused"));
  EXPECT_EQ(answer(enroll(server_.IssueCode(), kLaptop)), Answer(403, "enrollment_refused"));
  // An enrollment sent small but inflating past its 4 KiB limit is too large.
  EXPECT_EQ(answer(enroll(server_.IssueCode(), kOtherLaptop, 8000)), Answer(413, "too_large"));
  EXPECT_EQ(answer({"GET", "/v1/pull?after=0", "", "forged-token"}),
            Answer(401, "unauthenticated"));
  // Bytes that only claim to be gzip are a bad request, not a body over the limit.
  auto claimed = RunCommand(
      "printf 'not gzip' | curl -s -w ' %{http_code}' -H 'Content-Encoding: gzip' "
      "-H 'Authorization: Bearer " +
      reader_token_ + "' --data-binary @- " + server_.url() + "/v1/push");
  const size_t space = claimed.output.rfind(' ');
  ASSERT_NE(space, std::string::npos) << claimed.output;
  EXPECT_EQ(Answer(std::stol(claimed.output.substr(space + 1)),
                   DecodeErrorCode(claimed.output.substr(0, space))),
            Answer(400, "bad_request"))
      << claimed.output;
}

TEST_F(SyncEndToEnd, AnswersComeInZstandardWhenTheLaptopTakesItElseInGzip) {
  auto laptop = LocalStore::Open(dir_.File("a.db"), clock_).value();
  for (int i = 0; i < 40; ++i)
    laptop->Put("vehicles", Vehicle(i));
  Enroll(*laptop);
  CurlTransport transport(server_.url());
  ASSERT_TRUE(SyncClient(*laptop, transport).Run().ok());
  // The same page asked for twice, naming one encoding each time; curl leaves it encoded.
  auto fetch = [&](const std::string& encoding) {
    const std::string body = dir_.File(encoding + ".body");
    auto run = RunCommand("curl -s -D - -o " + body + " -H 'Accept-Encoding: " + encoding +
                          "' -H 'Authorization: Bearer " + reader_token_ + "' '" + server_.url() +
                          "/v2/pull?after=0&limit=1000'");
    std::ifstream file(body, std::ios::binary);
    return std::pair{run.output, std::string((std::istreambuf_iterator<char>(file)),
                                             std::istreambuf_iterator<char>())};
  };
  const auto [zstd_head, zstd_body] = fetch("zstd");
  const auto [gzip_head, gzip_body] = fetch("gzip");
  EXPECT_NE(zstd_head.find("Content-Encoding: zstd"), std::string::npos) << zstd_head;
  EXPECT_NE(gzip_head.find("Content-Encoding: gzip"), std::string::npos) << gzip_head;
  const auto size = ZSTD_getFrameContentSize(zstd_body.data(), zstd_body.size());
  ASSERT_LT(size, size_t{1} << 30) << "the zstd answer does not say its size";
  std::string unpacked(size, '\0');
  ASSERT_EQ(ZSTD_decompress(unpacked.data(), size, zstd_body.data(), zstd_body.size()), size);
  const auto gunzipped = GzipDecompress(gzip_body, 1 << 30);
  ASSERT_TRUE(gunzipped.ok()) << gunzipped.status().message();
  EXPECT_EQ(unpacked, gunzipped.value());
  EXPECT_EQ(DecodePullResponseV2(unpacked).value().changes.size(), 120u);
  EXPECT_LT(zstd_body.size(), gzip_body.size());
}

TEST_F(SyncEndToEnd, ALaptopNoticesThatTheServerDatabaseWasReplaced) {
  Enroll("a.db");
  Cli("a.db", "put vehicles '" + Vehicle(1).dump() + "'");
  Cli("a.db", "sync " + server_.url());
  server_.Stop();
  std::filesystem::remove(dir_.File("county.db"));
  ASSERT_TRUE(server_.Start());
  Cli("a.db", "put vehicles '" + Vehicle(2).dump() + "'");
  // The new database knows no token of this laptop, and will not enroll it either.
  auto refused = RunCommand(std::string(RELAY_CLI_BIN) + " --db " + dir_.File("a.db") + " sync " +
                            server_.url());
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.output.find("not enrolled"), std::string::npos) << refused.output;
  auto enroll = RunCommand(std::string(RELAY_CLI_BIN) + " --db " + dir_.File("a.db") + " enroll " +
                           server_.url() + " " + server_.IssueCode());
  EXPECT_NE(enroll.exit_code, 0);
  EXPECT_NE(enroll.output.find("county database"), std::string::npos) << enroll.output;
  auto status = nlohmann::json::parse(Cli("a.db", "status"));
  EXPECT_EQ(status["pending_changes"], 3);  // the new vehicle stays in the outbox
}

TEST_F(SyncEndToEnd, ChangesMadeAfterACountyBackupIsRestoredStillReachEveryLaptop) {
  Enroll("a.db");
  Enroll("b.db");
  Cli("a.db", "put vehicles '" + Vehicle(1).dump() + "'");
  Cli("a.db", "sync " + server_.url());
  server_.Stop();
  std::filesystem::copy_file(dir_.File("county.db"), dir_.File("backup.db"));
  ASSERT_TRUE(server_.Start());
  Cli("a.db", "put vehicles '" + Vehicle(2).dump() + "'");
  Cli("a.db", "sync " + server_.url());
  Cli("b.db", "sync " + server_.url());  // b's cursor is past a's second vehicle

  server_.Stop();
  std::filesystem::copy_file(dir_.File("backup.db"), dir_.File("county.db"),
                             std::filesystem::copy_options::overwrite_existing);
  ASSERT_TRUE(server_.Start());
  Enroll("c.db");
  const std::string id = Cli("c.db", "put vehicles '" + Vehicle(3).dump() + "'");
  Cli("c.db", "sync " + server_.url());
  Cli("b.db", "sync " + server_.url());
  auto record =
      RunCommand(std::string(RELAY_CLI_BIN) + " --db " + dir_.File("b.db") + " get vehicles " + id);
  EXPECT_EQ(record.exit_code, 0) << "the change made after the restore did not reach b: "
                                 << record.output;
}

TEST_F(SyncEndToEnd, StopsCleanlyOnSigterm) {
  EXPECT_EQ(server_.Stop(), 0);
}

}  // namespace
}  // namespace relay
