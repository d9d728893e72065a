#include "ui/record_labels.h"

#include <algorithm>

#include "ui/record_fields.h"
#include "ui/time_text.h"

namespace relay::edge::ui {
namespace {

std::string Joined(const std::string& first, const std::string& second) {
  if (first.empty()) return second;
  if (second.empty()) return first;
  return first + " · " + second;
}

}  // namespace

RecordLabels::RecordLabels(LocalStore& store, GlyphSet& glyphs) : store_(store), glyphs_(glyphs) {}

const std::map<std::string, nlohmann::json>& RecordLabels::Records(const std::string& table) {
  auto found = records_.find(table);
  if (found != records_.end()) return found->second;
  auto& by_id = records_[table];
  auto records = store_.List(table);
  if (!records.ok()) return by_id;  // the table's own screen reports the failure
  for (auto& record : records.value()) {
    glyphs_.AddJson(record);
    const std::string id = FieldText(record, "id");
    by_id.emplace(id, std::move(record));
  }
  return by_id;
}

const nlohmann::json* RecordLabels::Find(const std::string& table, const std::string& id) {
  const auto& records = Records(table);
  const auto found = records.find(id);
  return found == records.end() ? nullptr : &found->second;
}

std::string RecordLabels::Label(const std::string& table, const std::string& id,
                                const Translations& tr) {
  if (id.empty()) return "";
  if (const nlohmann::json* record = Find(table, id)) return LabelOf(table, *record, tr);
  return id.substr(0, 8) + "…";
}

std::string RecordLabels::LabelOf(const std::string& table, const nlohmann::json& record,
                                  const Translations& tr) {
  if (table == "vehicles") return FieldText(record, "plate");
  if (table == "transports") {
    return Joined(LocalTimeText(FieldText(record, "call_received_at")),
                  FieldText(record, "patient_name"));
  }
  if (table == "units") {
    return Joined(tr("choice.unit_kind." + FieldText(record, "unit_kind")),
                  Label("teams", FieldText(record, "team_id"), tr));
  }
  if (table == "trainings") return Joined(FieldText(record, "held_on"), FieldText(record, "topic"));
  if (table == "transport_legs") {
    return Joined(Label("vehicles", FieldText(record, "vehicle_id"), tr),
                  FieldText(record, "to_place"));
  }
  if (table == "handoffs") return LocalTimeText(FieldText(record, "planned_at"));
  const std::string name = FieldText(record, "name");
  return name.empty() ? FieldText(record, "id").substr(0, 8) + "…" : name;
}

const std::vector<RecordLabels::Option>& RecordLabels::Options(const std::string& table,
                                                               const std::string& filter,
                                                               const Translations& tr) {
  if (options_ && options_->table == table && options_->filter == filter && options_->tr == &tr) {
    return options_->options;
  }
  std::vector<Option> options;
  for (const auto& [id, record] : Records(table)) {
    if (IsArchived(record)) continue;
    std::string label = LabelOf(table, record, tr);
    if (label.find(filter) == std::string::npos) continue;
    options.push_back({id, std::move(label)});
  }
  std::sort(options.begin(), options.end(),
            [](const Option& a, const Option& b) { return a.label < b.label; });
  options_ = OptionsCache{table, filter, &tr, std::move(options)};
  return options_->options;
}

}  // namespace relay::edge::ui
