#include "laptops_reply.h"

#include <charconv>
#include <iostream>

#include "refusals.h"

namespace relay::server {

ServiceReply LaptopsReply(DeviceRegistry& registry, const DeviceGrant& grant) {
  auto devices = registry.Devices();
  if (!devices.ok()) return ServiceReply::Refuse(503, "storage", devices.status().message());
  const bool county = grant.role == "county";
  std::vector<LaptopStatus> laptops;
  for (const auto& device : devices.value()) {
    if (!county && device.grant.township_id != grant.township_id) continue;
    laptops.push_back({device.grant.device, device.grant.township_id, device.grant.role,
                       device.enrolled_ms, device.last_sync_ms, device.set_aside,
                       device.revoked_ms});
  }
  return ServiceReply{200, EncodeLaptopsResponse(laptops)};
}

void NoteFinishedPull(DeviceRegistry& registry, const DeviceGrant& grant,
                      const std::map<std::string, std::string>& query) {
  std::optional<int64_t> set_aside;
  if (auto reported = query.find("set_aside"); reported != query.end()) {
    int64_t count = 0;
    const std::string& text = reported->second;
    if (std::from_chars(text.data(), text.data() + text.size(), count).ec == std::errc())
      set_aside = count;
  }
  if (Status noted = registry.NoteSync(grant.device, set_aside); !noted.ok()) {
    std::cerr << "relay-server: could not note the sync of " << grant.device << ": "
              << noted.message() << "\n";
  }
}

}  // namespace relay::server
