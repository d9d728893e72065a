#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "relay/access_scope.h"
#include "relay/protocol.h"
#include "relay/replica_state.h"
#include "relay/sqlite.h"
#include "relay/status.h"

namespace relay::server {

// A change outside what a device may do, with every change of the push to the same record
// (refused together, so a record is never stored in part), and why.
struct ScopeBreach {
  std::vector<int64_t> seqs;
  std::string reason;
};

// The township a township device created the record in (table record_owners), or "".
std::string TownshipCreatedIn(sql::Database& db, const std::string& table,
                              const std::string& record_id);

// Keeps a township device to its own township's records (and the reference data every laptop
// reads) and to what its role may change. The county role passes every check. Each method
// runs inside the storage's transaction, so a refused push leaves nothing behind.
class ScopeGuard {
 public:
  ScopeGuard(sql::Database& db, ReplicaState& state, AccessScope scope)
      : db_(db), state_(state), scope_(std::move(scope)) {}

  // Before the changes after last_seq are applied: notes where each record they touch is now,
  // and says why one is not the device's to change there (naming the change), or nullopt.
  Result<std::optional<ScopeBreach>> CheckBefore(const std::vector<OutboxChange>& changes,
                                                 int64_t last_seq);
  // After they are applied: notes the device's township as that of the records they created,
  // finds the records they moved, and says why a change is one the role may not make or
  // leaves its record outside the device's township, or nullopt.
  Result<std::optional<ScopeBreach>> CheckAfter(const std::vector<OutboxChange>& changes,
                                                int64_t last_seq);
  // The records CheckAfter found in another home than before the push, with the records whose
  // home follows theirs: laptops newly entitled to them need them whole.
  std::vector<std::pair<std::string, std::string>> MovedWithDependents();
  // Whether the device may read the record: reference data, or its township's. A pull does
  // not ask this entry by entry: each feed entry holds its record's home (feed_homes.h).
  bool MayRead(const std::string& table, const std::string& record_id);

 private:
  Status NoteCreator(const std::string& table, const std::string& record_id);
  RecordHomes& Homes();

  sql::Database& db_;
  ReplicaState& state_;
  AccessScope scope_;
  // The home of each record the push touches that existed before it.
  std::map<std::pair<std::string, std::string>, RecordHome> homes_before_;
  std::map<std::string, std::string> gacha_townships_before_;  // by gacha id
  std::vector<std::pair<std::string, std::string>> moved_;
  std::optional<ReplicaLookup> lookup_;
  std::optional<RecordHomes> homes_;
};

}  // namespace relay::server
