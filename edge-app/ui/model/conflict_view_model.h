#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "relay/edge/conflict_resolution.h"
#include "relay/edge/local_store.h"
#include "ui/model/glyph_set.h"
#include "ui/model/record_labels.h"
#include "ui/model/translations.h"

namespace relay::edge::ui {

// One of the two writes a merge chose between, as a person reads it.
struct ConflictSide {
  std::string value;         // as a list cell reads it, or the words for an empty value
  std::string device;        // the writing device's id, shortened
  bool this_device = false;  // written on this laptop
  std::string when;  // when it was written, in Beijing time; "" when the stamp is unreadable
};

// A conflict record in words: when it was found, which record and field, and what the
// person has to decide about.
struct ConflictText {
  std::string found_at;   // Beijing time
  std::string kind;       // the kind of conflict
  std::string record;     // the table's title and the record's label
  std::string field;      // the field's label
  std::string value_now;  // the field's value now, which "keep" keeps
  // A concurrent edit: the value the merge kept and the one it overwrote, and whether an
  // edit since replaced the kept value.
  bool concurrent_edit = false;
  ConflictSide kept;
  ConflictSide lost;
  bool edited_since = false;
  // A broken rule or a duplicate registration: what is wrong.
  std::string problem;
  // A duplicate of a table that merges (vehicles, volunteers): the two records' labels.
  bool can_merge = false;
  std::string this_label;
  std::string other_label;
};

// The navigation's label for the conflicts screen, with how many are open when any are.
std::string ConflictsNavLabel(int64_t open_count, const Translations& tr);

// What a person is deciding about the selected conflict: a value, or for a duplicate, which
// of the two records to merge into the other (MergeRecords).
struct ConflictDecision {
  enum class Merge { kNone, kThisIntoOther, kOtherIntoThis };
  Merge merge = Merge::kNone;
  Resolution::Choice choice = Resolution::Choice::kKeep;
  std::string typed_value;  // for kNewValue, read by ValueFromTyped
  std::string reason;
};

// The conflicts screen's state: the open conflicts newest first, the selected one and the
// decision being made about it, settled through ResolveConflict. Every text read or typed is
// added to the glyphs.
class ConflictViewModel {
 public:
  ConflictViewModel(LocalStore& store, GlyphSet& glyphs);

  // Reads the open conflicts again; a selected one that is no longer open is let go.
  void Reload();
  // The open conflicts, newest first, at most kMaxListed of them.
  const std::vector<nlohmann::json>& open() const { return open_; }
  static constexpr int64_t kMaxListed = 500;
  // How many conflicts are open, listed or not.
  int64_t open_count() const { return open_count_; }
  // Why the conflicts could not be read; empty when they could.
  const std::string& load_error() const { return load_error_; }

  // Selects an open conflict with a fresh decision (keep, no reason yet).
  void Select(const std::string& id);
  void Unselect();
  // A conflict record in words, its writes made on this laptop marked as such.
  ConflictText Describe(const nlohmann::json& conflict, RecordLabels& labels,
                        const Translations& tr) const;

  // The selected conflict, or nullptr.
  const nlohmann::json* selected() const { return selected_ ? &*selected_ : nullptr; }
  ConflictDecision& decision() { return decision_; }

  // Settles the selected conflict as decided, by a value or by merging the duplicates (which
  // settles every duplicate conflict between the two). True when stored: the conflict leaves the
  // list and settled() holds it. Otherwise error() gives the core's reason and nothing is stored.
  bool Settle(const Translations& tr, int64_t now_ms);
  const std::string& error() const { return error_; }
  // The conflict settled last in this session, as it was before settling; nullptr before any.
  const nlohmann::json* settled() const { return settled_ ? &*settled_ : nullptr; }

 private:
  LocalStore& store_;
  GlyphSet& glyphs_;
  std::vector<nlohmann::json> open_;
  int64_t open_count_ = 0;
  std::string load_error_;
  std::optional<nlohmann::json> selected_;
  ConflictDecision decision_;
  std::string error_;
  std::optional<nlohmann::json> settled_;
};

}  // namespace relay::edge::ui
