#include "relay/schema.h"

namespace relay {
namespace {

FieldSpec Text(std::string name, size_t max_chars = 200) {
  FieldSpec spec;
  spec.name = std::move(name);
  spec.max_chars = max_chars;
  return spec;
}

FieldSpec Required(FieldSpec spec) {
  spec.required = true;
  return spec;
}

FieldSpec Indexed(FieldSpec spec) {
  spec.indexed = true;
  return spec;
}

FieldSpec WithRule(FieldSpec spec, TextRule rule) {
  spec.text_rule = rule;
  return spec;
}

FieldSpec Integer(std::string name, int64_t min, int64_t max) {
  FieldSpec spec;
  spec.name = std::move(name);
  spec.type = FieldType::kInteger;
  spec.min = min;
  spec.max = max;
  return spec;
}

FieldSpec Boolean(std::string name) {
  FieldSpec spec;
  spec.name = std::move(name);
  spec.type = FieldType::kBoolean;
  return spec;
}

FieldSpec Choice(std::string name, std::vector<std::string> choices) {
  FieldSpec spec;
  spec.name = std::move(name);
  spec.type = FieldType::kChoice;
  spec.choices = std::move(choices);
  return spec;
}

TableSpec WithArchive(TableSpec table) {
  table.fields.push_back(Boolean(std::string(kArchivedField)));
  return table;
}

std::vector<TableSpec> BuildTables() {
  std::vector<TableSpec> tables;
  tables.push_back(WithArchive(TableSpec{
      "vehicles",
      {
          Indexed(Required(WithRule(Text("plate", 16), TextRule::kPlate))),
          Required(Choice("owner_category", {"gacha_doctor", "mobile_clinic", "gacha_committee",
                                             "police", "cadre", "public", "ambulance"})),
          Required(WithRule(Text("phone", 20), TextRule::kMobilePhone)),
          Indexed(Text("township", 64)),
          Text("home_gacha", 64),
          Integer("seats", 1, 60),
          Choice("status", {"available", "on_task", "unavailable"}),
          Text("note", 500),
      },
  }));
  return tables;
}

}  // namespace

const FieldSpec* TableSpec::Field(std::string_view field_name) const {
  for (const auto& field : fields) {
    if (field.name == field_name) return &field;
  }
  return nullptr;
}

const std::vector<TableSpec>& SchemaTables() {
  static const std::vector<TableSpec> tables = BuildTables();
  return tables;
}

const TableSpec* FindTable(std::string_view table_name) {
  for (const auto& table : SchemaTables()) {
    if (table.name == table_name) return &table;
  }
  return nullptr;
}

}  // namespace relay
