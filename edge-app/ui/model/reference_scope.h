#pragma once

#include "relay/schema.h"
#include "ui/model/record_form.h"
#include "ui/model/record_labels.h"

namespace relay::edge::ui {

// The records a reference field may pick given the rest of its form: a post's A and B holders
// are members of the team its unit belongs to; a transport's leg lists the pickup gacha's
// vehicles and volunteers first, its handoff that gacha's meeting points. An empty scope allows
// every record in list order.
OptionScope ReferenceScope(RecordForm& form, const FieldSpec& field, RecordLabels& labels);

}  // namespace relay::edge::ui
