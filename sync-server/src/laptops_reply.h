#pragma once

#include <map>
#include <optional>
#include <string>

#include "device_registry.h"
#include "sync_service.h"

namespace relay::server {

// GET /v1/laptops from an authenticated grant: 200 {"laptops": [...]} (EncodeLaptopsResponse)
// with every enrolled device for the county role, and the devices enrolled for its own
// township for any other, so each sees the laptops of the data it reports on. A failing
// database is 503 storage.
ServiceReply LaptopsReply(DeviceRegistry& registry, const DeviceGrant& grant);

// Notes, after a pull answered 200, that the grant's device synced, with the set-aside count
// its query reported ("set_aside", checked by SyncService::Pull). A failure is printed, never
// answered: the pull itself went well.
void NoteFinishedPull(DeviceRegistry& registry, const DeviceGrant& grant,
                      const std::map<std::string, std::string>& query);

}  // namespace relay::server
