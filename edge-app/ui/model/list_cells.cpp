#include "ui/model/list_cells.h"

#include <map>

#include "ui/model/time_text.h"

namespace relay::edge::ui {
namespace {

constexpr size_t kMaxColumns = 5;
// Longer free text (notes, evaluations) would crowd out the fields a list is scanned by.
constexpr size_t kLongTextAbove = 100;

const std::map<std::string, std::vector<std::string>, std::less<>>& ChosenColumns() {
  static const std::map<std::string, std::vector<std::string>, std::less<>> columns = {
      {"transports",
       {"call_received_at", "patient_name", "complaint_code", "acuity", "pickup_gacha_id",
        "transport_state"}},
      {"volunteers",
       {"name", "phone", "gacha_id", "affiliation", "first_aid_expires_on", "active"}},
      {"trainings", {"held_on", "training_kind", "topic", "hours", "team_id"}},
      {"gachas", {"name", "township_id", "area_type"}},
      {"rendezvous_points", {"name", "gacha_id", "road_type", "landmark"}},
  };
  return columns;
}

}  // namespace

std::vector<const FieldSpec*> ListColumns(const TableSpec& table) {
  std::vector<const FieldSpec*> columns;
  if (const auto chosen = ChosenColumns().find(table.name); chosen != ChosenColumns().end()) {
    for (const std::string& name : chosen->second) {
      if (const FieldSpec* spec = table.Field(name)) columns.push_back(spec);
    }
    return columns;
  }
  for (const FieldSpec& spec : table.fields) {
    if (columns.size() == kMaxColumns) break;
    if (spec.name == kArchivedField) continue;
    if (spec.type == FieldType::kText && spec.max_chars > kLongTextAbove) continue;
    columns.push_back(&spec);
  }
  return columns;
}

std::string CellText(const FieldSpec& spec, const nlohmann::json& record, RecordLabels& labels,
                     const Translations& tr) {
  const auto found = record.find(spec.name);
  if (found == record.end() || found->is_null()) return "";
  if (spec.type == FieldType::kBoolean) {
    const bool yes = found->is_boolean() ? found->get<bool>() : *found == 1;
    return tr(yes ? "value.yes" : "value.no");
  }
  if (!found->is_string()) return found->dump();
  const std::string& text = found->get_ref<const std::string&>();
  if (spec.type == FieldType::kChoice) return tr("choice." + spec.name + "." + text);
  if (spec.text_rule == TextRule::kReference) return labels.Label(spec.references, text, tr);
  if (spec.text_rule == TextRule::kTime) return LocalTimeText(text);
  return text;
}

}  // namespace relay::edge::ui
