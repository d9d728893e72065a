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

const std::string& ReportContext::TownshipOfTransport(
    const ReportData::Transport& transport) const {
  static const std::string kBanner;
  return transport.gacha < 0 ? kBanner : data_.gachas[transport.gacha].township_id;
}

std::string ReportContext::TownshipOfVehicle(const ReportData::Vehicle& vehicle) const {
  if (!vehicle.township_id.empty()) return vehicle.township_id;
  const auto* gacha = Gacha(vehicle.home_gacha_id);
  return gacha ? gacha->township_id : "";
}

bool ReportContext::Counts(const ReportData::Transport& transport) const {
  return period_.Contains(transport.call_ms) && InScope(TownshipOfTransport(transport));
}

bool ReportContext::InScope(const std::string& township_id) const {
  return scope_.IsBanner() || township_id == scope_.township_id;
}

std::vector<const ReportData::Township*> ReportContext::TownshipsShown() const {
  std::vector<const ReportData::Township*> shown;
  for (const auto& township : data_.townships) {
    if (!township.archived && InScope(township.id)) shown.push_back(&township);
  }
  std::sort(shown.begin(), shown.end(), [](const auto* a, const auto* b) {
    return std::tie(a->code, a->name) < std::tie(b->code, b->name);
  });
  return shown;
}

}  // namespace relay::report
