#include "ui/views/report_charts_view.h"

#include <imgui_internal.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "ui/views/shown_text.h"

namespace relay::edge::ui {
namespace {

// Distinct, print-safe colours for the townships' lines (Okabe–Ito, readable by the
// colour-blind).
constexpr std::array<ImU32, 7> kLineColours = {
    IM_COL32(0, 114, 178, 255),   IM_COL32(230, 159, 0, 255),  IM_COL32(0, 158, 115, 255),
    IM_COL32(204, 121, 167, 255), IM_COL32(86, 180, 233, 255), IM_COL32(213, 94, 0, 255),
    IM_COL32(80, 80, 80, 255)};
constexpr ImU32 kNeutralBar = IM_COL32(70, 120, 190, 255);
constexpr ImU32 kAxis = IM_COL32(90, 90, 90, 255);
constexpr ImU32 kGrid = IM_COL32(215, 215, 215, 255);
constexpr ImU32 kTargetLine = IM_COL32(160, 30, 30, 255);
constexpr ImU32 kText = IM_COL32(30, 30, 30, 255);
constexpr ImU32 kFaintText = IM_COL32(110, 110, 110, 255);
constexpr ImU32 kPanel = IM_COL32(255, 255, 255, 255);
constexpr ImU32 kBorder = IM_COL32(200, 200, 200, 255);

// An axis tick as written: shares in whole percent, others as plain numbers.
std::string TickText(double value, report::Unit unit) {
  char text[32];
  if (unit == report::Unit::kShare) {
    std::snprintf(text, sizeof text, "%.0f%%", value * 100);
  } else if (std::abs(value - std::round(value)) < 1e-9) {
    std::snprintf(text, sizeof text, "%.0f", value);
  } else {
    std::snprintf(text, sizeof text, "%.1f", value);
  }
  return text;
}

// How many steps an axis from 0 to top has: whole numbers for counts, quarters otherwise.
int Ticks(double top, report::Unit unit) {
  if (unit != report::Unit::kCount) return 4;
  if (top <= 5) return std::max(1, static_cast<int>(std::lround(top)));
  return std::fmod(top, 4) == 0 ? 4 : 5;
}

void DashedLine(ImDrawList* draw, ImVec2 from, ImVec2 to, ImU32 colour, float thickness) {
  const float length = std::hypot(to.x - from.x, to.y - from.y);
  constexpr float kDash = 6, kGap = 4;
  for (float at = 0; at < length; at += kDash + kGap) {
    const float end = std::min(at + kDash, length);
    draw->AddLine(
        ImVec2(from.x + (to.x - from.x) * at / length, from.y + (to.y - from.y) * at / length),
        ImVec2(from.x + (to.x - from.x) * end / length, from.y + (to.y - from.y) * end / length),
        colour, thickness);
  }
}

// The panel behind a chart and its title; returns the rectangle below the title.
ImRect Panel(const char* title, float width, float height) {
  const ImVec2 min = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(width, height));
  const ImVec2 max(min.x + width, min.y + height);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(min, max, kPanel, 4);
  draw->AddRect(min, max, kBorder, 4);
  const float pad = ImGui::GetStyle().WindowPadding.x;
  draw->AddText(ImVec2(min.x + pad, min.y + pad / 2), kText, Shown(title).c_str());
  return ImRect(ImVec2(min.x + pad, min.y + pad / 2 + ImGui::GetTextLineHeightWithSpacing()),
                ImVec2(max.x - pad, max.y - pad / 2));
}

}  // namespace

ImU32 VerdictColour(report::Verdict verdict) {
  switch (verdict) {
    case report::Verdict::kMet:
      return IM_COL32(26, 128, 46, 255);
    case report::Verdict::kNotMet:
      return IM_COL32(199, 20, 20, 255);
    case report::Verdict::kNoData:
      return IM_COL32(160, 160, 160, 255);
    case report::Verdict::kNoTarget:
      break;
  }
  return kNeutralBar;
}

void DrawLineChart(const char* title, const LineChart& chart, const std::string& lang,
                   const Translations& tr, float width, float height) {
  const ImRect area = Panel(title, width, height);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float line_height = ImGui::GetTextLineHeight();
  const report::Unit unit = report::Unit::kShare;

  // The legend's rows under the plot: a swatch and a name per line, then the target's dashed
  // line, wrapped to the width.
  const float swatch = line_height * 0.6f;
  std::vector<std::string> names;
  for (const auto& line : chart.lines)
    names.push_back(Shown(line.label.In(lang)));
  if (chart.target) {
    names.push_back(
        tr.Format("overview.target_line", {{"target", TargetText(chart.target, unit, tr)}}));
  }
  std::vector<ImVec2> legend_at;
  float x = area.Min.x, rows = 1;
  for (const std::string& name : names) {
    const float item = swatch + 4 + ImGui::CalcTextSize(name.c_str()).x + 14;
    if (x + item > area.Max.x && x > area.Min.x) {
      x = area.Min.x;
      ++rows;
    }
    legend_at.push_back(ImVec2(x, rows));
    x += item;
  }
  const float legend_height = rows * (line_height + 2);

  double largest = chart.target ? chart.target->value : 0;
  for (const auto& line : chart.lines) {
    for (const auto& value : line.values) {
      if (value) largest = std::max(largest, *value);
    }
  }
  const double top = AxisMax(largest, unit);
  const float axis_width = ImGui::CalcTextSize(TickText(top, unit).c_str()).x + 6;
  const ImRect plot(ImVec2(area.Min.x + axis_width, area.Min.y + line_height / 2),
                    ImVec2(area.Max.x - 4, area.Max.y - legend_height - line_height - 6));
  if (plot.GetWidth() < 20 || plot.GetHeight() < 20) return;
  const auto y_of = [&](double value) {
    return plot.Max.y - static_cast<float>(value / top) * plot.GetHeight();
  };

  const int ticks = Ticks(top, unit);
  for (int tick = 0; tick <= ticks; ++tick) {
    const double value = top * tick / ticks;
    const float y = y_of(value);
    draw->AddLine(ImVec2(plot.Min.x, y), ImVec2(plot.Max.x, y), kGrid);
    const std::string text = TickText(value, unit);
    draw->AddText(ImVec2(plot.Min.x - 4 - ImGui::CalcTextSize(text.c_str()).x, y - line_height / 2),
                  kFaintText, text.c_str());
  }
  draw->AddLine(plot.Min, ImVec2(plot.Min.x, plot.Max.y), kAxis);
  draw->AddLine(ImVec2(plot.Min.x, plot.Max.y), plot.Max, kAxis);

  const size_t months = chart.x_labels.size();
  // The first and last months sit in from the ends, so their names stay inside the panel.
  const float inset = ImGui::CalcTextSize("2024-03").x / 2 + 2;
  const auto x_of = [&](size_t i) {
    return months <= 1 ? (plot.Min.x + plot.Max.x) / 2
                       : plot.Min.x + inset + (plot.GetWidth() - 2 * inset) * i / (months - 1);
  };
  // Months as 2024-03 when they fit, else as 03; every other one when even that crowds.
  const float step = months > 1 ? (plot.GetWidth() - 2 * inset) / (months - 1) : plot.GetWidth();
  const bool full = ImGui::CalcTextSize("2024-03").x + 8 < step;
  const size_t every = !full && ImGui::CalcTextSize("03").x + 8 >= step ? 2 : 1;
  for (size_t i = 0; i < months; i += every) {
    const std::string& month = chart.x_labels[i];
    const std::string text = full || month.size() < 7 ? month : month.substr(5);
    const float text_width = ImGui::CalcTextSize(text.c_str()).x;
    draw->AddText(ImVec2(x_of(i) - text_width / 2, plot.Max.y + 3), kFaintText, text.c_str());
  }

  const auto legend_corner = [&](size_t item) {
    return ImVec2(legend_at[item].x,
                  area.Max.y - legend_height + (legend_at[item].y - 1) * (line_height + 2));
  };
  if (chart.target) {
    const float y = y_of(chart.target->value);
    DashedLine(draw, ImVec2(plot.Min.x, y), ImVec2(plot.Max.x, y), kTargetLine, 1.5f);
    const ImVec2 at = legend_corner(names.size() - 1);
    DashedLine(draw, ImVec2(at.x, at.y + line_height / 2),
               ImVec2(at.x + swatch + 2, at.y + line_height / 2), kTargetLine, 1.5f);
    draw->AddText(ImVec2(at.x + swatch + 4, at.y), kTargetLine, names.back().c_str());
  }

  for (size_t l = 0; l < chart.lines.size(); ++l) {
    const ImU32 colour = kLineColours[l % kLineColours.size()];
    const auto& values = chart.lines[l].values;
    // A month with no data is a gap: lines join only neighbouring months that both have data.
    for (size_t i = 0; i < values.size() && i < months; ++i) {
      if (!values[i]) continue;
      const ImVec2 point(x_of(i), y_of(*values[i]));
      if (i + 1 < values.size() && i + 1 < months && values[i + 1]) {
        draw->AddLine(point, ImVec2(x_of(i + 1), y_of(*values[i + 1])), colour, 2.0f);
      }
      draw->AddCircleFilled(point, 3.5f, colour);
    }
    const ImVec2 at = legend_corner(l);
    draw->AddRectFilled(ImVec2(at.x, at.y + (line_height - swatch) / 2),
                        ImVec2(at.x + swatch, at.y + (line_height + swatch) / 2), colour);
    draw->AddText(ImVec2(at.x + swatch + 4, at.y), kText, names[l].c_str());
  }
  if (chart.lines.empty()) {
    draw->AddText(ImVec2(plot.Min.x + 8, plot.Min.y + 8), kFaintText, tr("overview.no_data"));
  }
}

void DrawBarChart(const char* title, const BarChart& chart, const std::string& lang,
                  const Translations& tr, float width) {
  const float line_height = ImGui::GetTextLineHeight();
  const float row_height = line_height + 6;
  const float pad = ImGui::GetStyle().WindowPadding.x;
  const size_t rows = std::max<size_t>(chart.bars.size(), 1);
  const float height =
      pad + ImGui::GetTextLineHeightWithSpacing() + rows * row_height + line_height + pad;
  const ImRect area = Panel(title, width, height);
  ImDrawList* draw = ImGui::GetWindowDrawList();

  float name_width = 0;
  for (const auto& bar : chart.bars) {
    const std::string& name = lang == "en" && !bar.label_en.empty() ? bar.label_en : bar.label;
    name_width = std::max(name_width, ImGui::CalcTextSize(Shown(name).c_str()).x);
  }
  name_width = std::min(name_width, area.GetWidth() * 0.4f);
  double largest = chart.target ? chart.target->value : 0;
  for (const auto& bar : chart.bars) {
    if (bar.value) largest = std::max(largest, *bar.value);
  }
  const double top = AxisMax(largest, chart.unit);
  const float value_room = ImGui::CalcTextSize("100.0%").x + 8;
  const ImRect plot(ImVec2(area.Min.x + name_width + 8, area.Min.y),
                    ImVec2(area.Max.x - value_room, area.Min.y + rows * row_height));
  if (plot.GetWidth() < 20) return;
  const auto x_of = [&](double value) {
    return plot.Min.x + static_cast<float>(value / top) * plot.GetWidth();
  };

  const int ticks = Ticks(top, chart.unit);
  for (int tick = 0; tick <= ticks; ++tick) {
    const double value = top * tick / ticks;
    const float x = x_of(value);
    draw->AddLine(ImVec2(x, plot.Min.y), ImVec2(x, plot.Max.y), kGrid);
    const std::string text = TickText(value, chart.unit);
    const float text_width = ImGui::CalcTextSize(text.c_str()).x;
    draw->AddText(ImVec2(x - text_width / 2, plot.Max.y + 2), kFaintText, text.c_str());
  }
  draw->AddLine(plot.Min, ImVec2(plot.Min.x, plot.Max.y), kAxis);

  for (size_t i = 0; i < chart.bars.size(); ++i) {
    const ChartBar& bar = chart.bars[i];
    const float y = plot.Min.y + i * row_height;
    const std::string name =
        Shown(lang == "en" && !bar.label_en.empty() ? bar.label_en : bar.label);
    const float text_width = ImGui::CalcTextSize(name.c_str()).x;
    draw->PushClipRect(ImVec2(area.Min.x, y), ImVec2(plot.Min.x - 4, y + row_height), true);
    draw->AddText(ImVec2(plot.Min.x - 8 - std::min(text_width, name_width), y + 3), kText,
                  name.c_str());
    draw->PopClipRect();
    if (!bar.value) {
      draw->AddText(ImVec2(plot.Min.x + 6, y + 3), kFaintText, tr("overview.no_data"));
      continue;
    }
    const ImU32 colour = chart.target ? VerdictColour(bar.verdict) : kNeutralBar;
    const float end = x_of(*bar.value);
    draw->AddRectFilled(ImVec2(plot.Min.x + 1, y + 3),
                        ImVec2(std::max(end, plot.Min.x + 2), y + row_height - 3), colour, 2);
    const std::string value = ValueText(bar.value, chart.unit, tr);
    draw->AddText(ImVec2(end + 4, y + 3), kText, value.c_str());
  }
  if (chart.target) {
    const float x = x_of(chart.target->value);
    DashedLine(draw, ImVec2(x, plot.Min.y), ImVec2(x, plot.Max.y), kTargetLine, 1.5f);
  }
  if (chart.bars.empty()) {
    draw->AddText(ImVec2(plot.Min.x + 6, plot.Min.y + 3), kFaintText, tr("overview.no_data"));
  }
}

}  // namespace relay::edge::ui
