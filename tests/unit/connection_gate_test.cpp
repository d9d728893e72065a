#include "http/connection_gate.h"

#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "http/body_budget.h"

namespace relay::server::http {
namespace {

TEST(ConnectionGateTest, AnAddressAtItsCapIsRefusedUntilOneOfItsConnectionsCloses) {
  ConnectionGate gate(100, 2);
  auto first = gate.Admit("10.0.0.1", [] {});
  auto second = gate.Admit("10.0.0.1", [] {});
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(gate.Admit("10.0.0.1", [] {}), nullptr);
  EXPECT_NE(gate.Admit("10.0.0.2", [] {}), nullptr) << "another address has its own cap";
  first.reset();
  EXPECT_NE(gate.Admit("10.0.0.1", [] {}), nullptr);
}

TEST(ConnectionGateTest, WhenFullTheConnectionWaitingLongestForAHeadIsEvicted) {
  ConnectionGate gate(3, 10);
  std::vector<int> evicted;
  auto oldest = gate.Admit("a", [&] { evicted.push_back(1); });
  auto busy = gate.Admit("b", [&] { evicted.push_back(2); });
  auto newer = gate.Admit("c", [&] { evicted.push_back(3); });
  busy->SetWaiting(false);  // reading a body: not evictable
  auto arriving = gate.Admit("d", [&] { evicted.push_back(4); });
  ASSERT_NE(arriving, nullptr);
  EXPECT_EQ(evicted, std::vector<int>({1}));
  // A connection that goes back to waiting (keep-alive) queues behind those waiting already.
  busy->SetWaiting(true);
  auto next = gate.Admit("e", [] {});
  ASSERT_NE(next, nullptr);
  EXPECT_EQ(evicted, std::vector<int>({1, 3}));
}

TEST(ConnectionGateTest, WhenFullAndNobodyWaitsANewConnectionIsRefused) {
  ConnectionGate gate(1, 10);
  auto busy = gate.Admit("a", [] {});
  busy->SetWaiting(false);
  EXPECT_EQ(gate.Admit("b", [] {}), nullptr);
  busy.reset();
  EXPECT_EQ(gate.open(), 0u);
  EXPECT_NE(gate.Admit("b", [] {}), nullptr);
}

TEST(BodyBudgetTest, SharesAreRefusedPastTheBudgetAndGivenBackWhenDropped) {
  BodyBudget budget(100);
  auto sixty = budget.Take(60);
  ASSERT_NE(sixty, nullptr);
  EXPECT_EQ(budget.Take(41), nullptr);
  auto forty = budget.Take(40);
  EXPECT_NE(forty, nullptr);
  EXPECT_EQ(budget.Take(101), nullptr);
  sixty.reset();
  EXPECT_NE(budget.Take(60), nullptr);
}

}  // namespace
}  // namespace relay::server::http
