// ReplicaState::Apply, the merge every replica runs, fed the changes of a pull answer (each
// with its own device) as a laptop decodes them, and the county's receipt checks on what it
// leaves. Two replicas apply the changes in opposite orders and must end equal: the same
// digest and the same records, read through the typed tables. An input whose two changes of
// one field carry one device's same stamp with different values is skipped: a device never
// stamps two writes alike, and the merge rule leaves such a pair to arrival order.
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "database_template.h"
#include "expect.h"
#include "relay/protocol.h"
#include "relay/receipt_checks.h"
#include "relay/replica_state.h"
#include "relay/schema.h"

namespace {

// A replica with the schema made, in a fresh database file of this name.
struct Replica {
  explicit Replica(const std::string& name) : db(Fresh(name)), state(*db) {}

  static std::unique_ptr<relay::sql::Database> Fresh(const std::string& name) {
    static const DatabaseTemplate kReplica("replica", [](const std::string& path) {
      auto made = relay::sql::Database::Open(path);
      Expect(made.ok() && relay::ReplicaState(*made.value()).EnsureSchema().ok(),
             "a replica can be made");
    });
    auto opened = relay::sql::Database::Open(kReplica.FreshCopy(name));
    Expect(opened.ok(), "a replica opens", opened.status());
    return std::move(opened).value();
  }

  std::unique_ptr<relay::sql::Database> db;
  relay::ReplicaState state;
};

// True when two changes of one field share device and stamp but not value.
bool HasTwinStamps(const std::vector<relay::FeedChange>& changes) {
  std::map<std::tuple<std::string, std::string, std::string, int64_t, std::string>,
           const nlohmann::json*>
      values;
  for (const auto& entry : changes) {
    const auto& change = entry.change;
    const auto key = std::make_tuple(change.table, change.record_id, change.field,
                                     change.hlc.Packed(), change.device);
    const auto [it, added] = values.emplace(key, &change.value);
    if (!added && *it->second != change.value) return true;
  }
  return false;
}

// Applies one change as the county does: its recorded-time check first, then the merge.
void ApplyChecked(Replica& replica, const relay::Change& change) {
  (void)relay::CheckEventOverwrite(replica.state, change);
  std::optional<relay::ConcurrentWrite> concurrent;
  const auto won = replica.state.Apply(change, &concurrent);
  Expect(won.ok(), "a decoded change applies", won.status());
  if (won.value()) {
    const auto stamps = replica.state.StampsOf(change.table, change.record_id);
    Expect(stamps.ok(), "an applied record's stamps read", stamps.status());
    (void)relay::CheckArchiveEdit(replica.state, change, change.field == relay::kArchivedField,
                                  stamps.value());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto feed =
      relay::DecodePullResponse(std::string(reinterpret_cast<const char*>(data), size));
  if (!feed.ok() || HasTwinStamps(feed.value().changes)) return 0;
  const auto& changes = feed.value().changes;

  Replica forward("forward");
  Replica backward("backward");
  std::set<std::pair<std::string, std::string>> touched;
  for (const auto& entry : changes) {
    ApplyChecked(forward, entry.change);
    touched.emplace(entry.change.table, entry.change.record_id);
  }
  for (auto it = changes.rbegin(); it != changes.rend(); ++it) {
    const auto won = backward.state.Apply(it->change);
    Expect(won.ok(), "a decoded change applies", won.status());
  }

  Expect(forward.state.Digest().value() == backward.state.Digest().value(),
         "the merge ends equal whatever the order changes arrive in");
  for (const auto& [table, record_id] : touched) {
    const auto one = forward.state.Record(table, record_id);
    const auto other = backward.state.Record(table, record_id);
    Expect(one.ok() && other.ok() && one.value() == other.value(),
           "every record reads the same on both replicas");
    (void)relay::CheckReceived(forward.state, table, record_id);
  }
  return 0;
}
