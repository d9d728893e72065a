#include "ui/model/record_form.h"

#include <charconv>

#include "relay/text.h"

#include "ui/model/time_text.h"

namespace relay::edge::ui {
namespace {

// The value a field holds, as Put takes it; null when it is not set.
nlohmann::json ValueOf(const FormField& field) {
  switch (field.spec->type) {
    case FieldType::kText: {
      std::string text = Trimmed(field.text);
      if (text.empty()) return nullptr;
      // A time typed in Beijing time goes to Put in UTC; text that is no time goes as typed,
      // so the core's rule names the fault.
      if (field.spec->text_rule == TextRule::kTime) {
        if (auto utc = NormalizeTime(text)) return *utc;
      }
      return text;
    }
    case FieldType::kInteger: {
      const std::string text = Trimmed(field.text);
      if (text.empty()) return nullptr;
      int64_t number = 0;
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
      // Text that is no whole number goes to Put as typed, so the core's rule names the fault.
      if (error != std::errc() || end != text.data() + text.size()) return text;
      return number;
    }
    case FieldType::kBoolean:
      return field.checked;
    case FieldType::kChoice:
      if (field.choice < 0) return nullptr;
      return field.spec->choices[static_cast<size_t>(field.choice)];
  }
  return nullptr;
}

bool SameValue(const FormField& a, const FormField& b) {
  return ValueOf(a) == ValueOf(b);
}

// Fills a field from a stored value, whatever JSON type the store returned it as.
void Load(FormField& field, const nlohmann::json& value) {
  if (value.is_null()) return;
  switch (field.spec->type) {
    case FieldType::kText:
    case FieldType::kInteger:
      field.text = value.is_string() ? value.get<std::string>() : value.dump();
      if (field.spec->text_rule == TextRule::kTime) field.text = LocalTimeText(field.text);
      return;
    case FieldType::kBoolean:
      field.checked = value.is_boolean() ? value.get<bool>() : (value.is_number() && value != 0);
      return;
    case FieldType::kChoice:
      if (!value.is_string()) return;
      for (size_t i = 0; i < field.spec->choices.size(); ++i) {
        if (field.spec->choices[i] == value.get<std::string>()) field.choice = static_cast<int>(i);
      }
      return;
  }
}

}  // namespace

RecordForm::RecordForm(const TableSpec& table) : table_(table) {
  Reset();
}

void RecordForm::Reset() {
  fields_.clear();
  for (const auto& spec : table_.fields) {
    FormField field;
    field.spec = &spec;
    fields_.push_back(std::move(field));
  }
  loaded_ = fields_;
  form_errors_.clear();
  record_id_.clear();
  seen_.clear();
  corrections_.clear();
  correction_reason_.clear();
  questioned_.clear();
  asked_.clear();
  focus_asked_ = false;
  saved_ = false;
}

void RecordForm::StartNew() {
  Reset();
  open_ = true;
  focus_asked_ = true;
  for (auto& field : fields_) {
    if (!field.spec->preset.empty()) Load(field, field.spec->preset);
  }
  loaded_ = fields_;  // a preset alone is nothing to save or to lose
}

void RecordForm::StartEdit(const nlohmann::json& record, std::map<std::string, HlcTimestamp> seen) {
  Reset();
  open_ = true;
  record_id_ = record.value("id", "");
  seen_ = std::move(seen);
  for (auto& field : fields_) {
    if (auto found = record.find(field.spec->name); found != record.end()) Load(field, *found);
  }
  loaded_ = fields_;
}

void RecordForm::SetCorrections(std::vector<nlohmann::json> corrections) {
  corrections_ = std::move(corrections);
}

std::vector<const nlohmann::json*> RecordForm::CorrectionsOf(std::string_view field) const {
  std::vector<const nlohmann::json*> found;
  for (const auto& correction : corrections_) {
    if (correction.value("field_name", "") == field) found.push_back(&correction);
  }
  return found;
}

void RecordForm::Close() {
  Reset();
  open_ = false;
}

FormField* RecordForm::Field(std::string_view name) {
  for (auto& field : fields_) {
    if (field.spec->name == name) return &field;
  }
  return nullptr;
}

nlohmann::json RecordForm::Changes() const {
  nlohmann::json changes = nlohmann::json::object();
  if (!record_id_.empty()) changes["id"] = record_id_;
  for (size_t i = 0; i < fields_.size(); ++i) {
    nlohmann::json value = ValueOf(fields_[i]);
    if (record_id_.empty()) {
      // A new record states only what the user gave; an unticked box is the default anyway.
      const bool unset = value.is_null() || (value.is_boolean() && !value.get<bool>());
      if (!unset) changes[fields_[i].spec->name] = std::move(value);
    } else if (!SameValue(fields_[i], loaded_[i])) {
      changes[fields_[i].spec->name] = std::move(value);
    }
  }
  return changes;
}

bool RecordForm::Shown(const FormField& field) const {
  if (field.spec->automatic) return false;
  return !(creating() && field.spec->name == kArchivedField);
}

TableEdit RecordForm::Edit(const std::string& person, int64_t now_ms) const {
  nlohmann::json changes = Changes();
  for (const auto& field : fields_) {
    const FieldSpec& spec = *field.spec;
    if (spec.stamps.empty() || !changes.contains(spec.stamps)) continue;
    if (spec.text_rule == TextRule::kTime) {
      changes[spec.name] = FormatUtcTime(now_ms / 1000);
    } else if (!person.empty()) {
      changes[spec.name] = person;
    }
  }
  return TableEdit{table_.name, std::move(changes), seen_};
}

bool RecordForm::CorrectsEvents() const {
  if (record_id_.empty()) return false;
  // A time the form showed empty may have been recorded by a sync meanwhile: the store then
  // asked for a reason, and the reason box must be there to give it.
  for (const auto& field : fields_) {
    for (const auto& error : field.errors) {
      if (error.rule == "correction_reason") return true;
    }
  }
  for (size_t i = 0; i < fields_.size(); ++i) {
    const bool recorded = !ValueOf(loaded_[i]).is_null();
    if (fields_[i].spec->event && recorded && !SameValue(fields_[i], loaded_[i])) return true;
  }
  return false;
}

bool RecordForm::HasChanges() const {
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (!SameValue(fields_[i], loaded_[i])) return true;
  }
  return false;
}

void RecordForm::ReadTypedTimes(int64_t now_ms) {
  for (auto& field : fields_) {
    if (field.spec->text_rule != TextRule::kTime) continue;
    if (auto seconds = TypedTimeSeconds(field.text, now_ms)) {
      field.text = LocalTimeText(FormatUtcTime(*seconds));
    }
  }
}

bool RecordForm::ConfirmFutureTimes(int64_t now_ms) {
  std::map<std::string, std::string> future;
  const nlohmann::json changes = Changes();
  for (const auto& field : fields_) {
    if (field.spec->text_rule != TextRule::kTime || !changes.contains(field.spec->name)) continue;
    const auto seconds = ParseTimeSeconds(field.text);
    if (seconds && *seconds * 1000 > now_ms + kFutureGraceS * 1000) {
      future[field.spec->name] = field.text;
    }
  }
  const bool confirmed = future.empty() || future == questioned_;
  questioned_ = confirmed ? std::map<std::string, std::string>() : std::move(future);
  return confirmed;
}

bool RecordForm::questioned(std::string_view field) const {
  return questioned_.count(std::string(field)) > 0;
}

void RecordForm::ShowRefusal(const Status& status, const PutError& errors) {
  for (auto& field : fields_)
    field.errors.clear();
  form_errors_.clear();
  saved_ = false;
  for (const auto& error : errors.errors) {
    if (FormField* field = Field(error.field)) {
      field->errors.push_back(error);
    } else {
      form_errors_.push_back(error.ToString());
    }
  }
  if (errors.errors.empty() && !status.ok()) form_errors_.push_back(status.message());
}

bool RecordForm::has_field_errors() const {
  for (const auto& field : fields_) {
    if (!field.errors.empty()) return true;
  }
  return false;
}

}  // namespace relay::edge::ui
