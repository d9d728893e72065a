#pragma once

#include <string>

#include <imgui.h>

#include "ui/model/report_figures.h"
#include "ui/model/translations.h"

namespace relay::edge::ui {

// The colours of verdicts, shared by figures, bars and the map: met green, not met red, no
// data grey.
ImU32 VerdictColour(report::Verdict verdict);

// A line per township by month, width × height, drawn with the window's draw list: a dashed
// level line at the target, the y axis in the lines' unit, months along x, a legend below; a
// month with no data leaves a gap in its line.
void DrawLineChart(const char* title, const LineChart& chart, const std::string& lang,
                   const Translations& tr, float width, float height);

// A horizontal bar per row, names on the left and values at the bars' ends, width wide and as
// high as its rows; bars with a target are coloured by verdict, the others blue, and a row
// with no data shows the words instead of a bar.
void DrawBarChart(const char* title, const BarChart& chart, const std::string& lang,
                  const Translations& tr, float width);

}  // namespace relay::edge::ui
