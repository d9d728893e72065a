#include "relay/edge/sync_worker.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <mutex>
#include <thread>

#include "relay/edge/enrollment.h"
#include "run_command.h"
#include "server_process.h"
#include "temp_dir.h"

namespace relay::edge {
namespace {

// A loopback port that accepts connections and never answers: a link that hangs.
class SilentListener {
 public:
  SilentListener() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    listen(fd_, 8);
    socklen_t length = sizeof address;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
  }
  ~SilentListener() { close(fd_); }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  int fd_;
  int port_;
};

TEST(SyncWorker, ReportsOutcomesThroughItsQueue) {
  testing::TempDir dir;
  SystemClock clock;
  auto store = LocalStore::Open(dir.File("edge.db"), clock).value();
  SyncWorker worker(*store, "http://127.0.0.1:1");  // nothing listens on port 1
  worker.RequestSync();
  std::optional<SyncOutcome> outcome;
  for (int i = 0; i < 600 && !outcome; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    outcome = worker.TakeOutcome();
  }
  ASSERT_TRUE(outcome.has_value());
  EXPECT_FALSE(outcome->ok);
  EXPECT_EQ(outcome->kind, ErrorKind::kUnreachable) << outcome->error;
}

TEST(CurlTransport, AClosedPortIsUnreachable) {
  CurlTransport transport("http://127.0.0.1:" + std::to_string(testing::FreeLoopbackPort()));
  auto answer = transport.Send({"GET", "/v1/health", ""});
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.status().kind(), ErrorKind::kUnreachable) << answer.status().message();
}

// Polls until done() holds or seconds pass; true when it held.
bool WaitFor(const std::function<bool()>& done, int seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

TEST(SyncWorker, SaysOfflineWhileTheServerIsStoppedAndSyncsByItselfWhenItReturns) {
  testing::TempDir dir;
  SystemClock clock;
  testing::ServerProcess server(RELAY_SERVER_BIN, dir.File("county.db"));
  ASSERT_TRUE(server.Start());
  auto store = LocalStore::Open(dir.File("edge.db"), clock).value();
  {
    CurlTransport transport(server.url());
    ASSERT_TRUE(Enroll(*store, transport, server.IssueCode()).ok());
  }
  // A restarted server listens on another port: the factory reaches wherever it is now.
  std::mutex url_mutex;
  std::string url = server.url();
  TransportFactory to_server = [&](const TransportTarget&) -> std::unique_ptr<HttpTransport> {
    std::lock_guard lock(url_mutex);
    return std::make_unique<CurlTransport>(url);
  };
  SyncTiming timing;
  timing.after_save_ms = 50;
  timing.every_ms = 60'000;  // no periodic run within the test: only saves and backoff
  timing.first_retry_ms = 100;
  timing.longest_retry_ms = 1000;
  SyncWorker worker(*store, url, to_server, timing);
  const auto status = [&store] { return store->ReadSyncStatus().value(); };
  const auto put = [&store](const std::string& plate) {
    return store
        ->Put("vehicles",
              {{"plate", plate}, {"owner_category", "police"}, {"phone", "13800000000"}})
        .ok();
  };

  ASSERT_TRUE(put("蒙H·00001"));
  worker.Saved();
  ASSERT_TRUE(
      WaitFor([&] { return status().pending_changes == 0 && status().last_success_ms > 0; }, 30));

  server.Stop();
  ASSERT_TRUE(put("蒙H·00002"));
  worker.Saved();
  ASSERT_TRUE(WaitFor([&] { return !status().last_error.empty(); }, 60));
  EXPECT_EQ(status().last_error_kind, ErrorKind::kUnreachable) << status().last_error;
  EXPECT_GT(status().failing_since_ms, status().last_success_ms - 1);
  EXPECT_EQ(status().pending_records, 1);
  const auto cli =
      testing::RunCommand(std::string(RELAY_CLI_BIN) + " --db " + dir.File("edge.db") + " status");
  ASSERT_EQ(cli.exit_code, 0) << cli.output;
  const auto shown = nlohmann::json::parse(cli.output.substr(cli.output.find('{')));
  EXPECT_EQ(shown["last_error_kind"], "unreachable") << shown.dump();
  EXPECT_EQ(shown["pending_records"], 1) << shown.dump();

  ASSERT_TRUE(server.Start());
  const auto back = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(url_mutex);
    url = server.url();
  }
  // Nobody presses the button.
  ASSERT_TRUE(
      WaitFor([&] { return status().pending_changes == 0 && status().last_error.empty(); }, 60));
  const auto took = std::chrono::steady_clock::now() - back;
  std::printf(
      "synced by itself %lld ms after the server came back\n",
      static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(took).count()));
  EXPECT_EQ(status().failing_since_ms, 0);
}

TEST(SyncWorker, ClosingDuringAHungTransferReturnsPromptlyAndKeepsTheOutbox) {
  testing::TempDir dir;
  SystemClock clock;
  auto store = LocalStore::Open(dir.File("edge.db"), clock).value();
  ASSERT_TRUE(
      store
          ->Put("vehicles",
                {{"plate", "蒙H·12345"}, {"owner_category", "police"}, {"phone", "13800000000"}})
          .ok());
  SilentListener hung_server;
  auto stopped_at = std::chrono::steady_clock::now();
  {
    SyncWorker worker(*store, hung_server.url());
    worker.RequestSync();
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_TRUE(worker.busy());
    stopped_at = std::chrono::steady_clock::now();
  }
  // Without abandoning the transfer, closing would wait for the 60 s low-speed timeout.
  EXPECT_LT(std::chrono::steady_clock::now() - stopped_at, std::chrono::seconds(10));
  EXPECT_EQ(store->ReadSyncStatus().value().pending_changes, 3);
  EXPECT_EQ(store->ReadSyncStatus().value().last_error, "");  // closing is not a failure
}

}  // namespace
}  // namespace relay::edge
