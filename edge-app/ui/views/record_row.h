#pragma once

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ui/model/record_browser.h"

namespace relay::edge::ui {

// Draws record as the next row of the current table, its first cell a selectable spanning the
// row and the other cells plain text, and selects it in browser when clicked (true then).
bool DrawRecordRow(RecordBrowser& browser, const nlohmann::json& record,
                   const std::vector<std::string>& cells);

// Draws the browser's rows that are on screen (ImGuiListClipper), reading each page as it
// scrolls into view; cells gives a row's texts.
void DrawVisibleRows(RecordBrowser& browser,
                     const std::function<std::vector<std::string>(const nlohmann::json&)>& cells);

}  // namespace relay::edge::ui
