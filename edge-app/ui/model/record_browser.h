#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "relay/edge/local_store.h"
#include "relay/schema.h"
#include "ui/model/glyph_set.h"
#include "ui/model/record_form.h"

namespace relay::edge::ui {

// One table's screen state: the rows matching a filter, read a page at a time in the table's
// list order, the selected record and its edit form. Every read and write goes through
// LocalStore, and every text loaded is added to the glyphs.
class RecordBrowser {
 public:
  RecordBrowser(LocalStore& store, const TableSpec& table, GlyphSet& glyphs);

  // Counts the rows again and reads the first page: after a sync, or whenever the data may
  // have changed underneath.
  void Reload();
  // How many rows match the filter.
  int64_t count() const { return count_; }
  // The row at index (0 ≤ index < count()), reading the page around it when it is not loaded;
  // nullptr when it cannot be read (load_error() says why).
  const nlohmann::json* Row(int64_t index);
  void SetFilter(std::string filter);
  // What is typed in the filter box. It applies once typing pauses for kFilterPauseMs (see
  // ApplyTypedFilter), so a big table is searched once per word rather than once per key.
  void TypeFilter(std::string text, int64_t now_ms);
  // Applies the typed filter once the pause has passed; called every frame.
  void ApplyTypedFilter(int64_t now_ms);
  const std::string& typed_filter() const { return typed_filter_; }
  // When ApplyTypedFilter will apply what is typed (epoch ms); nullopt when nothing waits.
  std::optional<int64_t> FilterDueMs() const;
  static constexpr int64_t kFilterPauseMs = 250;
  void SetShowArchived(bool show);
  // Selects a record and opens it in the form.
  void Select(const std::string& id);
  // Clears the selection and opens an empty form.
  void StartNew();
  void CloseForm();
  // Saves the form through Put; a changed recorded event becomes a correction with the form's
  // reason (PutCorrecting). True when stored: the form then shows the record as stored
  // (normalised, e.g. the plate in canonical form). On refusal the form shows why. Times typed
  // as people say them are read first; a time in the future is questioned and stored only
  // when saved again. `person` (who is signed in) and now_ms stamp a changed field's automatic
  // stamps (RecordForm::Edit).
  bool Save(int64_t now_ms, const std::string& person = "");

  const TableSpec& table() const { return table_; }
  const std::string& filter() const { return filter_; }
  bool show_archived() const { return show_archived_; }
  const std::string& selected_id() const { return selected_id_; }
  // Why the rows or the selected record could not be read; empty when they could.
  const std::string& load_error() const { return load_error_; }
  RecordForm& form() { return form_; }
  const RecordForm& form() const { return form_; }

 private:
  // What the list shows: the filter, and archived records only when asked for.
  RecordQuery Query() const;
  // The rows from index start on, up to a page: by the list's order index without a filter,
  // by match_ids_ with one.
  Result<std::vector<nlohmann::json>> ReadPage(int64_t start);

  LocalStore& store_;
  const TableSpec& table_;
  GlyphSet& glyphs_;
  RecordForm form_;
  std::string filter_;
  std::string typed_filter_;
  int64_t typed_at_ms_ = 0;
  bool show_archived_ = false;
  int64_t count_ = 0;
  int64_t page_start_ = 0;
  std::vector<nlohmann::json> page_;
  // With a filter: the ids of every match in list order, read again when the filter or the
  // data change (Reload).
  std::vector<std::string> match_ids_;
  std::string selected_id_;
  std::string load_error_;
};

}  // namespace relay::edge::ui
