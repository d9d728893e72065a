#include "relay/edge/sign_in.h"

#include "relay/edge/pin_hash.h"
#include "relay/schema.h"

namespace relay::edge {
namespace {

// The staff record's standing: kDone when it exists and is not archived.
Result<SignInResult> StaffStanding(LocalStore& store, const std::string& staff_id,
                                   nlohmann::json* record) {
  if (!IsUuidV7(staff_id)) return SignInResult{SignInResult::kUnknownPerson};
  auto found = store.Get("staff", staff_id);
  if (!found.ok()) return SignInResult{SignInResult::kUnknownPerson};
  if (found.value().value(std::string(kArchivedField), false)) {
    return SignInResult{SignInResult::kArchivedPerson};
  }
  if (record) *record = std::move(found).value();
  return SignInResult{};
}

SignInResult FromPinCheck(const PinCheck& check) {
  switch (check.outcome) {
    case PinCheck::kRight:
      return SignInResult{};
    case PinCheck::kWrong:
      return SignInResult{SignInResult::kWrongPin, check.wait_ms};
    case PinCheck::kWait:
      break;
  }
  return SignInResult{SignInResult::kWait, check.wait_ms};
}

// True when the person signed in on the store is the staff record itself or a team lead of
// its township: their own PIN was checked when they signed in.
bool SignedInMayChange(LocalStore& store, const nlohmann::json& staff) {
  const std::string person = store.person();
  if (person.empty()) return false;
  if (person == staff.value("id", "")) return true;
  nlohmann::json signed_in;
  auto standing = StaffStanding(store, person, &signed_in);
  return standing.ok() && standing.value().ok() &&
         signed_in.value("staff_role", "") == "team_lead" &&
         signed_in.value("township_id", "") == staff.value("township_id", "");
}

}  // namespace

std::string SignInResult::Message(const std::string& staff_id) const {
  const std::string wait_s = std::to_string((wait_ms + 999) / 1000);
  switch (outcome) {
    case kDone:
      return "";
    case kUnknownPerson:
      return "person: no staff record has id " + staff_id + " (unknown_person)";
    case kArchivedPerson:
      return "person: the staff record " + staff_id + " is archived (archived_person)";
    case kWrongPin:
      return "pin: wrong PIN for " + staff_id +
             (wait_ms > 0 ? "; the next try is taken after " + wait_s + " s" : "") + " (wrong_pin)";
    case kWait:
      return "pin: too many wrong PINs in a row; try again in " + wait_s + " s (pin_pause)";
    case kBadNewPin:
      return "pin: must be 4 to 8 digits (pin_digits)";
  }
  return "";
}

Result<SignInResult> SignIn(LocalStore& store, const std::string& staff_id,
                            const std::string& pin) {
  auto standing = StaffStanding(store, staff_id, nullptr);
  if (!standing.ok() || !standing.value().ok()) return standing;
  auto check = store.CheckPin(staff_id, pin);
  if (!check.ok()) return check.status();
  const SignInResult result = FromPinCheck(check.value());
  if (!result.ok()) return result;
  if (Status status = store.SetPerson(staff_id); !status.ok()) return status;
  return result;
}

Result<bool> ChangeNeedsCurrentPin(LocalStore& store, const std::string& staff_id) {
  auto has_pin = store.HasPin(staff_id);
  if (!has_pin.ok() || !has_pin.value()) return has_pin;
  nlohmann::json record;
  auto standing = StaffStanding(store, staff_id, &record);
  if (!standing.ok()) return standing.status();
  return !standing.value().ok() || !SignedInMayChange(store, record);
}

Result<SignInResult> ChangePin(LocalStore& store, const std::string& staff_id,
                               const std::string& current_pin, const std::string& new_pin) {
  nlohmann::json record;
  auto standing = StaffStanding(store, staff_id, &record);
  if (!standing.ok() || !standing.value().ok()) return standing;
  if (!new_pin.empty() && CheckPinForm(new_pin)) return SignInResult{SignInResult::kBadNewPin};
  if (!SignedInMayChange(store, record)) {
    auto check = store.CheckPin(staff_id, current_pin);
    if (!check.ok()) return check.status();
    if (const SignInResult result = FromPinCheck(check.value()); !result.ok()) return result;
  }
  const Status stored =
      new_pin.empty() ? store.ClearPin(staff_id) : store.SetPin(staff_id, new_pin);
  if (!stored.ok()) return stored;
  return SignInResult{};
}

}  // namespace relay::edge
