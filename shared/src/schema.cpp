#include "relay/schema.h"

#include "relay/record_rules.h"

namespace relay {
namespace {

FieldSpec Text(std::string name, size_t max_chars = 200) {
  FieldSpec spec;
  spec.name = std::move(name);
  spec.max_chars = max_chars;
  return spec;
}

FieldSpec Required(FieldSpec spec) {
  spec.required = true;
  return spec;
}

FieldSpec PartOf(FieldSpec spec) {
  spec.part_of = true;
  return spec;
}

FieldSpec Indexed(FieldSpec spec) {
  spec.indexed = true;
  return spec;
}

FieldSpec WithRule(FieldSpec spec, TextRule rule) {
  spec.text_rule = rule;
  return spec;
}

FieldSpec Integer(std::string name, int64_t min, int64_t max) {
  FieldSpec spec;
  spec.name = std::move(name);
  spec.type = FieldType::kInteger;
  spec.min = min;
  spec.max = max;
  return spec;
}

FieldSpec Boolean(std::string name) {
  FieldSpec spec;
  spec.name = std::move(name);
  spec.type = FieldType::kBoolean;
  return spec;
}

FieldSpec Choice(std::string name, std::vector<std::string> choices) {
  FieldSpec spec;
  spec.name = std::move(name);
  spec.type = FieldType::kChoice;
  spec.choices = std::move(choices);
  return spec;
}

// A choice that new records' forms start with, the usual case (a transport starts active).
FieldSpec Preset(FieldSpec spec, std::string choice) {
  spec.preset = std::move(choice);
  return spec;
}

FieldSpec Ruled(std::string name, TextRule rule, size_t max_chars) {
  FieldSpec spec = Text(std::move(name), max_chars);
  spec.text_rule = rule;
  return spec;
}

FieldSpec Mobile(std::string name) {
  return Ruled(std::move(name), TextRule::kMobilePhone, 20);
}
FieldSpec Phone(std::string name) {
  return Ruled(std::move(name), TextRule::kPhone, 20);
}
FieldSpec Time(std::string name) {
  return Ruled(std::move(name), TextRule::kTime, 32);
}
FieldSpec Date(std::string name) {
  return Ruled(std::move(name), TextRule::kDate, 10);
}
FieldSpec Location(std::string name) {
  return Ruled(std::move(name), TextRule::kLocation, 32);
}

// A recorded happening: set once, then changed only by a correction.
FieldSpec Event(FieldSpec spec) {
  spec.event = true;
  return spec;
}

// A table of events: every field is recorded once and corrected, never overwritten; only
// archiving (a record entered in error) is an ordinary edit.
TableSpec AppendOnly(TableSpec table) {
  for (auto& field : table.fields)
    field.event = field.name != kArchivedField;
  return table;
}

// Filled by the software (a merge), never typed in a form.
FieldSpec Automatic(FieldSpec spec) {
  spec.automatic = true;
  return spec;
}

// Stamped by the software whenever `field` changes: when (a time) or by whom (a text).
FieldSpec StampOf(FieldSpec spec, std::string field) {
  spec.stamps = std::move(field);
  return Automatic(std::move(spec));
}

// The id of a record of another table; indexed, since records are found by what they point to.
FieldSpec Ref(std::string name, std::string table) {
  FieldSpec spec = Indexed(Ruled(std::move(name), TextRule::kReference, 36));
  spec.references = std::move(table);
  return spec;
}

// A table listed by its first indexed field that is not a reference (a name, a plate),
// ascending; by its first reference when it has no other.
TableSpec Table(std::string name, std::vector<FieldSpec> fields,
                std::vector<std::shared_ptr<const RecordRule>> rules = {}) {
  std::string order_field;
  for (const auto& field : fields) {
    if (field.indexed && field.text_rule != TextRule::kReference) {
      order_field = field.name;
      break;
    }
  }
  for (const auto& field : fields) {
    if (order_field.empty() && field.indexed) order_field = field.name;
  }
  if (order_field.empty()) order_field = "id";
  fields.push_back(Boolean(std::string(kArchivedField)));
  return TableSpec{std::move(name), std::move(fields), std::move(rules), std::move(order_field)};
}

// Events are listed newest first by the time or day they happened.
TableSpec NewestFirst(TableSpec table, std::string field) {
  table.order_field = std::move(field);
  table.order_descending = true;
  return table;
}

const std::vector<std::string> kAcuity = {"critical", "urgent", "non_urgent"};

std::vector<TableSpec> BuildTables() {
  std::vector<TableSpec> tables;
  // Reference geography: banner → sumu/town → gacha → rendezvous points.
  tables.push_back(Table("townships", {
                                          Indexed(Required(Text("name", 64))),
                                          Required(Choice("township_kind", {"sumu", "town"})),
                                          Text("code", 16),
                                          Text("banner", 64),
                                      }));
  tables.push_back(Table("gachas", {
                                       Required(Ref("township_id", "townships")),
                                       Indexed(Required(Text("name", 64))),
                                       Required(Choice("area_type", {"farming", "pastoral"})),
                                       Location("location"),
                                   }));
  tables.push_back(
      Table("rendezvous_points", {
                                     Required(Ref("gacha_id", "gachas")),
                                     Indexed(Required(Text("name", 64))),
                                     Text("landmark", 200),
                                     Choice("road_type", {"paved", "gravel", "dirt", "track"}),
                                     Location("location"),
                                 }));
  tables.push_back(Table(
      "stations", {
                      Indexed(Required(Text("name", 64))),
                      Required(Choice("station_kind", {"township_station", "banner_hospital"})),
                      Ref("township_id", "townships"),
                      Location("location"),
                      Phone("duty_phone"),
                      Integer("ambulances", 0, 50),
                  }));
  // The county's own knowledge of travel between places, for handoff planning
  // (docs/planning.md): each end is one gacha, rendezvous point or station.
  tables.push_back(Table("roads",
                         {
                             Ref("from_gacha_id", "gachas"),
                             Ref("from_rendezvous_point_id", "rendezvous_points"),
                             Ref("from_station_id", "stations"),
                             Ref("to_gacha_id", "gachas"),
                             Ref("to_rendezvous_point_id", "rendezvous_points"),
                             Ref("to_station_id", "stations"),
                             Required(Integer("minutes_good", 1, 600)),
                             Required(Integer("minutes_winter", 1, 900)),
                             Boolean("two_wd_passable"),
                             Text("note", 200),
                         },
                         {RoadJoinsTwoPlaces()}));
  // The people who work on a township's clinic laptops: who signs in, and whose name each
  // change carries. A PIN, when a person has one, stays on the laptop (never in this table).
  tables.push_back(Table(
      "staff", {
                   Required(Ref("township_id", "townships")),
                   Indexed(Required(Text("name", 32))),
                   Required(Choice("staff_role",
                                   {"doctor", "nurse", "driver", "clerk", "team_lead", "other"})),
                   Mobile("phone"),
               }));
  // Registered volunteer vehicles and their drivers.
  tables.push_back(Table("volunteers",
                         {
                             Indexed(Required(Text("name", 32))),
                             Indexed(Required(Mobile("phone"))),
                             Ref("gacha_id", "gachas"),
                             Text("affiliation", 64),
                             Date("first_aid_trained_on"),
                             Date("first_aid_expires_on"),
                             Boolean("active"),
                             Boolean("location_consent"),
                             Automatic(Ref("merged_into", "volunteers")),
                         },
                         {TimesInOrder({"first_aid_trained_on", "first_aid_expires_on"})}));
  tables.push_back(Table(
      "vehicles",
      {
          Indexed(Required(WithRule(Text("plate", 16), TextRule::kPlate))),
          Required(Choice("owner_category", {"gacha_doctor", "mobile_clinic", "gacha_committee",
                                             "police", "cadre", "public", "ambulance"})),
          Required(Mobile("phone")), Ref("township_id", "townships"),
          Ref("home_gacha_id", "gachas"), Ref("driver_id", "volunteers"), Integer("seats", 1, 60),
          Boolean("lying_patient"), Boolean("four_wd"),
          Choice("status", {"available", "on_task", "unavailable"}), Date("unavailable_until"),
          StampOf(Text("status_set_by", 32), "status"), StampOf(Time("status_set_at"), "status"),
          Text("note", 500),
          Automatic(Ref("merged_into", "vehicles")),  // set when this duplicate was merged away
      }));
  // Emergency teams with A/B posts.
  tables.push_back(Table(
      "teams", {
                   Indexed(Required(Text("name", 64))),
                   Required(Choice("team_level", {"banner_squad", "hospital", "cdc", "township"})),
                   Ref("township_id", "townships"),
                   Date("roster_reviewed_on"),
               }));
  tables.push_back(Table(
      "units", {
                   Required(Ref("team_id", "teams")),
                   Required(Choice("unit_kind", {"emergency_medical_rescue", "epidemic_prevention",
                                                 "poisoning_response", "psychological_rescue"})),
               }));
  tables.push_back(Table("members", {
                                        Required(Ref("team_id", "teams")),
                                        Indexed(Required(Text("name", 32))),
                                        Text("profession", 64),
                                        Mobile("phone"),
                                        Choice("team_role", {"leader", "deputy", "member"}),
                                        Date("training_expires_on"),
                                    }));
  tables.push_back(Table("posts",
                         {
                             Required(Ref("unit_id", "units")),
                             Required(Text("name", 64)),
                             Text("qualification", 100),
                             Ref("holder_a_id", "members"),
                             Ref("holder_b_id", "members"),
                         },
                         {Differ("holder_b_id", "holder_a_id")}));
  // Transports (cases) with their legs and mid-route handoffs. Patient data is the minimum
  // (PIPL art. 28): no ID-card number is ever stored.
  tables.push_back(NewestFirst(
      Table("transports",
            {
                Event(Indexed(Required(Time("call_received_at")))),
                Text("caller_name", 32),
                Phone("callback_phone"),
                Text("patient_name", 32),
                Choice("patient_sex", {"male", "female", "unknown"}),
                Integer("patient_age", 0, 130),
                Choice("complaint_code", {"chest_pain", "breathing", "stroke", "trauma",
                                          "childbirth", "poisoning", "burn", "fever", "other"}),
                Choice("acuity", kAcuity),
                Ref("pickup_gacha_id", "gachas"),
                Text("pickup_point", 100),
                Ref("destination_station_id", "stations"),
                Event(Time("first_contact_at")),
                Event(Time("arrived_destination_at")),
                Choice("disposition",
                       {"delivered", "treated_on_scene", "refused_transport", "died", "cancelled"}),
                Preset(Choice("transport_state", {"active", "closed"}), "active"),
            },
            {TimesInOrder({"call_received_at", "first_contact_at", "arrived_destination_at"}),
             TransportKeepsItsPartsValid()}),
      "call_received_at"));
  tables.push_back(
      NewestFirst(Table("transport_legs",
                        {
                            PartOf(Required(Ref("transport_id", "transports"))),
                            Required(Ref("vehicle_id", "vehicles")),
                            Ref("driver_id", "volunteers"),
                            Text("crew", 100),
                            Text("from_place", 100),
                            Text("to_place", 100),
                            Event(Time("dispatched_at")),
                            Event(Time("departed_at")),
                            Event(Time("arrived_at")),
                        },
                        {TimesInOrder({"dispatched_at", "departed_at", "arrived_at"}),
                         NotBeforeTheCall({"dispatched_at", "departed_at", "arrived_at"}),
                         VehicleOnOneActiveTransport()}),
                  "dispatched_at"));
  tables.push_back(
      AppendOnly(NewestFirst(Table("handoffs",
                                   {
                                       PartOf(Required(Ref("transport_id", "transports"))),
                                       Ref("rendezvous_point_id", "rendezvous_points"),
                                       Time("planned_at"),
                                       Time("carrier_arrived_at"),
                                       Time("receiver_arrived_at"),
                                       Time("transfer_at"),
                                       Choice("handoff_kind", {"patient_moved", "crew_boarded"}),
                                       Text("giving_person", 32),
                                       Text("receiving_person", 32),
                                       Choice("acuity", kAcuity),
                                       Text("note", 200),
                                       Text("delay_reason", 200),
                                   },
                                   {NotBeforeTheCall({"planned_at", "carrier_arrived_at",
                                                      "receiver_arrived_at", "transfer_at"}),
                                    TimesInOrder({"carrier_arrived_at", "transfer_at"}),
                                    TimesInOrder({"receiver_arrived_at", "transfer_at"})}),
                             "planned_at")));
  // Training with assessment, tabletop exercises and drills.
  tables.push_back(NewestFirst(
      Table("trainings",
            {
                Required(Choice("training_kind", {"training_assessment", "tabletop", "drill"})),
                Indexed(Required(Date("held_on"))),
                Integer("hours", 0, 200),
                Text("topic", 100),
                Ref("team_id", "teams"),
                Text("evaluation", 1000),
                Text("corrective_actions", 1000),
            }),
      "held_on"));
  tables.push_back(Table("training_participants",
                         {
                             Required(Ref("training_id", "trainings")),
                             Ref("member_id", "members"),
                             Ref("volunteer_id", "volunteers"),
                             Choice("result", {"passed", "failed", "absent"}),
                         },
                         {ExactlyOne("member_id", "volunteer_id")}));
  // What a merge could not settle, kept for a person to decide (docs/sync-semantics.md). The
  // county server records them; a resolution is an edit of the record like any other.
  tables.push_back(NewestFirst(
      Table("conflicts",
            {
                Required(Choice("conflict_kind",
                                {"concurrent_edit", "archive_edit", "broken_rule", "duplicate"})),
                Required(Time("detected_at")),
                Indexed(Required(Text("table_name", 40))),
                Indexed(Required(Text("record_id", 36))),
                Required(Text("field_name", 40)),
                Text("kept_value", 4000),
                Text("kept_device", 36),
                Text("kept_stamp", 16),
                Text("lost_value", 4000),
                Text("lost_device", 36),
                Text("lost_stamp", 16),
                Text("rule", 40),
                Text("other_record_id", 36),
                Text("note", 500),
                Preset(Choice("conflict_state", {"open", "resolved"}), "open"),
                Text("resolution", 4000),
                Text("reason", 500),
                Text("resolved_by", 64),
                Time("resolved_at"),
            }),
      "detected_at"));
  // Corrections of recorded events (FieldSpec::event), each pointing at the correction of the
  // same field it supersedes, so a time's whole history stays (recorded_events.h).
  tables.push_back(AppendOnly(NewestFirst(Table("corrections",
                                                {
                                                    Indexed(Required(Text("table_name", 40))),
                                                    Indexed(Required(Text("record_id", 36))),
                                                    Required(Text("field_name", 40)),
                                                    Text("corrected_value", 4000),
                                                    Text("value", 4000),
                                                    Ref("corrects_id", "corrections"),
                                                    Required(Text("reason", 500)),
                                                    Text("corrected_by", 64),
                                                    Required(Time("corrected_at")),
                                                },
                                                {CorrectsAnEvent()}),
                                          "corrected_at")));
  return tables;
}

}  // namespace

const FieldSpec* TableSpec::Field(std::string_view field_name) const {
  for (const auto& field : fields) {
    if (field.name == field_name) return &field;
  }
  return nullptr;
}

const std::vector<TableSpec>& SchemaTables() {
  static const std::vector<TableSpec> tables = BuildTables();
  return tables;
}

const TableSpec* FindTable(std::string_view table_name) {
  for (const auto& table : SchemaTables()) {
    if (table.name == table_name) return &table;
  }
  return nullptr;
}

}  // namespace relay
