#include "ui/model/conflict_view_model.h"

#include "relay/edge/record_merge.h"
#include "relay/hlc.h"
#include "relay/schema.h"
#include "ui/model/list_cells.h"
#include "ui/model/plain_words.h"
#include "ui/model/record_fields.h"
#include "ui/model/time_text.h"
#include "ui/model/typed_value.h"

namespace relay::edge::ui {
namespace {

// Enough of a device id to tell the laptops of one banner apart: its random end, since the
// start of a UUIDv7 is the time it was made, shared by laptops set up together.
constexpr size_t kShortDeviceId = 8;

std::string ShortDeviceId(const std::string& device) {
  if (device.size() <= kShortDeviceId) return device;
  return "…" + device.substr(device.size() - kShortDeviceId);
}

// A value as a list cell shows it, or the words for none.
std::string ValueText(const FieldSpec* spec, const nlohmann::json& value, RecordLabels& labels,
                      const Translations& tr) {
  if (value.is_null()) return tr("conflicts.no_value");
  if (!spec) return value.is_string() ? value.get<std::string>() : value.dump();
  const std::string text = CellText(*spec, {{spec->name, value}}, labels, tr);
  return text.empty() ? std::string(tr("conflicts.no_value")) : text;
}

// A side's value from the JSON text the server stored; null when there is none, nullopt when
// the text is not JSON.
std::optional<nlohmann::json> StoredValue(const nlohmann::json& conflict, const std::string& side) {
  const std::string stored = FieldText(conflict, side + "_value");
  if (stored.empty()) return nlohmann::json();
  nlohmann::json value = nlohmann::json::parse(stored, nullptr, false);
  if (value.is_discarded()) return std::nullopt;
  return value;
}

ConflictSide DescribeSide(const nlohmann::json& conflict, const std::string& side,
                          const FieldSpec* spec, const std::string& this_device,
                          RecordLabels& labels, const Translations& tr) {
  ConflictSide described;
  const auto value = StoredValue(conflict, side);
  // Text that is not JSON is shown as it is rather than hidden.
  described.value =
      value ? ValueText(spec, *value, labels, tr) : FieldText(conflict, side + "_value");
  const std::string device = FieldText(conflict, side + "_device");
  described.device = ShortDeviceId(device);
  described.this_device = !device.empty() && device == this_device;
  const auto stamp = HlcTimestamp::FromText(FieldText(conflict, side + "_stamp"));
  if (stamp && !stamp->IsZero()) described.when = LocalNowText(stamp->wall_ms);
  return described;
}

// A record as "<table's title> · <record's label>".
std::string RecordText(const std::string& table, const std::string& id, RecordLabels& labels,
                       const Translations& tr) {
  return std::string(tr("title." + table)) + " · " + labels.Label(table, id, tr);
}

const FieldSpec* FindField(const std::string& table, const std::string& field) {
  const TableSpec* spec = FindTable(table);
  return spec ? spec->Field(field) : nullptr;
}

// Each refused field by its label and the rule in words: the reason belongs to the conflict,
// any other field to the record being settled.
std::string RefusalText(const PutError& errors, const std::string& table, const Translations& tr) {
  std::string text;
  for (const FieldError& error : errors.errors) {
    const TableSpec* spec = FindTable(error.field == "reason" ? "conflicts" : table);
    if (!spec) continue;
    text += (text.empty() ? "" : "; ") +
            std::string(tr("field." + spec->name + "." + error.field)) + ": " +
            DescribeFieldError(error, *spec, tr);
  }
  return text.empty() ? errors.Summary() : text;
}

}  // namespace

std::string ConflictsNavLabel(int64_t open_count, const Translations& tr) {
  if (open_count == 0) return tr("nav.conflicts");
  return tr.Format("nav.conflicts.open", {{"n", std::to_string(open_count)}});
}

ConflictViewModel::ConflictViewModel(LocalStore& store, GlyphSet& glyphs)
    : store_(store), glyphs_(glyphs) {}

ConflictText ConflictViewModel::Describe(const nlohmann::json& conflict, RecordLabels& labels,
                                         const Translations& tr) const {
  const std::string kind = FieldText(conflict, "conflict_kind");
  const std::string table = FieldText(conflict, "table_name");
  const std::string record_id = FieldText(conflict, "record_id");
  const std::string field = FieldText(conflict, "field_name");
  const FieldSpec* spec = FindField(table, field);

  ConflictText text;
  text.found_at = LocalTimeText(FieldText(conflict, "detected_at"));
  text.kind = tr("choice.conflict_kind." + kind);
  text.record = RecordText(table, record_id, labels, tr);
  text.field = tr("field." + table + "." + field);
  const nlohmann::json* record = labels.Find(table, record_id);
  const nlohmann::json current = record ? record->value(field, nlohmann::json()) : nlohmann::json();
  text.value_now = ValueText(spec, current, labels, tr);

  if (kind == "concurrent_edit") {
    text.concurrent_edit = true;
    text.kept = DescribeSide(conflict, "kept", spec, store_.device_id(), labels, tr);
    text.lost = DescribeSide(conflict, "lost", spec, store_.device_id(), labels, tr);
    const auto kept = StoredValue(conflict, "kept");
    text.edited_since = record && kept && current != *kept;
  } else if (kind == "duplicate") {
    const std::string other_id = FieldText(conflict, "other_record_id");
    const std::string other = RecordText(table, other_id, labels, tr);
    text.problem = tr.Format("conflicts.duplicate_of", {{"record", other}});
    const TableSpec* spec_table = FindTable(table);
    text.can_merge = spec_table && spec_table->Field("merged_into") && !other_id.empty();
    text.this_label = labels.Label(table, record_id, tr);
    text.other_label = labels.Label(table, other_id, tr);
  } else {
    // The rule in the user's words when it has them, else the core's own sentence.
    const std::string rule = "rule." + FieldText(conflict, "rule");
    text.problem = tr.Has(rule) ? tr(rule) : FieldText(conflict, "note");
  }
  return text;
}

void ConflictViewModel::Reload() {
  RecordQuery query;
  query.where_field = "conflict_state";
  query.where_value = "open";
  query.include_archived = false;
  auto count = store_.Count("conflicts", query);
  query.limit = kMaxListed;
  auto open = store_.List("conflicts", query);
  if (!count.ok() || !open.ok()) {
    load_error_ = !count.ok() ? count.status().message() : open.status().message();
    glyphs_.AddText(load_error_);
    open_.clear();
    open_count_ = 0;
    selected_.reset();
    return;
  }
  load_error_.clear();
  open_ = std::move(open).value();
  open_count_ = count.value();
  for (const auto& conflict : open_)
    glyphs_.AddJson(conflict);
  if (selected_) {
    const std::string id = FieldText(*selected_, "id");
    auto stored = store_.Get("conflicts", id);
    if (stored.ok() && FieldText(stored.value(), "conflict_state") == "open") {
      selected_ = std::move(stored).value();
    } else {
      selected_.reset();
    }
  }
}

void ConflictViewModel::Select(const std::string& id) {
  decision_ = ConflictDecision{};
  error_.clear();
  selected_.reset();
  auto stored = store_.Get("conflicts", id);
  if (!stored.ok()) {
    error_ = stored.status().message();
    glyphs_.AddText(error_);
    return;
  }
  glyphs_.AddJson(stored.value());
  selected_ = std::move(stored).value();
}

void ConflictViewModel::Unselect() {
  selected_.reset();
  decision_ = ConflictDecision{};
  error_.clear();
}

bool ConflictViewModel::Settle(const Translations& tr, int64_t now_ms) {
  if (!selected_) return false;
  Resolution resolution;
  resolution.choice = decision_.choice;
  resolution.reason = decision_.reason;
  if (decision_.choice == Resolution::Choice::kNewValue) {
    const FieldSpec* spec =
        FindField(FieldText(*selected_, "table_name"), FieldText(*selected_, "field_name"));
    resolution.new_value = spec ? ValueFromTyped(*spec, decision_.typed_value, tr, now_ms)
                                : nlohmann::json(decision_.typed_value);
  }
  const std::string table = FieldText(*selected_, "table_name");
  const std::string record = FieldText(*selected_, "record_id");
  const std::string other = FieldText(*selected_, "other_record_id");
  using Merge = ConflictDecision::Merge;
  PutError errors;
  const Status status =
      decision_.merge == Merge::kNone
          ? ResolveConflict(store_, FieldText(*selected_, "id"), resolution, now_ms, &errors)
          : MergeRecords(store_, table, decision_.merge == Merge::kThisIntoOther ? record : other,
                         decision_.merge == Merge::kThisIntoOther ? other : record,
                         decision_.reason, now_ms, &errors);
  if (!status.ok()) {
    error_ = errors.errors.empty() ? status.message() : RefusalText(errors, table, tr);
    glyphs_.AddText(error_);
    return false;
  }
  error_.clear();
  settled_ = std::move(selected_);
  selected_.reset();
  decision_ = ConflictDecision{};
  Reload();
  return true;
}

}  // namespace relay::edge::ui
