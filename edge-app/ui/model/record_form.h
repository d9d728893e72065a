#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "relay/edge/local_store.h"
#include "relay/schema.h"
#include "relay/status.h"
#include "relay/validation.h"

namespace relay::edge::ui {

// One field being edited: what the user typed or picked, and why the last save refused it.
struct FormField {
  const FieldSpec* spec = nullptr;
  // kText (a time as Beijing time "2024-05-01 10:20", a reference as the record's id);
  // kInteger as the digits typed (empty means not set)
  std::string text;
  int choice = -1;       // kChoice: index into spec->choices, -1 means not set
  bool checked = false;  // kBoolean
  std::vector<FieldError> errors;
};

// The edit form of one record, with one field per field of the table's schema: turns what was
// typed into the fields LocalStore::Put expects, and a refused Put into messages per field.
class RecordForm {
 public:
  explicit RecordForm(const TableSpec& table);

  void StartNew();
  // Opens a stored record; `seen` (the stamps it was read with) goes with its changes, so a
  // value a sync changed while the form was open is overwritten as a concurrent edit.
  void StartEdit(const nlohmann::json& record, std::map<std::string, HlcTimestamp> seen = {});
  // The corrections of the open record (newest first), shown under the fields they changed.
  void SetCorrections(std::vector<nlohmann::json> corrections);
  // The corrections of one field, newest first.
  std::vector<const nlohmann::json*> CorrectionsOf(std::string_view field) const;
  void Close();
  // Shows that the values on screen are the stored ones, until the next change.
  void MarkSaved() { saved_ = true; }

  const TableSpec& table() const { return table_; }
  bool open() const { return open_; }
  bool creating() const { return open_ && record_id_.empty(); }
  const std::string& record_id() const { return record_id_; }
  bool saved() const { return saved_ && !HasChanges(); }
  std::vector<FormField>& fields() { return fields_; }
  const std::vector<FormField>& fields() const { return fields_; }
  FormField* Field(std::string_view name);
  // Whether the form shows a field: never one the software fills (a merge's merged_into, a
  // status's stamps), and not "archived" on a record not stored yet.
  bool Shown(const FormField& field) const;

  // What Put should receive: every field that has a value when creating; "id" plus only the
  // fields changed since StartEdit when editing, so an untouched field never becomes a change
  // that could overwrite someone else's edit. Cleared optional fields are sent as null.
  nlohmann::json Changes() const;
  bool HasChanges() const;
  // The edit to store: Changes() with the stamps the record was read with; a changed field's
  // automatic stamps (FieldSpec::stamps) get now_ms as Beijing time and `person` as who, unless
  // nobody is signed in (person empty).
  TableEdit Edit(const std::string& person, int64_t now_ms) const;
  // True when a change replaces a recorded event (a time, a handoff), or the last save was
  // refused for want of a correction's reason: saving is a correction and needs a reason.
  bool CorrectsEvents() const;
  std::string& correction_reason() { return correction_reason_; }

  // Asks for one field: the form says why ("form.ask.<table>.<field>") and the keyboard goes
  // there once (TakeAskedFocus), a picker opening. StartEdit and Close forget it; StartNew asks
  // for no field in particular, so the keyboard goes to the first empty text box.
  void AskFor(std::string field) {
    asked_ = std::move(field);
    focus_asked_ = true;
  }
  const std::string& asked() const { return asked_; }
  // True once after AskFor or StartNew, for the view to move the keyboard to the asked field.
  bool TakeAskedFocus() { return std::exchange(focus_asked_, false); }

  // Rewrites each time typed as people say it ("11:52", "昨天 23:10", see TypedTimeSeconds) as
  // the full Beijing time it means, so the form shows what will be stored; text that is no
  // time stays as typed for the field's rule to name.
  void ReadTypedTimes(int64_t now_ms);
  // True when no time about to be saved lies more than kFutureGraceS after now, or when the
  // same future times were questioned by the last call: a second save confirms them. Otherwise
  // the future fields are questioned (see questioned()) and saving should wait.
  bool ConfirmFutureTimes(int64_t now_ms);
  // Whether the field holds a future time the last ConfirmFutureTimes questioned.
  bool questioned(std::string_view field) const;

  // Puts each field error under its field; anything else becomes a message for the whole form.
  void ShowRefusal(const Status& status, const PutError& errors);
  // Why the last save failed, when it was not one field's fault.
  const std::vector<std::string>& form_errors() const { return form_errors_; }
  bool has_field_errors() const;

 private:
  void Reset();

  const TableSpec& table_;
  bool open_ = false;
  bool saved_ = false;
  std::string record_id_;
  std::vector<FormField> fields_;
  std::vector<FormField> loaded_;  // the values StartEdit found, to tell what changed
  std::map<std::string, HlcTimestamp> seen_;
  std::vector<nlohmann::json> corrections_;
  std::string correction_reason_;
  std::vector<std::string> form_errors_;
  std::map<std::string, std::string> questioned_;
  std::string asked_;
  bool focus_asked_ = false;  // future times by field, as they were typed
};

}  // namespace relay::edge::ui
