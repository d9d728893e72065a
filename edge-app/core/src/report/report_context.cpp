#include "report_context.h"

#include <algorithm>
#include <tuple>

namespace relay::report {

ReportContext::ReportContext(const ReportData& data, const Period& period, const Scope& scope,
                             int64_t now_ms)
    : data_(data), period_(period), scope_(scope), now_ms_(now_ms) {
  for (const auto& gacha : data.gachas)
    gachas_[gacha.id] = &gacha;
  for (const auto& township : data.townships)
    townships_[township.id] = &township;
  for (const auto& transport : data.transports)
    record_townships_["transports/" + transport.id] = TownshipOfTransport(transport);
  for (const auto& vehicle : data.vehicles)
    record_townships_["vehicles/" + vehicle.id] = TownshipOfVehicle(vehicle);
  for (const auto& team : data.teams)
    record_townships_["teams/" + team.id] = team.township_id;
  for (const auto& volunteer : data.volunteers) {
    const auto* gacha = Gacha(volunteer.gacha_id);
    record_townships_["volunteers/" + volunteer.id] = gacha ? gacha->township_id : "";
  }
}

const ReportData::Gacha* ReportContext::Gacha(const std::string& id) const {
  auto found = gachas_.find(id);
  return found == gachas_.end() ? nullptr : found->second;
}

const ReportData::Township* ReportContext::Township(const std::string& id) const {
  auto found = townships_.find(id);
  return found == townships_.end() ? nullptr : found->second;
}

std::string ReportContext::TownshipName(const std::string& id) const {
  const auto* township = Township(id);
  return township ? township->name : "—";
}

std::string ReportContext::TownshipOfTransport(const ReportData::Transport& transport) const {
  const auto* gacha = Gacha(transport.pickup_gacha_id);
  return gacha ? gacha->township_id : "";
}

std::string ReportContext::TownshipOfVehicle(const ReportData::Vehicle& vehicle) const {
  if (!vehicle.township_id.empty()) return vehicle.township_id;
  const auto* gacha = Gacha(vehicle.home_gacha_id);
  return gacha ? gacha->township_id : "";
}

std::string ReportContext::TownshipOfRecord(const std::string& table, const std::string& id) const {
  auto found = record_townships_.find(table + "/" + id);
  return found == record_townships_.end() ? "" : found->second;
}

bool ReportContext::InScope(const std::string& township_id) const {
  return scope_.IsBanner() || township_id == scope_.township_id;
}

std::vector<const ReportData::Township*> ReportContext::TownshipsShown() const {
  std::vector<const ReportData::Township*> shown;
  for (const auto& township : data_.townships) {
    if (InScope(township.id)) shown.push_back(&township);
  }
  std::sort(shown.begin(), shown.end(), [](const auto* a, const auto* b) {
    return std::tie(a->code, a->name) < std::tie(b->code, b->name);
  });
  return shown;
}

}  // namespace relay::report
