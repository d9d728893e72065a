#pragma once

#include <cstdint>
#include <string>

#include "relay/edge/local_store.h"

namespace relay::edge {

// Why a sign-in or a PIN change was refused, or that it went through.
struct SignInResult {
  enum Outcome {
    kDone,
    kUnknownPerson,   // no staff record has the id
    kArchivedPerson,  // the staff record is archived
    kWrongPin,
    kWait,       // too many wrong PINs in a row: try again after wait_ms
    kBadNewPin,  // a new PIN that is not 4 to 8 digits
  };
  Outcome outcome = kDone;
  int64_t wait_ms = 0;

  bool ok() const { return outcome == kDone; }
  // One line naming the field and the rule, for relay-cli.
  std::string Message(const std::string& staff_id) const;
};

// Signs staff_id in on the store, so every change it queues carries that person: refuses an
// unknown or archived staff record, and a wrong PIN when the person has one.
Result<SignInResult> SignIn(LocalStore& store, const std::string& staff_id, const std::string& pin);

// True when changing staff_id's PIN asks for their current one: they have a PIN, and neither
// they nor a team lead of their township is the person signed in on the store (a team lead
// resets a forgotten PIN).
Result<bool> ChangeNeedsCurrentPin(LocalStore& store, const std::string& staff_id);
// Sets a person's PIN, or clears it when new_pin is empty; current_pin must be their PIN when
// ChangeNeedsCurrentPin.
Result<SignInResult> ChangePin(LocalStore& store, const std::string& staff_id,
                               const std::string& current_pin, const std::string& new_pin);

}  // namespace relay::edge
