#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "relay/edge/local_store.h"
#include "relay/schema.h"
#include "ui/glyph_set.h"
#include "ui/record_form.h"

namespace relay::edge::ui {

// One table's screen state: the rows matching a filter, the selected record and its edit form.
// Every read and write goes through LocalStore, and every text loaded is added to the glyphs.
class RecordBrowser {
 public:
  RecordBrowser(LocalStore& store, const TableSpec& table, GlyphSet& glyphs);

  // Loads the rows again: after a sync, or whenever the data may have changed underneath.
  void Reload();
  void SetFilter(std::string filter);
  void SetShowArchived(bool show);
  // Selects a record and opens it in the form.
  void Select(const std::string& id);
  // Clears the selection and opens an empty form.
  void StartNew();
  void CloseForm();
  // Saves the form through Put. True when stored: the form then shows the record as stored
  // (normalised, e.g. the plate in canonical form). On refusal the form shows why.
  bool Save();

  const TableSpec& table() const { return table_; }
  const std::string& filter() const { return filter_; }
  bool show_archived() const { return show_archived_; }
  const std::vector<nlohmann::json>& rows() const { return rows_; }
  const std::string& selected_id() const { return selected_id_; }
  // Why the rows or the selected record could not be read; empty when they could.
  const std::string& load_error() const { return load_error_; }
  RecordForm& form() { return form_; }
  const RecordForm& form() const { return form_; }

 private:
  LocalStore& store_;
  const TableSpec& table_;
  GlyphSet& glyphs_;
  RecordForm form_;
  std::string filter_;
  bool show_archived_ = false;
  std::vector<nlohmann::json> rows_;
  std::string selected_id_;
  std::string load_error_;
};

}  // namespace relay::edge::ui
