#include "body_budget.h"

namespace relay::server::http {

std::unique_ptr<BodyBudget::Share> BodyBudget::Take(size_t bytes) {
  size_t held = held_.load();
  do {
    if (bytes > bytes_ || held > bytes_ - bytes) return nullptr;
  } while (!held_.compare_exchange_weak(held, held + bytes));
  return std::make_unique<Share>(*this, bytes);
}

}  // namespace relay::server::http
