#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "relay/edge/local_store.h"
#include "ui/model/glyph_set.h"
#include "ui/model/translations.h"

namespace relay::edge::ui {

// Narrows a reference picker to records whose field holds value; an empty field allows all.
struct OptionScope {
  std::string field;
  std::string value;
  bool operator==(const OptionScope&) const = default;
};

// The words a person knows a record by — a name, a vehicle's plate, a transport's call time —
// shown instead of the ids that reference fields hold. Records are read one at a time as they
// are asked for and kept until Invalidate, so a table of 100,000 transports is never read whole.
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
  // The records of table in scope that are not archived and whose label contains filter, by
  // label. A table with more than kMaxOptions such records is searched by the store's filter
  // instead (names, plates, phones) and shows its first kMaxOptions matches in list order.
  // Kept until the filter, the scope or the data change, since an open combo asks every frame.
  const std::vector<Option>& Options(const std::string& table, const std::string& filter,
                                     const Translations& tr, const OptionScope& scope = {});
  static constexpr int64_t kMaxOptions = 2000;

  // The stored record, or nullptr.
  const nlohmann::json* Find(const std::string& table, const std::string& id);

 private:
  std::vector<Option> LoadOptions(const std::string& table, const std::string& filter,
                                  const Translations& tr, const OptionScope& scope);

  LocalStore& store_;
  GlyphSet& glyphs_;
  // Records by table and id; nullopt remembers that no such record exists.
  std::map<std::string, std::map<std::string, std::optional<nlohmann::json>>> records_;
  struct OptionsCache {
    std::string table;
    std::string filter;
    OptionScope scope;
    const Translations* tr;
    std::vector<Option> options;
  };
  std::optional<OptionsCache> options_;
};

}  // namespace relay::edge::ui
