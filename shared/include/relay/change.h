#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "relay/hlc.h"

namespace relay {

// Who wrote a field's value and when: the pair the merge orders by.
struct FieldStamp {
  HlcTimestamp hlc;
  std::string device;
};

// One field of one record set to one value by one device at one HLC time. `seen` is the
// stamp of that field the editor had in front of them (zero for a field never set), which
// later tells an informed overwrite from a concurrent one. `person` is who made it: the id of
// the staff record signed in on the device, or empty when nobody was (a script, the server).
// It is a record of who did what, not part of the merge.
struct Change {
  std::string table;
  std::string record_id;
  std::string field;
  nlohmann::json value;
  HlcTimestamp hlc;
  std::string device;
  HlcTimestamp seen;
  std::string person;

  FieldStamp stamp() const { return FieldStamp{hlc, device}; }
};

// The deterministic merge rule, the same on every replica: the later HLC wins, and on equal
// HLCs the greater device id does. A change never supersedes its own stamp (re-delivery is a
// no-op).
bool Supersedes(const FieldStamp& incoming, const FieldStamp& current);

}  // namespace relay
