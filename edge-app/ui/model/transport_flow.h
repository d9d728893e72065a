#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "relay/edge/local_store.h"
#include "ui/model/record_browser.h"
#include "ui/model/record_form.h"
#include "ui/model/record_labels.h"

namespace relay::edge::ui {

// What the forms of one herder's call fill and open by themselves, so a clerk on the phone
// types only what only they can know.

// After a reference was picked in form: a leg's vehicle brings its registered driver
// (vehicles.driver_id), who drives it unless the clerk says otherwise.
void FillFromPick(RecordForm& form, const FieldSpec& picked, RecordLabels& labels);

// After a handoff was recorded: opens legs' form for the receiving ambulance's leg — the
// handoff's transport, an ambulance of the pickup gacha's township (any ambulance when the
// township has none; an available one first), from the meeting point to the transport's
// destination — and asks for its departure time. The vehicle stays empty when there is no
// ambulance at all.
void StartAmbulanceLeg(LocalStore& store, RecordLabels& labels, RecordBrowser& legs,
                       const nlohmann::json& handoff);

// After a leg or handoff was recorded: opens the transport in transports' form asking for its
// first medical contact time, without which its rescue-circle verdict stays unknown. False
// (nothing opened) when the time is known or the transport cannot be read.
bool AskForFirstContact(RecordBrowser& transports, RecordLabels& labels,
                        const std::string& transport_id);

}  // namespace relay::edge::ui
