#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "relay/edge/local_store.h"
#include "ui/model/glyph_set.h"
#include "ui/model/translations.h"

namespace relay::edge::ui {

// Narrows a reference picker to records whose only_field holds only_value (an empty field
// allows all), and lists those whose first_field holds first_value first.
struct OptionScope {
  std::string only_field;
  std::string only_value;
  std::string first_field;
  std::string first_value;
  bool operator==(const OptionScope&) const = default;

  static OptionScope Only(std::string field, std::string value) {
    OptionScope scope;
    scope.only_field = std::move(field);
    scope.only_value = std::move(value);
    return scope;
  }
  static OptionScope First(std::string field, std::string value) {
    OptionScope scope;
    scope.first_field = std::move(field);
    scope.first_value = std::move(value);
    return scope;
  }
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
  // What a picker shows, so that no one picks the wrong one of two look-alikes: the label with
  // a volunteer's gacha and phone's last digits, a meeting point's gacha, a vehicle's owner
  // category, registered driver and home gacha.
  std::string PickerLabel(const std::string& table, const std::string& id, const Translations& tr);
  std::string PickerLabelOf(const std::string& table, const nlohmann::json& record,
                            const Translations& tr);

  struct Option {
    std::string id;
    std::string label;
    bool first = false;  // the scope lists it first
  };
  // The records of table in scope that are not archived and whose picker label contains
  // filter, by that label, those the scope puts first ahead of the rest. A table with more than
  // kMaxOptions such records is searched by the store's filter instead (names, plates, phones) and
  // shows its first kMaxOptions matches in list order. Kept until the filter, the scope or the data
  // change, since an open combo asks every frame.
  const std::vector<Option>& Options(const std::string& table, const std::string& filter,
                                     const Translations& tr, const OptionScope& scope = {});
  static constexpr int64_t kMaxOptions = 2000;

  // The stored record, or nullptr.
  const nlohmann::json* Find(const std::string& table, const std::string& id);

 private:
  // The name of the record of table with this id; empty when there is none.
  std::string NameOf(const std::string& table, const std::string& id);
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
