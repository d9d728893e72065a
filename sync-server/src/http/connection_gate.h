#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace relay::server::http {

// Counts open connections per address and in all, and admits a new one only within the caps.
// When all the places are taken, the connection that has waited longest for a request's head
// is closed to make room, so stalled clients cannot keep out health checks and laptops that
// send whole requests. Safe to use from many threads.
class ConnectionGate {
 public:
  // The place of one admitted connection, given back when destroyed.
  class Ticket {
   public:
    ~Ticket();
    Ticket(const Ticket&) = delete;
    Ticket& operator=(const Ticket&) = delete;
    // Marks the connection as waiting for a request's head (evictable) or busy with one.
    void SetWaiting(bool waiting);

   private:
    friend class ConnectionGate;
    Ticket(ConnectionGate& gate, uint64_t id) : gate_(gate), id_(id) {}
    ConnectionGate& gate_;
    uint64_t id_;
  };

  ConnectionGate(size_t max_total, size_t max_per_address)
      : max_total_(max_total), max_per_address_(max_per_address) {}

  // A place for a connection from address, or nullptr when the address has its cap or every
  // place is busy with a request. evict is called (once, from any thread) when this connection
  // must close to make room; it starts out waiting.
  std::unique_ptr<Ticket> Admit(const std::string& address, std::function<void()> evict);

  // Closes every connection waiting for a request's head, as when the server stops.
  void EvictWaiting();

  size_t open() const;

 private:
  struct Entry {
    std::string address;
    std::function<void()> evict;
    bool waiting = true;
    uint64_t waiting_since = 0;  // order of becoming waiting
  };
  void Release(uint64_t id);
  void SetWaiting(uint64_t id, bool waiting);

  const size_t max_total_;
  const size_t max_per_address_;
  mutable std::mutex mutex_;
  uint64_t next_id_ = 1;
  uint64_t next_order_ = 1;
  std::map<uint64_t, Entry> entries_;
  std::map<std::string, size_t> per_address_;
  std::map<uint64_t, uint64_t> waiting_by_order_;  // waiting_since → id
};

}  // namespace relay::server::http
