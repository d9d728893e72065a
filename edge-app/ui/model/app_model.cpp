#include "ui/model/app_model.h"

#include <algorithm>

#include "relay/readiness.h"
#include "relay/schema.h"
#include "relay/validation.h"
#include "ui/model/record_fields.h"
#include "ui/model/transport_flow.h"

namespace relay::edge::ui {

AppModel::AppModel(LocalStore& store, SyncWorker& sync, Clock& clock, std::string db_path)
    : store_(store),
      sync_(sync),
      clock_(clock),
      labels_(store, glyphs_),
      conflicts_(store, glyphs_),
      enrollment_(store, sync.server_url(), sync.open_transport()),
      session_(store, clock),
      overview_(std::move(db_path)),
      planning_(store, planning::SeasonAt(clock.NowMs() / 1000)) {
  RefreshSyncStatus();
  conflicts_.Reload();
}

RecordBrowser& AppModel::browser(const std::string& table) {
  auto& browser = browsers_[table];
  if (!browser) {
    browser = std::make_unique<RecordBrowser>(store_, *FindTable(table), glyphs_);
    browser->Reload();
  }
  return *browser;
}

void AppModel::Poll() {
  enrollment_.Poll();
  overview_.Poll(glyphs_);
  bool finished = false;
  while (auto outcome = sync_.TakeOutcome()) {
    last_outcome_ = std::move(outcome);
    finished = true;
  }
  if (!finished) return;
  DataChanged();
  conflicts_.Reload();
}

int64_t AppModel::NextChangeMs() {
  const int64_t now = now_ms();
  if (sync_.busy() || enrollment_.busy() || overview_.busy()) return now + kBusyFrameMs;
  int64_t next = now + kClockTextMs;
  for (const auto& [table, browser] : browsers_) {
    // A pause already over was applied by the filter box on screen, or the box is on another
    // screen and applies it when shown: neither needs a frame now.
    if (const auto due = browser->FilterDueMs(); due && *due > now) next = std::min(next, *due);
  }
  if (const auto due = session_.LockDueMs()) next = std::min(next, *due);
  return next;
}

bool AppModel::Save(const std::string& table) {
  const bool created = browser(table).form().creating();
  const auto& person = session_.person();
  if (!browser(table).Save(clock_.NowMs(), person ? person->name : "")) return false;
  labels_.Invalidate();
  ++revision_;
  overview_.DataChanged();
  RefreshSyncStatus();
  sync_.Saved();
  if (table == "staff") session_.Reload();
  if (created) FollowTheCall(table);
  return true;
}

void AppModel::FollowTheCall(const std::string& table) {
  RecordBrowser& saved = browser(table);
  const nlohmann::json* record = labels_.Find(table, saved.selected_id());
  if (!record) return;
  const std::string transport_id = FieldText(*record, "transport_id");
  if (table == "handoffs") {
    const nlohmann::json handoff = *record;
    saved.CloseForm();
    StartAmbulanceLeg(store_, labels_, browser("transport_legs"), handoff);
  } else if (table == "transport_legs") {
    // A leg after a handoff is the receiving vehicle's: by then someone has reached the patient.
    auto handoffs = store_.ListWhere("handoffs", "transport_id", transport_id);
    if (!handoffs.ok() || handoffs.value().empty()) return;
    if (AskForFirstContact(browser("transports"), labels_, transport_id)) saved.CloseForm();
  }
}

const Result<std::vector<PlannedOption>>& AppModel::call_options(const std::string& gacha_id) {
  planning_.FollowTheMonth(now_ms() / 1000);
  const auto& options = planning_.Options(gacha_id, revision_);
  if (options.ok()) {
    for (const PlannedOption& option : options.value()) {
      for (const std::string* text : {&option.plate, &option.driver_name, &option.phone,
                                      &option.rendezvous_point_name, &option.station_name})
        glyphs_.AddText(*text);
    }
  }
  return options;
}

const Result<CoverageMap>& AppModel::coverage() {
  planning_.FollowTheMonth(now_ms() / 1000);
  const auto& map = planning_.Coverage(revision_);
  if (map.ok()) {
    for (const auto& spot : map.value().spots)
      glyphs_.AddText(spot.name);
    for (const auto& name : map.value().unplaced)
      glyphs_.AddText(name);
  }
  return map;
}

bool AppModel::ChooseHandoff(const PlannedOption& option) {
  plan_error_.clear();
  if (option.vehicle_id.empty()) return false;  // the ambulance alone: nothing to arrange
  RecordBrowser& transports = browser("transports");
  if (transports.form().open() &&
      (transports.form().creating() || transports.form().HasChanges()) && !Save("transports")) {
    return false;  // the transport's form shows why
  }
  const std::string transport_id = transports.selected_id();
  auto transport = store_.Get("transports", transport_id);
  if (!transport.ok()) {
    plan_error_ = transport.status().message();
    return false;
  }
  const auto called = ParseTimeSeconds(FieldText(transport.value(), "call_received_at"));
  const int64_t call_s = called ? *called : now_ms() / 1000;
  nlohmann::json leg = {{"transport_id", transport_id},
                        {"vehicle_id", option.vehicle_id},
                        {"from_place", option.gacha_name},
                        {"to_place", option.rendezvous_point_name}};
  if (!option.driver_id.empty()) leg["driver_id"] = option.driver_id;
  auto stored = store_.PutEach(
      {{"handoffs",
        {{"transport_id", transport_id},
         {"rendezvous_point_id", option.rendezvous_point_id},
         {"planned_at", FormatUtcTime(call_s + int64_t{option.minutes_to_meeting} * 60)}}},
       {"transport_legs", leg}});
  if (!stored.ok()) {
    plan_error_ = stored.status().message();
    unplanned_transport_ = transport_id;
    return false;
  }
  unplanned_transport_.clear();
  chosen_handoff_ = ChosenHandoff{transport_id, option};
  DataChanged();
  sync_.Saved();
  transports.Select(transport_id);
  RecordBrowser& legs = browser("transport_legs");
  legs.Select(stored.value()[1]);
  legs.form().AskFor("dispatched_at");
  return true;
}

bool AppModel::SettleConflict(const Translations& tr) {
  if (!conflicts_.Settle(tr, now_ms())) return false;
  DataChanged();
  sync_.Saved();
  return true;
}

void AppModel::DataChanged() {
  RefreshSyncStatus();
  session_.Reload();
  labels_.Invalidate();
  ++revision_;
  overview_.DataChanged();
  for (auto& [table, browser] : browsers_)
    browser->Reload();
}

void AppModel::ShowOverview() {
  overview_.Show(ScopeTownship(enrollment_.enrollment()), now_ms());
}

const Result<TeamGrid>& AppModel::team_grid(const std::string& team_id) {
  if (!grid_cache_ || grid_cache_->team_id != team_id || grid_cache_->revision != revision_) {
    grid_cache_.emplace(GridCache{team_id, revision_, LoadTeamGrid(store_, team_id, today())});
  }
  return grid_cache_->grid;
}

const std::map<std::string, int>& AppModel::available_vehicles() {
  if (!available_ || available_revision_ != revision_) {
    auto vehicles = store_.List("vehicles");
    // The vehicle list shows the failure to read; here it only leaves the counts empty.
    available_ = vehicles.ok() ? AvailableVehiclesByGacha(vehicles.value(),
                                                          VehiclesUnderWay(vehicles.value()))
                               : std::map<std::string, int>();
    available_revision_ = revision_;
  }
  return *available_;
}

std::set<std::string> AppModel::VehiclesUnderWay(const std::vector<nlohmann::json>& vehicles) {
  std::set<std::string> busy;
  for (const auto& vehicle : vehicles) {
    const std::string id = vehicle.value("id", "");
    auto legs = store_.ListWhere("transport_legs", "vehicle_id", id);
    if (!legs.ok()) continue;  // counted as available, as before legs could be read
    for (const auto& leg : legs.value()) {
      auto transport = store_.Get("transports", leg.value("transport_id", ""));
      if (transport.ok() && LegUnderWay(leg, transport.value())) {
        busy.insert(id);
        break;
      }
    }
  }
  return busy;
}

const Result<std::vector<nlohmann::json>>& AppModel::children(const std::string& table,
                                                              const std::string& field,
                                                              const std::string& id) {
  if (children_revision_ != revision_) {
    children_cache_.clear();
    children_revision_ = revision_;
  }
  const std::string key = table + '\n' + field + '\n' + id;
  auto found = children_cache_.find(key);
  if (found != children_cache_.end()) return found->second;
  auto records = store_.ListWhere(table, field, id);
  if (records.ok()) {
    auto& list = records.value();
    list.erase(std::remove_if(list.begin(), list.end(),
                              [](const nlohmann::json& record) {
                                const auto flag = record.find(std::string(kArchivedField));
                                return flag != record.end() && flag->is_boolean() &&
                                       flag->get<bool>();
                              }),
               list.end());
    for (const auto& record : list)
      glyphs_.AddJson(record);
  }
  return children_cache_.emplace(key, std::move(records)).first->second;
}

const Result<TransportStory>& AppModel::transport_story(const std::string& transport_id,
                                                        const Translations& tr) {
  if (!story_cache_ || story_cache_->transport_id != transport_id ||
      story_cache_->revision != revision_ || story_cache_->tr != &tr) {
    story_cache_.emplace(StoryCache{transport_id, revision_, &tr,
                                    LoadTransportStory(store_, labels_, tr, transport_id)});
  }
  return story_cache_->story;
}

void AppModel::RefreshSyncStatus() {
  auto status = store_.ReadSyncStatus();
  if (!status.ok()) {
    sync_status_error_ = status.status().message();
    return;
  }
  sync_status_error_.clear();
  sync_status_ = status.value();
}

}  // namespace relay::edge::ui
