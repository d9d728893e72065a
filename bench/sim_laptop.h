#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "load_link.h"
#include "load_stats.h"
#include "relay/clock.h"
#include "relay/hlc.h"
#include "relay/protocol.h"
#include "relay/uuid.h"

namespace relay::bench {

// The key of one field of one record: the record's id (36 characters) then the field's name.
std::string FieldKey(const std::string& record_id, const std::string& field);

// A simulated laptop: as much of the reference client (docs/protocol.md §17) as a load needs,
// without a local database. It stamps its own edits with a hybrid logical clock, keeps them in
// an outbox until the server acknowledges them, and pulls the feed after its cursor; what it
// wrote and what it received stay in memory for the convergence check. Every request is
// recorded in a LoadStats. Not thread-safe: one thread drives it at a time.
class SimLaptop {
 public:
  // group: the township's index or kCountyGroup, under which its requests are recorded.
  SimLaptop(const std::string& base_url, const std::string& source_address, int group,
            long timeout_s, Clock& clock);

  // Trades an enrollment code for this laptop's token (POST /v1/enroll); false on any refusal.
  bool Enroll(const std::string& code, LoadStats& stats);

  // Queues a new record, one change per field, and returns its id.
  std::string Create(const std::string& table, const nlohmann::json& fields);
  // Queues a change of one field of a record, with the stamp this laptop last wrote to it as
  // the value it saw.
  void Set(const std::string& table, const std::string& record_id, const std::string& field,
           const nlohmann::json& value);

  // Pushes the outbox in batches of up to 500 (POST /v1/push), dropping what the server
  // acknowledges; true when it is empty. Stops at the first failed request.
  bool Push(LoadStats& stats, Phase phase);
  // Pulls the feed after the cursor (GET /v1/pull, leaving out this device's own) until the
  // server says there is no more; true when it got to the end. Stops at the first failure.
  bool Pull(LoadStats& stats, Phase phase);

  const std::string& device() const { return device_; }
  bool outbox_empty() const { return outbox_.empty(); }
  // The stamp of the last change this laptop made to each field (FieldKey), which every laptop
  // that may read the record must end up holding.
  const std::unordered_map<std::string, HlcTimestamp>& written() const { return written_; }
  // The newest stamp pulled for each field (FieldKey), packed.
  const std::unordered_map<std::string, int64_t>& received() const { return received_; }
  // During the timed run: pushes that emptied the outbox, and pulls that got to the end of the
  // feed (however many requests each took).
  int pushes_ok() const { return pushes_ok_; }
  int pulls_ok() const { return pulls_ok_; }

 private:
  void Queue(Change change);

  LoadLink link_;
  int group_;
  Clock& clock_;
  UuidV7Generator ids_;
  HybridLogicalClock hlc_;
  std::string device_;
  std::string token_;
  std::vector<OutboxChange> outbox_;
  int64_t next_seq_ = 1;
  int64_t cursor_ = 0;
  std::unordered_map<std::string, HlcTimestamp> written_;
  std::unordered_map<std::string, int64_t> received_;
  int pushes_ok_ = 0;
  int pulls_ok_ = 0;
};

}  // namespace relay::bench
