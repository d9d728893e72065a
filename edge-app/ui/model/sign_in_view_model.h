#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "relay/clock.h"
#include "relay/edge/local_store.h"
#include "relay/edge/sign_in.h"

namespace relay::edge::ui {

// Who is working on this shared laptop: the township's staff to choose from, the PIN being
// typed, and the lock that hides the data after a sign-out or minutes without input. Locking
// only hides: open forms keep what was typed, and whoever signs in next saves it as theirs.
class SignInViewModel {
 public:
  struct Person {
    std::string id;
    std::string name;
    std::string role;  // a staff_role choice
    bool has_pin = false;
  };

  // Starts locked when the staff list has anyone on it, open (nobody signed in) when it is
  // empty, so the first staff records can be entered.
  SignInViewModel(LocalStore& store, Clock& clock);

  // Reads the staff list again: the enrolled township's staff that are not archived (every
  // township's on a county laptop or one not enrolled yet), by name.
  void Reload();
  const std::vector<Person>& staff() const { return staff_; }
  // Why the list could not be read; empty when it could.
  const std::string& error() const { return error_; }

  // Chooses whom to sign in as, forgetting a PIN typed for someone else and the last refusal.
  void Choose(const std::string& staff_id);
  const Person* chosen() const;
  std::string& pin() { return pin_; }
  // Signs the chosen person in with the typed PIN (ignored when they have none) and unlocks;
  // false with refusal() set when refused.
  bool SignIn();
  const std::optional<SignInResult>& refusal() const { return refusal_; }
  // With nobody on the staff list the laptop opens unnamed, to enter the first staff records.
  bool CanContinueUnnamed() const { return staff_.empty(); }
  void ContinueUnnamed();

  // Locks now, keeping who was working and what they had open.
  void Lock();
  // Nobody is working any more: later changes carry no person until the next sign-in.
  void SignOut();
  bool locked() const { return locked_; }
  // The person signed in (or last signed in, while locked); nullopt for nobody.
  const std::optional<Person>& person() const { return person_; }

  // Input (a key, a click, the mouse moving) in this frame: the idle time starts again.
  void NoteInput();
  // Called every frame: locks once the idle time has passed without input.
  void Tick();
  // When Tick will lock without further input (epoch ms); nullopt while locked or with the
  // idle lock off.
  std::optional<int64_t> LockDueMs() const;
  // Minutes without input before the lock; 0 turns the idle lock off.
  int idle_lock_minutes() const { return idle_lock_minutes_; }
  void set_idle_lock_minutes(int minutes);

 private:
  LocalStore& store_;
  Clock& clock_;
  std::vector<Person> staff_;
  std::string error_;
  std::string chosen_id_;
  std::string pin_;
  std::optional<SignInResult> refusal_;
  std::optional<Person> person_;
  bool locked_ = false;
  int idle_lock_minutes_ = 10;
  int64_t last_input_ms_ = 0;
};

}  // namespace relay::edge::ui
