#pragma once

#include <atomic>
#include <cstddef>
#include <memory>

namespace relay::server::http {

// The bytes of request bodies all connections together may hold in memory at once, so many
// large bodies arriving together cannot exhaust the server's memory. Safe from many threads.
class BodyBudget {
 public:
  // Bytes taken from the budget, given back when destroyed.
  class Share {
   public:
    Share(BodyBudget& budget, size_t bytes) : budget_(budget), bytes_(bytes) {}
    ~Share() { budget_.held_ -= bytes_; }
    Share(const Share&) = delete;
    Share& operator=(const Share&) = delete;

   private:
    BodyBudget& budget_;
    size_t bytes_;
  };

  explicit BodyBudget(size_t bytes) : bytes_(bytes) {}

  // A share of bytes, or nullptr when taking it would exceed the budget.
  std::unique_ptr<Share> Take(size_t bytes);

 private:
  const size_t bytes_;
  std::atomic<size_t> held_{0};
};

}  // namespace relay::server::http
