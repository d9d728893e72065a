#pragma once

#include <memory>
#include <utility>

#include <gtest/gtest.h>

#include "demo_records.h"
#include "relay/clock.h"
#include "relay/edge/local_store.h"
#include "temp_dir.h"

namespace relay::testing {

// A test fixture whose SetUp opens a fresh store in a temporary directory and fills it with the
// demo records; a subclass that extends SetUp calls this one first and stops on a fatal failure.
class DemoStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = edge::LocalStore::Open(dir_.File("edge.db"), clock_);
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(store).value();
    demo_ = std::make_unique<DemoRecords>(*store_);
  }

  TempDir dir_;
  SystemClock clock_;
  std::unique_ptr<edge::LocalStore> store_;
  std::unique_ptr<DemoRecords> demo_;
};

}  // namespace relay::testing
