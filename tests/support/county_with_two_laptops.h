#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "in_process_transport.h"
#include "relay/clock.h"
#include "relay/edge/local_store.h"
#include "relay/edge/sync_client.h"
#include "sqlite_server_storage.h"
#include "sync_service.h"
#include "temp_dir.h"

namespace relay::testing {

// A county server in process and two laptops, a_ and b_, syncing with it; one manual clock
// that each put and sync moves on by a second, so every step is stamped later than the last.
class CountyWithTwoLaptops : public ::testing::Test {
 protected:
  void SetUp() override {
    storage_ = server::SqliteServerStorage::Open(dir_.File("county.db"), clock_).value();
    service_ = std::make_unique<server::SyncService>(*storage_, clock_, server::ServiceLimits{});
    transport_ = std::make_unique<InProcessTransport>(*service_);
    a_ = edge::LocalStore::Open(dir_.File("a.db"), clock_).value();
    b_ = edge::LocalStore::Open(dir_.File("b.db"), clock_).value();
  }

  void Sync(edge::LocalStore& laptop, edge::SyncOptions options = {}) {
    clock_.Advance(1000);
    auto report = edge::SyncClient(laptop, *transport_, options).Run();
    ASSERT_TRUE(report.ok()) << report.status().message();
  }
  // a pushes, b pushes and pulls, a pulls what b brought.
  void SyncAll() {
    Sync(*a_);
    Sync(*b_);
    Sync(*a_);
  }
  std::string Put(edge::LocalStore& laptop, const std::string& table,
                  const nlohmann::json& fields) {
    clock_.Advance(1000);
    auto id = laptop.Put(table, fields);
    EXPECT_TRUE(id.ok()) << id.status().message();
    return id.ok() ? id.value() : "";
  }

  TempDir dir_;
  ManualClock clock_{1'714'500'000'000};
  std::unique_ptr<server::SqliteServerStorage> storage_;
  std::unique_ptr<server::SyncService> service_;
  std::unique_ptr<InProcessTransport> transport_;
  std::unique_ptr<edge::LocalStore> a_;
  std::unique_ptr<edge::LocalStore> b_;
};

}  // namespace relay::testing
