#pragma once

#include <string>
#include <unordered_map>

#include "relay/report/report.h"
#include "relay/report/report_data.h"

namespace relay::report {

// The data, period and scope a report is built from, with the lookups every section needs.
class ReportContext {
 public:
  ReportContext(const ReportData& data, const Period& period, const Scope& scope, int64_t now_ms);

  const ReportData& data() const { return data_; }
  const Period& period() const { return period_; }
  const Scope& scope() const { return scope_; }
  int64_t now_ms() const { return now_ms_; }

  const ReportData::Gacha* Gacha(const std::string& id) const;
  const ReportData::Township* Township(const std::string& id) const;
  // The name of a township by id, or "—" for none or an unknown one.
  std::string TownshipName(const std::string& id) const;
  // Where a record belongs: a transport by its pickup gacha, a vehicle by its township or home
  // gacha; "" for the banner's alone.
  const std::string& TownshipOfTransport(const ReportData::Transport& transport) const;
  std::string TownshipOfVehicle(const ReportData::Vehicle& vehicle) const;
  // True when a record of this township belongs in the report's scope.
  bool InScope(const std::string& township_id) const;
  // The transport at an index (ReportData::Leg::transport), or nullptr for -1.
  const ReportData::Transport* TransportAt(int64_t index) const {
    return index < 0 ? nullptr : &data_.transports[index];
  }
  // True for a transport called in the period, within the scope: what the report counts.
  bool Counts(const ReportData::Transport& transport) const;
  // The townships the report shows, in the order of their codes, then names.
  std::vector<const ReportData::Township*> TownshipsShown() const;

 private:
  const ReportData& data_;
  Period period_;
  Scope scope_;
  int64_t now_ms_;
  std::unordered_map<std::string, const ReportData::Gacha*> gachas_;
  std::unordered_map<std::string, const ReportData::Township*> townships_;
};

Section RescueCircleSection(const ReportContext& context);
Section VehiclesSection(const ReportContext& context);
Section TeamsSection(const ReportContext& context);
Section TrainingSection(const ReportContext& context);
Section DataHealthSection(const ReportContext& context);

}  // namespace relay::report
