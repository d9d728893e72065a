#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "relay/clock.h"
#include "relay/edge/local_store.h"
#include "relay/edge/sync_worker.h"
#include "ui/model/conflict_view_model.h"
#include "ui/model/enrollment_view_model.h"
#include "ui/model/glyph_set.h"
#include "ui/model/overview_model.h"
#include "ui/model/planning_model.h"
#include "ui/model/record_browser.h"
#include "ui/model/record_labels.h"
#include "ui/model/sign_in_view_model.h"
#include "ui/model/team_grid.h"
#include "ui/model/time_text.h"
#include "ui/model/transport_story.h"

namespace relay::edge::ui {

// Everything the field client's screens read — one browser per table, the labels of
// referenced records, the sync state and the glyphs the font must hold — refreshed on the UI
// thread when the data may have changed.
// No Dear ImGui here, so it runs in tests without a window.
class AppModel {
 public:
  // db_path is the store's file, which the overview reads on a connection of its own.
  AppModel(LocalStore& store, SyncWorker& sync, Clock& clock, std::string db_path = {});

  // Once per frame: takes finished sync runs from the worker and reloads what they changed.
  void Poll();

  // The browser of a table of the schema, its rows loaded when first asked for.
  RecordBrowser& browser(const std::string& table);
  RecordBrowser& vehicles() { return browser("vehicles"); }
  // Saves the form of a table's browser; a stored record also changes the labels others show
  // for it and the count of changes to push, and the worker syncs it soon. A new handoff opens
  // the receiving ambulance's leg, and a new leg after a handoff asks for a missing first
  // contact (transport_flow.h). True when stored.
  bool Save(const std::string& table);
  RecordLabels& labels() { return labels_; }
  // The open sync conflicts and the one being settled, read again after a sync.
  ConflictViewModel& conflicts() { return conflicts_; }
  // This laptop's enrollment with the county server and the code being entered.
  EnrollmentViewModel& enrollment() { return enrollment_; }
  // Who is working, and the lock that hides the data meanwhile.
  SignInViewModel& session() { return session_; }
  // Settles the selected conflict as decided; the value it writes changes what every screen
  // shows and the count of changes to push, and the worker syncs it soon. True when stored.
  bool SettleConflict(const Translations& tr);
  // The overview screen: the county's figures for a period, computed in the background.
  OverviewModel& overview() { return overview_; }
  // Each frame the overview shows: computes it for this laptop's scope when out of date.
  void ShowOverview();
  // A team's units × posts grid and a transport's timeline, read again only after a save or a
  // sync.
  const Result<TeamGrid>& team_grid(const std::string& team_id);
  const Result<TransportStory>& transport_story(const std::string& transport_id,
                                                const Translations& tr);
  // How many vehicles are available now in each home gacha (AvailableVehiclesByGacha), those
  // on a leg under way left out, read again only after a save or a sync.
  const std::map<std::string, int>& available_vehicles();
  // The records of table whose field holds id (a team's members, a training's participants),
  // archived ones left out, read again only after a save or a sync.
  const Result<std::vector<nlohmann::json>>& children(const std::string& table,
                                                      const std::string& field,
                                                      const std::string& id);

  // The handoff planner's options for a call at a gacha, and the banner's coverage, for the
  // season chosen on the Planning screen (docs/planning.md); read again after a save or a sync.
  PlanningModel& planning() { return planning_; }
  const Result<std::vector<PlannedOption>>& call_options(const std::string& gacha_id);
  const Result<CoverageMap>& coverage();
  // Records a chosen option for the transport being recorded: saves its form first when it
  // has changes, then stores the planned handoff (meeting point, planned time: the call plus
  // the minutes to the meeting) and the car's leg (vehicle, driver, from the gacha to the
  // meeting point) together, and opens the leg asking when the car was dispatched. False
  // with plan_error() saying why when nothing was stored.
  bool ChooseHandoff(const PlannedOption& option);
  const std::string& plan_error() const { return plan_error_; }
  // The transport whose call was saved by ChooseHandoff while its plan was refused, so its
  // options stay in view for another choice; empty otherwise.
  const std::string& unplanned_transport() const { return unplanned_transport_; }
  // The option last chosen and the transport it was chosen for, so its phone stays in view.
  struct ChosenHandoff {
    std::string transport_id;
    PlannedOption option;
  };
  const std::optional<ChosenHandoff>& chosen_handoff() const { return chosen_handoff_; }

  // When the screen next changes without input (epoch ms), so the window can sleep until
  // then: a frame away while a sync or an enrollment runs (the spinner turns, the result is
  // awaited), when a typed filter applies or the idle lock falls due, and at the latest in a
  // minute, for the "5 minutes ago" text. The overview being computed also counts as busy.
  int64_t NextChangeMs();
  static constexpr int64_t kBusyFrameMs = 33;
  static constexpr int64_t kClockTextMs = 60'000;

  void RequestSync() { sync_.RequestSync(); }
  bool sync_busy() const { return sync_.busy(); }
  std::optional<SyncReport> sync_progress() const { return sync_.progress(); }
  const std::string& server_url() const { return sync_.server_url(); }
  const SyncStatus& sync_status() const { return sync_status_; }
  // Why the sync status could not be read; empty when it could.
  const std::string& sync_status_error() const { return sync_status_error_; }
  // The last run finished in this session, for what it pushed and pulled.
  const std::optional<SyncOutcome>& last_outcome() const { return last_outcome_; }
  int64_t now_ms() { return clock_.NowMs(); }
  // Today in the banner's time, "YYYY-MM-DD".
  std::string today() { return LocalNowText(now_ms()).substr(0, 10); }

  GlyphSet& glyphs() { return glyphs_; }

 private:
  void RefreshSyncStatus();
  // The ids of the vehicles on a leg under way (LegUnderWay).
  std::set<std::string> VehiclesUnderWay(const std::vector<nlohmann::json>& vehicles);
  // What a new record of table, just saved, opens next for the call being recorded.
  void FollowTheCall(const std::string& table);
  // After a sync or a settled conflict: everything read from the store may be out of date.
  void DataChanged();

  LocalStore& store_;
  SyncWorker& sync_;
  Clock& clock_;
  GlyphSet glyphs_;
  RecordLabels labels_;
  ConflictViewModel conflicts_;
  EnrollmentViewModel enrollment_;
  SignInViewModel session_;
  OverviewModel overview_;
  PlanningModel planning_;
  std::string plan_error_;
  std::string unplanned_transport_;
  std::optional<ChosenHandoff> chosen_handoff_;
  std::map<std::string, std::unique_ptr<RecordBrowser>> browsers_;
  // Grows whenever stored data may have changed, which outdates what was read from it.
  uint64_t revision_ = 0;
  struct GridCache {
    std::string team_id;
    uint64_t revision;
    Result<TeamGrid> grid;
  };
  std::optional<GridCache> grid_cache_;
  struct StoryCache {
    std::string transport_id;
    uint64_t revision;
    const Translations* tr;
    Result<TransportStory> story;
  };
  std::optional<StoryCache> story_cache_;
  uint64_t available_revision_ = 0;
  std::optional<std::map<std::string, int>> available_;
  uint64_t children_revision_ = 0;
  std::map<std::string, Result<std::vector<nlohmann::json>>> children_cache_;
  SyncStatus sync_status_;
  std::string sync_status_error_;
  std::optional<SyncOutcome> last_outcome_;
};

}  // namespace relay::edge::ui
