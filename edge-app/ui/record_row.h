#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ui/record_browser.h"

namespace relay::edge::ui {

// Draws record as the next row of the current table, its first cell a selectable spanning the
// row and the other cells plain text, and selects it in browser when clicked (true then).
bool DrawRecordRow(RecordBrowser& browser, const nlohmann::json& record,
                   const std::vector<std::string>& cells);

}  // namespace relay::edge::ui
