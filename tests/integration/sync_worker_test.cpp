#include "relay/edge/sync_worker.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>

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
  EXPECT_NE(outcome->error.find("cannot reach"), std::string::npos) << outcome->error;
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
