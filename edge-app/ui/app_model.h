#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "relay/clock.h"
#include "relay/edge/local_store.h"
#include "relay/edge/sync_worker.h"
#include "ui/glyph_set.h"
#include "ui/record_browser.h"

namespace relay::edge::ui {

// Everything the field client's screens read — the vehicle register, the sync state and the
// glyphs the font must hold — refreshed on the UI thread when the data may have changed.
// No Dear ImGui here, so it runs in tests without a window.
class AppModel {
 public:
  AppModel(LocalStore& store, SyncWorker& sync, Clock& clock);

  // Once per frame: takes finished sync runs from the worker and reloads what they changed.
  void Poll();

  RecordBrowser& vehicles() { return vehicles_; }
  // Saves the vehicle form; a stored record also changes the count of changes to push.
  void SaveVehicle();

  void RequestSync() { sync_.RequestSync(); }
  bool sync_busy() const { return sync_.busy(); }
  const std::string& server_url() const { return sync_.server_url(); }
  const SyncStatus& sync_status() const { return sync_status_; }
  // Why the sync status could not be read; empty when it could.
  const std::string& sync_status_error() const { return sync_status_error_; }
  // The last run finished in this session, for what it pushed and pulled.
  const std::optional<SyncOutcome>& last_outcome() const { return last_outcome_; }
  int64_t now_ms() { return clock_.NowMs(); }

  GlyphSet& glyphs() { return glyphs_; }

 private:
  void RefreshSyncStatus();
  // Adds every text stored in any table to the glyphs, so names from other townships that a
  // sync brought in draw correctly even before their screen is opened.
  void CollectStoredText();

  LocalStore& store_;
  SyncWorker& sync_;
  Clock& clock_;
  GlyphSet glyphs_;
  RecordBrowser vehicles_;
  SyncStatus sync_status_;
  std::string sync_status_error_;
  std::optional<SyncOutcome> last_outcome_;
};

}  // namespace relay::edge::ui
