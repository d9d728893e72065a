#include "ui/model/reference_scope.h"

#include "ui/model/record_fields.h"

namespace relay::edge::ui {

OptionScope ReferenceScope(const RecordForm& form, const FieldSpec& field, RecordLabels& labels) {
  if (form.table().name != "posts" || field.references != "members") return {};
  for (const FormField& other : form.fields()) {
    if (other.spec->name != "unit_id" || other.text.empty()) continue;
    if (const nlohmann::json* unit = labels.Find("units", other.text)) {
      return {"team_id", FieldText(*unit, "team_id")};
    }
  }
  return {};
}

}  // namespace relay::edge::ui
