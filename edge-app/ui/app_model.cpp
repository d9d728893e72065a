#include "ui/app_model.h"

#include "relay/schema.h"

namespace relay::edge::ui {

AppModel::AppModel(LocalStore& store, SyncWorker& sync, Clock& clock)
    : store_(store), sync_(sync), clock_(clock), vehicles_(store, *FindTable("vehicles"), glyphs_) {
  CollectStoredText();
  vehicles_.Reload();
  RefreshSyncStatus();
}

void AppModel::Poll() {
  bool finished = false;
  while (auto outcome = sync_.TakeOutcome()) {
    last_outcome_ = std::move(outcome);
    finished = true;
  }
  if (!finished) return;
  RefreshSyncStatus();
  CollectStoredText();
  vehicles_.Reload();
}

void AppModel::SaveVehicle() {
  if (vehicles_.Save()) RefreshSyncStatus();
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

void AppModel::CollectStoredText() {
  for (const auto& table : SchemaTables()) {
    auto records = store_.List(table.name);
    if (!records.ok()) continue;  // the screen that lists this table reports the failure
    for (const auto& record : records.value())
      glyphs_.AddJson(record);
  }
}

}  // namespace relay::edge::ui
