// Sync over a township's link as it is: 9.6 kbit/s each way and a one-second round trip,
// through a relay that holds every byte to that pace (SlowLink).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

#include "relay/clock.h"
#include "relay/edge/curl_transport.h"
#include "relay/edge/enrollment.h"
#include "relay/edge/local_store.h"
#include "relay/edge/sync_client.h"
#include "run_command.h"
#include "server_process.h"
#include "slow_link.h"
#include "temp_dir.h"

namespace relay {
namespace {

using testing::RunCommand;

// A vehicle registered with five fields: forty of them are a township's day of 200 changes.
nlohmann::json Vehicle(int n) {
  char plate[32];
  std::snprintf(plate, sizeof plate, "蒙H·%05d", n);
  return {{"plate", plate},
          {"owner_category", "gacha_committee"},
          {"phone", "13800000000"},
          {"seats", 4 + n % 3},
          {"status", "available"}};
}

// A county server, and laptops enrolled with it over a direct link.
class SlowLinkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(server_.Start());
    direct_ = std::make_unique<edge::CurlTransport>(server_.url());  // the port is known now
  }

  // A laptop enrolled directly, holding vehicles [first, first + count) not yet synced.
  std::unique_ptr<edge::LocalStore> Laptop(const std::string& name, int first, int count) {
    auto laptop = edge::LocalStore::Open(dir_.File(name + ".db"), clock_).value();
    EXPECT_TRUE(edge::Enroll(*laptop, *direct_, server_.IssueCode()).ok());
    for (int i = first; i < first + count; ++i)
      EXPECT_TRUE(laptop->Put("vehicles", Vehicle(i)).ok());
    return laptop;
  }

  std::string CountyDigest() {
    auto county = direct_->Send({"GET", "/v1/digest", ""});
    return county.ok() ? nlohmann::json::parse(county.value().body).value("digest", "") : "";
  }

  testing::TempDir dir_;
  testing::ServerProcess server_{RELAY_SERVER_BIN, dir_.File("county.db")};
  SystemClock clock_;
  std::unique_ptr<edge::CurlTransport> direct_;
};

TEST_F(SlowLinkTest, ATownshipsDayOf200ChangesSyncsWithinTenSecondsAt9600Baud) {
  // Another township's day is on the county already: the laptop pulls it as it pushes its own.
  auto other = Laptop("other", 1000, 40);
  ASSERT_TRUE(edge::SyncClient(*other, *direct_).Run().ok());
  auto laptop = Laptop("laptop", 0, 40);
  ASSERT_EQ(laptop->ReadSyncStatus().value().pending_changes, 200);

  testing::SlowLink link(server_.port(), {});
  edge::CurlTransport slow("http://127.0.0.1:" + std::to_string(link.port()));
  const auto start = std::chrono::steady_clock::now();
  auto report = edge::SyncClient(*laptop, slow).Run();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report.value().pushed, 200);
  EXPECT_EQ(report.value().pulled, 200);
  EXPECT_EQ(CountyDigest(), laptop->Digest().value());
  std::printf(
      "200 changes up and 200 down at 9.6 kbit/s, 1 s round trip: %.1f s, %lld bytes up, "
      "%lld down\n",
      seconds, static_cast<long long>(link.bytes_up()), static_cast<long long>(link.bytes_down()));
  EXPECT_LE(seconds, 10.0);
  // The pace held: the bytes could not have crossed faster than the link carries them.
  EXPECT_GE(seconds, static_cast<double>(link.bytes_down()) / 1200.0);
}

// Passes requests on and keeps the `after` of every pull that was answered.
class PullRecorder final : public edge::HttpTransport {
 public:
  explicit PullRecorder(edge::HttpTransport& link) : link_(link) {}
  Result<edge::HttpResponse> Send(const edge::HttpRequest& request) override {
    auto response = link_.Send(request);
    if (response.ok() && response.value().status == 200 &&
        request.path.find("/pull?") != std::string::npos) {
      const size_t after = request.path.find("after=") + 6;
      answered_after.push_back(std::stoll(request.path.substr(after)));
    }
    return response;
  }
  std::vector<int64_t> answered_after;

 private:
  edge::HttpTransport& link_;
};

TEST_F(SlowLinkTest, ANewTownshipLaptopsFirstSyncGoesOnAt9600BaudAcrossTwentyCutConnections) {
  // The demo banner on the county, from a county laptop that imported it.
  const std::string banner = dir_.File("banner.db");
  std::ifstream tables(std::string(RELAY_ASSETS_DIR) + "/demo/tables.txt");
  for (std::string table; std::getline(tables, table);) {
    const auto imported = RunCommand(std::string(RELAY_CLI_BIN) + " --db " + banner + " import " +
                                     table + " " + RELAY_ASSETS_DIR + "/demo/" + table + ".json");
    ASSERT_EQ(imported.exit_code, 0) << imported.output;
  }
  {
    auto county = edge::LocalStore::Open(banner, clock_).value();
    ASSERT_TRUE(edge::Enroll(*county, *direct_, server_.IssueCode()).ok());
    ASSERT_TRUE(edge::SyncClient(*county, *direct_).Run().ok());
  }
  // 明安图镇's records, as a laptop on a good link gets them, and a new laptop of that
  // township on the township's link.
  auto township_laptop = [&](const std::string& name) {
    auto laptop = edge::LocalStore::Open(dir_.File(name + ".db"), clock_).value();
    EXPECT_TRUE(edge::Enroll(*laptop, *direct_, server_.IssueCode("clinic", "152529100")).ok());
    return laptop;
  };
  auto reference = township_laptop("reference");
  auto everything = edge::SyncClient(*reference, *direct_).Run();
  ASSERT_TRUE(everything.ok()) << everything.status().message();
  auto laptop = township_laptop("laptop");

  testing::SlowLink link(server_.port(), {});
  link.CutNextConnections(20, 3'000, 20261203);
  edge::CurlTransport slow("http://127.0.0.1:" + std::to_string(link.port()));
  PullRecorder recorder(slow);
  edge::SyncOptions options;
  options.sleep = [](std::chrono::milliseconds) {};
  const auto start = std::chrono::steady_clock::now();
  int runs = 0;
  Result<edge::SyncReport> last = Status::Error("not run");
  for (; !last.ok() && runs < 40; ++runs)
    last = edge::SyncClient(*laptop, recorder, options).Run();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(last.ok()) << runs << " runs: " << last.status().message();
  EXPECT_EQ(link.cuts_made(), 20);
  EXPECT_EQ(laptop->Digest().value(), reference->Digest().value());
  // Each page is asked for again only while it was not kept: the answered pulls start after
  // ever later cursors.
  ASSERT_GE(recorder.answered_after.size(), 2u);
  for (size_t i = 1; i < recorder.answered_after.size(); ++i)
    EXPECT_GT(recorder.answered_after[i], recorder.answered_after[i - 1]) << i;
  std::printf(
      "first sync of %lld feed entries at 9.6 kbit/s, 1 s round trip, across %d cut "
      "connections: %.0f s, %d runs, %zu pulls answered, %lld bytes down\n",
      static_cast<long long>(everything.value().pulled), link.cuts_made(), seconds, runs,
      recorder.answered_after.size(), static_cast<long long>(link.bytes_down()));
}

}  // namespace
}  // namespace relay
