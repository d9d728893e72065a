#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "relay/status.h"
#include "ui/model/glyph_set.h"
#include "ui/model/overview_period.h"
#include "ui/model/overview_worker.h"

namespace relay::edge::ui {

// The overview screen's state: the period picked, the overview last computed for it (on
// OverviewWorker's thread, from the database at db_path) and the Excel export. It computes
// only while the screen shows (Show), again when the period or scope changes, after
// DataChanged (a sync or a save) and on Refresh. No Dear ImGui here.
class OverviewModel {
 public:
  explicit OverviewModel(std::string db_path);

  // Each frame the screen shows, with the township this laptop sees (ScopeTownship).
  void Show(const std::string& township_id, int64_t now_ms);
  // Each frame: takes a finished computation; the texts it shows join glyphs.
  void Poll(GlyphSet& glyphs);
  void DataChanged() { outdated_ = true; }
  void Refresh() { outdated_ = true; }

  // The year shown; nullopt until the first computation picked one (DefaultYear).
  const std::optional<int>& year() const { return year_; }
  Cadence cadence() const { return cadence_; }
  void SetYear(int year);
  void SetCadence(Cadence cadence);
  // The years to choose from: those with transports, and the one shown.
  std::vector<int> years() const;
  // The period key of the year and cadence shown; empty before a year is known.
  std::string period_key() const;

  bool busy() const { return worker_.busy(); }
  // The overview last computed; while busy it may be of another period (the screen says so).
  const std::optional<Overview>& overview() const { return overview_; }
  // Why the last computation failed; nullopt after a success.
  const std::optional<Status>& failure() const { return failure_; }

  // Where the workbook goes; report-<period>.xlsx beside the database until the user types
  // another path.
  std::string& export_path() { return export_path_; }
  // Writes the overview shown as an Excel workbook at export_path, words in lang ("zh", "en").
  void Export(const std::string& lang);
  // The last export's outcome: ok with the path written, or the error; nullopt before one.
  const std::optional<Status>& export_result() const { return export_result_; }
  const std::string& exported_path() const { return exported_path_; }

 private:
  // The export path for the period shown, beside the database.
  std::string DefaultExportPath() const;
  void PeriodChanged();

  std::string db_path_;
  OverviewWorker worker_;
  std::optional<int> year_;
  // The whole year at first: the newest year's figures with every month of it.
  Cadence cadence_ = Cadence::kYear;
  std::string township_id_;
  bool outdated_ = true;
  std::optional<Overview> overview_;
  std::optional<Status> failure_;
  std::string export_path_;
  std::string default_export_path_;
  std::optional<Status> export_result_;
  std::string exported_path_;
};

}  // namespace relay::edge::ui
