#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "relay/report/report.h"
#include "relay/status.h"
#include "ui/model/overview_period.h"
#include "ui/model/schematic_map.h"

namespace relay::edge::ui {

// What the overview asks to be computed.
struct OverviewRequest {
  std::string db_path;
  std::optional<int> year;  // nullopt: DefaultYear of the data
  Cadence cadence = Cadence::kFirstHalf;
  std::string township_id;  // empty: the banner
  int64_t now_ms = 0;
};

// The overview of one period and scope, ready to draw.
struct Overview {
  int year = 0;
  Cadence cadence = Cadence::kFirstHalf;
  std::vector<int> years;  // with transports, newest first
  report::Report report;
  SchematicMap map;
};

// Computes an overview on a connection of its own to the database at db_path (SQLite's WAL
// lets it read while the app's connection writes); errors name the step that failed.
Result<Overview> ComputeOverview(const OverviewRequest& request);

// Runs ComputeOverview on its own thread so the window stays responsive meanwhile. Request
// replaces a request not yet started (only the newest period matters); the UI thread takes
// finished overviews with TakeResult each frame, through a queue, as from SyncWorker.
class OverviewWorker {
 public:
  OverviewWorker();
  ~OverviewWorker();
  OverviewWorker(const OverviewWorker&) = delete;
  OverviewWorker& operator=(const OverviewWorker&) = delete;

  void Request(OverviewRequest request);
  // A request waits or runs, or its result waits to be taken.
  bool busy() const;
  std::optional<Result<Overview>> TakeResult();

 private:
  void Loop();

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::optional<OverviewRequest> pending_;
  bool running_ = false;
  bool stopping_ = false;
  std::deque<Result<Overview>> results_;
  std::thread thread_;
};

}  // namespace relay::edge::ui
