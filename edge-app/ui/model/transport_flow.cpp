#include "ui/model/transport_flow.h"

#include "ui/model/record_fields.h"

namespace relay::edge::ui {
namespace {

// The ambulance to offer: one of the township's before any other, an available one first.
std::string PickAmbulance(LocalStore& store, const std::string& township_id) {
  auto ambulances = store.ListWhere("vehicles", "owner_category", "ambulance");
  if (!ambulances.ok()) return "";  // the leg form lets the clerk pick one
  std::string best;
  int best_rank = -1;
  for (const auto& vehicle : ambulances.value()) {
    if (IsArchived(vehicle)) continue;
    const int rank = (FieldText(vehicle, "township_id") == township_id ? 2 : 0) +
                     (FieldText(vehicle, "status") == "available" ? 1 : 0);
    if (rank > best_rank) {
      best = FieldText(vehicle, "id");
      best_rank = rank;
    }
  }
  return best;
}

}  // namespace

void FillFromPick(RecordForm& form, const FieldSpec& picked, RecordLabels& labels) {
  if (form.table().name != "transport_legs" || picked.name != "vehicle_id") return;
  const nlohmann::json* vehicle = labels.Find("vehicles", form.Field("vehicle_id")->text);
  if (!vehicle) return;
  const std::string driver = FieldText(*vehicle, "driver_id");
  if (!driver.empty()) form.Field("driver_id")->text = driver;
}

void StartAmbulanceLeg(LocalStore& store, RecordLabels& labels, RecordBrowser& legs,
                       const nlohmann::json& handoff) {
  const std::string transport_id = FieldText(handoff, "transport_id");
  std::string township;
  std::string destination;
  if (const nlohmann::json* transport = labels.Find("transports", transport_id)) {
    if (const nlohmann::json* gacha =
            labels.Find("gachas", FieldText(*transport, "pickup_gacha_id"))) {
      township = FieldText(*gacha, "township_id");
    }
    if (const nlohmann::json* station =
            labels.Find("stations", FieldText(*transport, "destination_station_id"))) {
      destination = FieldText(*station, "name");
    }
  }
  legs.StartNew();
  RecordForm& form = legs.form();
  form.Field("transport_id")->text = transport_id;
  form.Field("vehicle_id")->text = PickAmbulance(store, township);
  FillFromPick(form, *form.table().Field("vehicle_id"), labels);
  if (const nlohmann::json* point =
          labels.Find("rendezvous_points", FieldText(handoff, "rendezvous_point_id"))) {
    form.Field("from_place")->text = FieldText(*point, "name");
  }
  form.Field("to_place")->text = destination;
  form.AskFor("departed_at");
}

bool AskForFirstContact(RecordBrowser& transports, RecordLabels& labels,
                        const std::string& transport_id) {
  const nlohmann::json* transport = labels.Find("transports", transport_id);
  if (!transport || !FieldText(*transport, "first_contact_at").empty()) return false;
  transports.Select(transport_id);
  if (!transports.form().open()) return false;
  transports.form().AskFor("first_contact_at");
  return true;
}

}  // namespace relay::edge::ui
