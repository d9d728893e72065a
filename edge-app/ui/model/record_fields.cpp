#include "ui/model/record_fields.h"

#include "relay/schema.h"

namespace relay::edge::ui {

std::string FieldText(const nlohmann::json& record, const std::string& field) {
  const auto found = record.find(field);
  return found != record.end() && found->is_string() ? found->get<std::string>() : "";
}

bool IsArchived(const nlohmann::json& record) {
  const auto found = record.find(std::string(kArchivedField));
  return found != record.end() && (found->is_boolean() ? found->get<bool>() : *found == 1);
}

}  // namespace relay::edge::ui
