#include "connection_gate.h"

#include <utility>
#include <vector>

namespace relay::server::http {

ConnectionGate::Ticket::~Ticket() {
  gate_.Release(id_);
}

void ConnectionGate::Ticket::SetWaiting(bool waiting) {
  gate_.SetWaiting(id_, waiting);
}

std::unique_ptr<ConnectionGate::Ticket> ConnectionGate::Admit(const std::string& address,
                                                              std::function<void()> evict) {
  std::function<void()> evicted;
  std::unique_ptr<Ticket> ticket;
  {
    std::lock_guard lock(mutex_);
    if (per_address_[address] >= max_per_address_) return nullptr;
    if (entries_.size() >= max_total_) {
      if (waiting_by_order_.empty()) return nullptr;
      // The evicted connection keeps its place until it has closed; counting it as gone now
      // lets a flood of new connections each evict one, which is what makes room.
      const auto oldest = waiting_by_order_.begin();
      Entry& victim = entries_.at(oldest->second);
      evicted = std::move(victim.evict);
      victim.evict = nullptr;
      victim.waiting = false;
      waiting_by_order_.erase(oldest);
    }
    const uint64_t id = next_id_++;
    const uint64_t order = next_order_++;
    entries_.emplace(id, Entry{address, std::move(evict), true, order});
    waiting_by_order_.emplace(order, id);
    ++per_address_[address];
    ticket.reset(new Ticket(*this, id));
  }
  if (evicted) evicted();
  return ticket;
}

void ConnectionGate::EvictWaiting() {
  std::vector<std::function<void()>> evicted;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [order, id] : waiting_by_order_) {
      Entry& entry = entries_.at(id);
      evicted.push_back(std::move(entry.evict));
      entry.evict = nullptr;
      entry.waiting = false;
    }
    waiting_by_order_.clear();
  }
  for (auto& evict : evicted)
    evict();
}

size_t ConnectionGate::open() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

void ConnectionGate::Release(uint64_t id) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(id);
  if (it == entries_.end()) return;
  if (it->second.waiting) waiting_by_order_.erase(it->second.waiting_since);
  if (--per_address_[it->second.address] == 0) per_address_.erase(it->second.address);
  entries_.erase(it);
}

void ConnectionGate::SetWaiting(uint64_t id, bool waiting) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(id);
  if (it == entries_.end() || !it->second.evict || it->second.waiting == waiting) return;
  Entry& entry = it->second;
  if (entry.waiting) waiting_by_order_.erase(entry.waiting_since);
  entry.waiting = waiting;
  if (waiting) {
    entry.waiting_since = next_order_++;
    waiting_by_order_.emplace(entry.waiting_since, id);
  }
}

}  // namespace relay::server::http
