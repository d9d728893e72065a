#include "ui/model/record_labels.h"

#include <algorithm>

#include "ui/model/record_fields.h"
#include "ui/model/time_text.h"

namespace relay::edge::ui {
namespace {

std::string Joined(const std::string& first, const std::string& second) {
  if (first.empty()) return second;
  if (second.empty()) return first;
  return first + " · " + second;
}

// The last four digits of a phone, which people read out to tell two namesakes apart.
std::string PhoneTail(const std::string& phone, const Translations& tr) {
  if (phone.size() < 4) return phone;
  return tr.Format("label.phone_tail", {{"tail", phone.substr(phone.size() - 4)}});
}

}  // namespace

RecordLabels::RecordLabels(LocalStore& store, GlyphSet& glyphs) : store_(store), glyphs_(glyphs) {}

const nlohmann::json* RecordLabels::Find(const std::string& table, const std::string& id) {
  auto& by_id = records_[table];
  auto found = by_id.find(id);
  if (found == by_id.end()) {
    auto record = store_.Get(table, id);
    std::optional<nlohmann::json> kept;
    if (record.ok()) {
      glyphs_.AddJson(record.value());
      kept = std::move(record).value();
    }
    found = by_id.emplace(id, std::move(kept)).first;
  }
  return found->second ? &*found->second : nullptr;
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

std::string RecordLabels::NameOf(const std::string& table, const std::string& id) {
  if (id.empty()) return "";
  const nlohmann::json* record = Find(table, id);
  return record ? FieldText(*record, "name") : "";
}

std::string RecordLabels::PickerLabel(const std::string& table, const std::string& id,
                                      const Translations& tr) {
  if (id.empty()) return "";
  if (const nlohmann::json* record = Find(table, id)) return PickerLabelOf(table, *record, tr);
  return id.substr(0, 8) + "…";
}

std::string RecordLabels::PickerLabelOf(const std::string& table, const nlohmann::json& record,
                                        const Translations& tr) {
  // Namesakes and look-alike places are told apart by their gacha, a volunteer also by the
  // phone's last digits, a vehicle by what kind of car it is and who drives it.
  if (table == "vehicles") {
    const std::string category = FieldText(record, "owner_category");
    return Joined(Joined(Joined(FieldText(record, "plate"),
                                category.empty() ? "" : tr("choice.owner_category." + category)),
                         NameOf("volunteers", FieldText(record, "driver_id"))),
                  NameOf("gachas", FieldText(record, "home_gacha_id")));
  }
  if (table == "volunteers") {
    return Joined(
        Joined(FieldText(record, "name"), NameOf("gachas", FieldText(record, "gacha_id"))),
        PhoneTail(FieldText(record, "phone"), tr));
  }
  if (table == "rendezvous_points") {
    return Joined(FieldText(record, "name"), NameOf("gachas", FieldText(record, "gacha_id")));
  }
  return LabelOf(table, record, tr);
}

const std::vector<RecordLabels::Option>& RecordLabels::Options(const std::string& table,
                                                               const std::string& filter,
                                                               const Translations& tr,
                                                               const OptionScope& scope) {
  if (!options_ || options_->table != table || options_->filter != filter ||
      options_->scope != scope || options_->tr != &tr) {
    options_ = OptionsCache{table, filter, scope, &tr, LoadOptions(table, filter, tr, scope)};
  }
  return options_->options;
}

std::vector<RecordLabels::Option> RecordLabels::LoadOptions(const std::string& table,
                                                            const std::string& filter,
                                                            const Translations& tr,
                                                            const OptionScope& scope) {
  RecordQuery query;
  query.include_archived = false;
  query.where_field = scope.only_field;
  query.where_value = scope.only_value;
  query.limit = kMaxOptions + 1;
  auto records = store_.List(table, query);
  if (!records.ok()) return {};  // the table's own screen reports the failure
  const bool all_read = static_cast<int64_t>(records.value().size()) <= kMaxOptions;
  if (!all_read && !filter.empty()) {
    query.contains = filter;
    query.limit = kMaxOptions;
    records = store_.List(table, query);
    if (!records.ok()) return {};
  }
  std::vector<Option> options;
  for (auto& record : records.value()) {
    glyphs_.AddJson(record);
    std::string label = PickerLabelOf(table, record, tr);
    if (all_read && label.find(filter) == std::string::npos) continue;
    if (static_cast<int64_t>(options.size()) == kMaxOptions) break;
    const bool first =
        !scope.first_field.empty() && FieldText(record, scope.first_field) == scope.first_value;
    options.push_back({FieldText(record, "id"), std::move(label), first});
  }
  if (all_read) {
    std::sort(options.begin(), options.end(),
              [](const Option& a, const Option& b) { return a.label < b.label; });
  }
  std::stable_partition(options.begin(), options.end(), [](const Option& o) { return o.first; });
  return options;
}

}  // namespace relay::edge::ui
