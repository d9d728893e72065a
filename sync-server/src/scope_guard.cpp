#include "scope_guard.h"

namespace relay::server {
namespace {

// The refusal of changes[index], naming it, its record and field, and why, with the numbers of
// the push's changes to that record not stored before (above last_seq).
std::optional<ScopeBreach> Breach(const std::vector<OutboxChange>& changes, size_t index,
                                  int64_t last_seq, const std::string& why) {
  const Change& change = changes[index].change;
  ScopeBreach breach{{},
                     "changes[" + std::to_string(index) + "] (" + change.table + " " +
                         change.record_id + ", field " + change.field + "): " + why +
                         "; nothing of this push was stored"};
  for (const auto& entry : changes) {
    if (entry.seq > last_seq && entry.change.table == change.table &&
        entry.change.record_id == change.record_id) {
      breach.seqs.push_back(entry.seq);
    }
  }
  return breach;
}

}  // namespace

std::string TownshipCreatedIn(sql::Database& db, const std::string& table,
                              const std::string& record_id) {
  auto query = db.Prepare("SELECT township_id FROM record_owners WHERE tbl=? AND rid=?");
  if (!query.ok()) return "";
  query.value().Bind(1, table).Bind(2, record_id);
  auto row = query.value().Step();
  return row.ok() && row.value() ? query.value().Text(0) : "";
}

RecordHomes& ScopeGuard::Homes() {
  if (!homes_) {
    lookup_.emplace(state_);
    homes_.emplace(*lookup_, [this](const std::string& table, const std::string& id) {
      return TownshipCreatedIn(db_, table, id);
    });
  }
  return *homes_;
}

Status ScopeGuard::NoteCreator(const std::string& table, const std::string& record_id) {
  auto insert =
      db_.Prepare("INSERT OR IGNORE INTO record_owners (tbl, rid, township_id) VALUES (?,?,?)");
  if (!insert.ok()) return insert.status();
  return insert.value().Bind(1, table).Bind(2, record_id).Bind(3, scope_.township_id).Run();
}

Result<std::optional<ScopeBreach>> ScopeGuard::CheckBefore(const std::vector<OutboxChange>& changes,
                                                           int64_t last_seq) {
  for (size_t i = 0; i < changes.size(); ++i) {
    const Change& change = changes[i].change;
    if (changes[i].seq <= last_seq) continue;
    const auto key = std::make_pair(change.table, change.record_id);
    if (homes_before_.count(key)) continue;
    auto record = state_.Record(change.table, change.record_id);
    if (!record.ok()) return record.status();
    if (!record.value()) continue;  // created by this push
    const std::string governing = GoverningRecord(change.table, *record.value()).first;
    if (auto refusal =
            RoleRefusal(scope_, governing.empty() ? change.table : governing, change.field)) {
      return Breach(changes, i, last_seq, *refusal);
    }
    const RecordHome home = Homes().HomeOf(change.table, change.record_id);
    homes_before_.emplace(key, home);
    if (change.table == "gachas") {
      gacha_townships_before_[change.record_id] = record.value()->value("township_id", "");
    }
    if (auto refusal = Homes().Refusal(scope_, home)) {
      return Breach(changes, i, last_seq, "the record " + *refusal);
    }
  }
  return std::optional<ScopeBreach>();
}

Result<std::optional<ScopeBreach>> ScopeGuard::CheckAfter(const std::vector<OutboxChange>& changes,
                                                          int64_t last_seq) {
  for (const auto& entry : changes) {
    const auto key = std::make_pair(entry.change.table, entry.change.record_id);
    if (entry.seq <= last_seq || homes_before_.count(key) || scope_.IsCounty()) continue;
    if (Status status = NoteCreator(key.first, key.second); !status.ok()) return status;
  }
  homes_.reset();  // the changes may have moved records: find every home again
  // Each record as the push would have it, also where a change lost to a later stored value:
  // a losing write's value is kept in a conflicts record that may yet be chosen.
  std::map<std::pair<std::string, std::string>, nlohmann::json> pushed;
  for (const auto& entry : changes) {
    if (entry.seq <= last_seq) continue;
    const auto key = std::make_pair(entry.change.table, entry.change.record_id);
    if (!pushed.count(key)) {
      auto record = state_.Record(key.first, key.second);
      if (!record.ok()) return record.status();
      pushed[key] = record.value().value_or(nlohmann::json{{"id", key.second}});
    }
    pushed[key][entry.change.field] = entry.change.value;
  }
  std::set<std::pair<std::string, std::string>> checked;
  for (size_t i = 0; i < changes.size(); ++i) {
    const Change& change = changes[i].change;
    if (changes[i].seq <= last_seq) continue;
    const auto key = std::make_pair(change.table, change.record_id);
    const nlohmann::json& record = pushed[key];
    const std::string governing = GoverningRecord(change.table, record).first;
    if (auto refusal =
            RoleRefusal(scope_, governing.empty() ? change.table : governing, change.field)) {
      return Breach(changes, i, last_seq, *refusal);
    }
    if (!checked.insert(key).second) continue;
    if (auto refusal = Homes().Refusal(scope_, Homes().HomeOfRecord(change.table, record))) {
      return Breach(changes, i, last_seq, "after this push the record " + *refusal);
    }
    const RecordHome home = Homes().HomeOf(change.table, change.record_id);
    if (auto before = homes_before_.find(key);
        before != homes_before_.end() && before->second != home) {
      moved_.push_back(key);
    }
    // A gacha is everyone's, but moving it to another township moves what it places.
    if (auto before = gacha_townships_before_.find(change.record_id);
        change.table == "gachas" && before != gacha_townships_before_.end()) {
      auto stored = state_.Record(change.table, change.record_id);
      if (!stored.ok()) return stored.status();
      if (before->second != stored.value()->value("township_id", "")) moved_.push_back(key);
    }
  }
  return std::optional<ScopeBreach>();
}

std::vector<std::pair<std::string, std::string>> ScopeGuard::MovedWithDependents() {
  std::vector<std::pair<std::string, std::string>> records;
  for (const auto& [table, id] : moved_) {
    records.emplace_back(table, id);
    for (auto& dependent : Homes().Dependents(table, id))
      records.push_back(std::move(dependent));
  }
  return records;
}

bool ScopeGuard::MayRead(const std::string& table, const std::string& record_id) {
  if (scope_.IsCounty()) return true;
  const RecordHome home = Homes().HomeOf(table, record_id);
  return home.kind == RecordHome::Kind::kShared ||
         (home.kind == RecordHome::Kind::kTownship && home.township_id == scope_.township_id);
}

}  // namespace relay::server
