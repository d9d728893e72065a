#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "relay/edge/local_store.h"
#include "ui/glyph_set.h"
#include "ui/translations.h"

namespace relay::edge::ui {

// The words a person knows a record by — a name, a vehicle's plate, a transport's call time —
// shown instead of the ids that reference fields hold; each table is read once, until Invalidate.
class RecordLabels {
 public:
  RecordLabels(LocalStore& store, GlyphSet& glyphs);

  // Forgets what was read, after a save or a sync may have changed it.
  void Invalidate() {
    records_.clear();
    options_.reset();
  }

  // The label of the record of table with this id; a shortened id when there is no such record.
  std::string Label(const std::string& table, const std::string& id, const Translations& tr);
  // The label of a record as stored in table.
  std::string LabelOf(const std::string& table, const nlohmann::json& record,
                      const Translations& tr);

  struct Option {
    std::string id;
    std::string label;
  };
  // The records of table that are not archived and whose label contains filter, by label;
  // kept until the filter or the data change, since an open combo asks every frame.
  const std::vector<Option>& Options(const std::string& table, const std::string& filter,
                                     const Translations& tr);

  // The stored record, or nullptr.
  const nlohmann::json* Find(const std::string& table, const std::string& id);

 private:
  const std::map<std::string, nlohmann::json>& Records(const std::string& table);

  LocalStore& store_;
  GlyphSet& glyphs_;
  std::map<std::string, std::map<std::string, nlohmann::json>> records_;
  struct OptionsCache {
    std::string table;
    std::string filter;
    const Translations* tr;
    std::vector<Option> options;
  };
  std::optional<OptionsCache> options_;
};

}  // namespace relay::edge::ui
