#include "ui/model/reference_scope.h"

#include "ui/model/record_fields.h"

namespace relay::edge::ui {
namespace {

// The text of the form's field, or empty when the form has no such field.
std::string TextOf(RecordForm& form, const char* name) {
  const FormField* field = form.Field(name);
  return field ? field->text : "";
}

}  // namespace

OptionScope ReferenceScope(RecordForm& form, const FieldSpec& field, RecordLabels& labels) {
  if (form.table().name == "posts" && field.references == "members") {
    if (const nlohmann::json* unit = labels.Find("units", TextOf(form, "unit_id"))) {
      return OptionScope::Only("team_id", FieldText(*unit, "team_id"));
    }
    return {};
  }
  // A leg's vehicle and driver and a handoff's meeting point are most likely the pickup
  // gacha's own.
  const nlohmann::json* transport = labels.Find("transports", TextOf(form, "transport_id"));
  if (!transport) return {};
  const std::string gacha = FieldText(*transport, "pickup_gacha_id");
  if (gacha.empty()) return {};
  if (field.references == "vehicles") return OptionScope::First("home_gacha_id", gacha);
  if (field.references == "volunteers" || field.references == "rendezvous_points") {
    return OptionScope::First("gacha_id", gacha);
  }
  return {};
}

}  // namespace relay::edge::ui
