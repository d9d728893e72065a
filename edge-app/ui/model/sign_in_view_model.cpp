#include "ui/model/sign_in_view_model.h"

#include <algorithm>

#include "relay/schema.h"

namespace relay::edge::ui {

SignInViewModel::SignInViewModel(LocalStore& store, Clock& clock)
    : store_(store), clock_(clock), last_input_ms_(clock.NowMs()) {
  Reload();
  locked_ = !staff_.empty();
}

void SignInViewModel::Reload() {
  auto enrollment = store_.ReadEnrollment();
  if (!enrollment.ok()) {
    error_ = enrollment.status().message();
    return;
  }
  RecordQuery query;
  query.include_archived = false;
  if (enrollment.value() && !enrollment.value()->township_id.empty()) {
    query.where_field = "township_id";
    query.where_value = enrollment.value()->township_id;
  }
  auto records = store_.List("staff", query);
  if (!records.ok()) {
    error_ = records.status().message();
    return;
  }
  error_.clear();
  staff_.clear();
  for (const auto& record : records.value()) {
    Person person{record.value("id", ""), record.value("name", ""), record.value("staff_role", ""),
                  false};
    auto has_pin = store_.HasPin(person.id);
    if (!has_pin.ok()) {
      error_ = has_pin.status().message();
      return;
    }
    person.has_pin = has_pin.value();
    staff_.push_back(std::move(person));
  }
}

void SignInViewModel::Choose(const std::string& staff_id) {
  if (staff_id != chosen_id_) pin_.clear();
  chosen_id_ = staff_id;
  refusal_.reset();
}

const SignInViewModel::Person* SignInViewModel::chosen() const {
  for (const auto& person : staff_) {
    if (person.id == chosen_id_) return &person;
  }
  return nullptr;
}

bool SignInViewModel::SignIn() {
  const Person* person = chosen();
  if (!person) return false;
  auto result = edge::SignIn(store_, person->id, person->has_pin ? pin_ : "");
  pin_.clear();
  if (!result.ok()) {
    error_ = result.status().message();
    return false;
  }
  if (!result.value().ok()) {
    refusal_ = result.value();
    // The list may be out of date: a person archived, or given a PIN by relay-cli meanwhile.
    Reload();
    return false;
  }
  refusal_.reset();
  person_ = *person;
  locked_ = false;
  last_input_ms_ = clock_.NowMs();
  return true;
}

void SignInViewModel::ContinueUnnamed() {
  if (!CanContinueUnnamed()) return;
  locked_ = false;
  last_input_ms_ = clock_.NowMs();
}

void SignInViewModel::Lock() {
  locked_ = true;
  pin_.clear();
  refusal_.reset();
  // The one who was working is the likely next: chosen already.
  chosen_id_ = person_ ? person_->id : chosen_id_;
  Reload();
}

void SignInViewModel::SignOut() {
  if (Status status = store_.SetPerson(""); !status.ok()) error_ = status.message();
  person_.reset();
  chosen_id_.clear();
  Lock();
}

void SignInViewModel::NoteInput() {
  last_input_ms_ = clock_.NowMs();
}

void SignInViewModel::Tick() {
  if (locked_ || idle_lock_minutes_ <= 0) return;
  if (clock_.NowMs() - last_input_ms_ >= int64_t{idle_lock_minutes_} * 60'000) Lock();
}

std::optional<int64_t> SignInViewModel::LockDueMs() const {
  if (locked_ || idle_lock_minutes_ <= 0) return std::nullopt;
  return last_input_ms_ + int64_t{idle_lock_minutes_} * 60'000;
}

void SignInViewModel::set_idle_lock_minutes(int minutes) {
  idle_lock_minutes_ = std::max(0, minutes);
  last_input_ms_ = clock_.NowMs();
}

}  // namespace relay::edge::ui
