#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "relay/schema.h"
#include "ui/model/record_labels.h"
#include "ui/model/translations.h"

namespace relay::edge::ui {

// The fields a table's list shows: those a clinic worker scans a table by (for transports the
// call time, patient, complaint, severity, gacha and state), otherwise the first few short ones
// in schema order; the rest of a record is in its form.
std::vector<const FieldSpec*> ListColumns(const TableSpec& table);

// What one stored value reads as in a list: a choice in words, a reference as its record's
// label, a time in Beijing time, a yes/no; empty when the record has no value.
std::string CellText(const FieldSpec& spec, const nlohmann::json& record, RecordLabels& labels,
                     const Translations& tr);

}  // namespace relay::edge::ui
