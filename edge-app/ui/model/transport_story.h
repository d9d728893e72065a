#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "relay/edge/local_store.h"
#include "relay/readiness.h"
#include "relay/status.h"
#include "ui/model/record_labels.h"
#include "ui/model/translations.h"

namespace relay::edge::ui {

// One moment of a transport: when, what happened ("timeline.<what>" in the translations) and
// who or where (a vehicle's plate, a meeting point, the people handing over).
struct TimelineStep {
  int64_t at_s = 0;
  std::string what;
  std::string detail;
};

// A handoff's waits as the timeline shows them, with the meeting point's name.
struct HandoffStory {
  std::string place;
  HandoffWaits waits;
};

// Everything the transports screen tells about one transport: its moments in time order and
// its intervals against the pickup gacha's 30- or 60-minute target (ComputeTimeline).
struct TransportStory {
  std::vector<TimelineStep> steps;
  std::vector<HandoffStory> handoffs;
  TransportTimeline intervals;
};

// Reads a transport with its legs, handoffs and pickup gacha (archived legs and handoffs left
// out); steps without a time are left out too.
Result<TransportStory> LoadTransportStory(LocalStore& store, RecordLabels& labels,
                                          const Translations& tr, const std::string& transport_id);

}  // namespace relay::edge::ui
