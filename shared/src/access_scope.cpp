#include "relay/access_scope.h"

#include <set>

namespace relay {
namespace {

const std::set<std::string> kGeography = {"townships", "gachas", "rendezvous_points", "stations",
                                          "roads"};
const std::set<std::string> kRosters = {"teams", "units",     "members",
                                        "posts", "trainings", "training_participants"};

// Tables whose record states its township, and tables whose home is that of a parent record.
const std::set<std::string> kTownshipField = {"vehicles", "teams", "staff"};
const std::map<std::string, std::pair<std::string, std::string>> kParent = {
    {"transport_legs", {"transport_id", "transports"}},
    {"handoffs", {"transport_id", "transports"}},
    {"units", {"team_id", "teams"}},
    {"members", {"team_id", "teams"}},
    {"posts", {"unit_id", "units"}},
    {"trainings", {"team_id", "teams"}},
    {"training_participants", {"training_id", "trainings"}},
};
// Gacha fields that place a record when nothing closer does.
const std::map<std::string, std::string> kGachaField = {
    {"vehicles", "home_gacha_id"}, {"volunteers", "gacha_id"}, {"transports", "pickup_gacha_id"}};
// Records that stay in the township they were created in, whatever gacha they name.
const std::set<std::string> kCreatorFirst = {"transports", "volunteers"};

// Chains are at most conflict → post → unit → team; deeper means a loop of references.
constexpr int kMaxDepth = 6;

std::string TextField(const nlohmann::json& record, const std::string& field) {
  auto it = record.find(field);
  return it != record.end() && it->is_string() ? it->get<std::string>() : "";
}

RecordHome InTownship(const std::string& township_id) {
  return RecordHome{RecordHome::Kind::kTownship, township_id};
}

}  // namespace

std::optional<std::string> RoleRefusal(const AccessScope& scope, const std::string& table,
                                       const std::string& field) {
  if (scope.IsCounty()) return std::nullopt;
  if (kGeography.count(table)) {
    return table + ": reference geography is changed by the county office only";
  }
  if (scope.role == "team-lead") return std::nullopt;
  if (kRosters.count(table)) {
    return table +
           ": team rosters and training records are changed by a team lead or the "
           "county office";
  }
  if (field == "merged_into") {
    return field + ": merging duplicates is for a team lead or the county office";
  }
  return std::nullopt;
}

std::pair<std::string, std::string> GoverningRecord(const std::string& table,
                                                    const nlohmann::json& record) {
  if (table == "conflicts" || table == "corrections") {
    return {TextField(record, "table_name"), TextField(record, "record_id")};
  }
  return {table, TextField(record, "id")};
}

std::vector<std::pair<std::string, std::string>> HomeReferences(const std::string& table) {
  std::vector<std::pair<std::string, std::string>> references;
  for (const auto& [part_table, link] : kParent) {
    if (link.second == table) references.emplace_back(part_table, link.first);
  }
  if (table == "gachas") {
    for (const auto& [placed_table, field] : kGachaField)
      references.emplace_back(placed_table, field);
  }
  references.emplace_back("conflicts", "record_id");
  references.emplace_back("corrections", "record_id");
  return references;
}

RecordHome RecordHomes::HomeOf(const std::string& table, const std::string& id) {
  return Stored(table, id, 0);
}

RecordHome RecordHomes::HomeOfRecord(const std::string& table, const nlohmann::json& record) {
  return Resolve(table, record, 0);
}

RecordHome RecordHomes::Stored(const std::string& table, const std::string& id, int depth) {
  const auto key = std::make_pair(table, id);
  if (auto it = known_.find(key); it != known_.end()) return it->second;
  RecordHome home;
  if (kGeography.count(table)) {
    home.kind = RecordHome::Kind::kShared;
  } else if (auto record = records_.Find(table, id)) {
    home = Resolve(table, *record, depth);
  } else if (const std::string creator = created_in_(table, id); !creator.empty()) {
    home = InTownship(creator);
  }
  known_.emplace(key, home);
  return home;
}

RecordHome RecordHomes::GachaTownship(const nlohmann::json& record, const std::string& field) {
  const std::string gacha_id = TextField(record, field);
  if (gacha_id.empty()) return RecordHome{};
  auto gacha = records_.Find("gachas", gacha_id);
  if (!gacha) return RecordHome{};
  const std::string township_id = TextField(*gacha, "township_id");
  return township_id.empty() ? RecordHome{} : InTownship(township_id);
}

RecordHome RecordHomes::Resolve(const std::string& table, const nlohmann::json& record, int depth) {
  if (kGeography.count(table)) return RecordHome{RecordHome::Kind::kShared, ""};
  if (depth > kMaxDepth) return RecordHome{};
  const std::string id = TextField(record, "id");
  if (table == "conflicts" || table == "corrections") {
    const auto [named_table, named_id] = GoverningRecord(table, record);
    if (!named_table.empty() && !named_id.empty()) {
      const RecordHome home = Stored(named_table, named_id, depth + 1);
      // A conflict between records of two homes (a plate registered in two townships) tells
      // each about the other's record: it is the county's to settle.
      const std::string other_id = TextField(record, "other_record_id");
      if (!other_id.empty() && Stored(named_table, other_id, depth + 1) != home) {
        return RecordHome{};
      }
      return home;
    }
  }
  const std::string creator = id.empty() ? "" : created_in_(table, id);
  if (kCreatorFirst.count(table) && !creator.empty()) return InTownship(creator);
  if (kTownshipField.count(table)) {
    const std::string township_id = TextField(record, "township_id");
    if (!township_id.empty()) return InTownship(township_id);
  }
  if (auto parent = kParent.find(table); parent != kParent.end()) {
    const std::string parent_id = TextField(record, parent->second.first);
    if (!parent_id.empty()) {
      const RecordHome home = Stored(parent->second.second, parent_id, depth + 1);
      // A part of a record that is the county's alone is the county's too; only a parent this
      // replica does not hold leaves the part to its creator.
      if (home.kind != RecordHome::Kind::kCountyOnly ||
          records_.Find(parent->second.second, parent_id)) {
        return home;
      }
    }
  }
  if (auto gacha = kGachaField.find(table); gacha != kGachaField.end()) {
    const RecordHome home = GachaTownship(record, gacha->second);
    if (home.kind == RecordHome::Kind::kTownship) return home;
  }
  return creator.empty() ? RecordHome{} : InTownship(creator);
}

std::vector<std::pair<std::string, std::string>> RecordHomes::Dependents(const std::string& table,
                                                                         const std::string& id) {
  std::vector<std::pair<std::string, std::string>> found;
  std::set<std::pair<std::string, std::string>> seen = {{table, id}};
  std::vector<std::pair<std::string, std::string>> to_visit = {{table, id}};
  auto add = [&](const std::string& child_table, const nlohmann::json& record) {
    std::pair<std::string, std::string> key{child_table, TextField(record, "id")};
    if (key.second.empty() || !seen.insert(key).second) return;
    found.push_back(key);
    to_visit.push_back(key);
  };
  while (!to_visit.empty()) {
    const auto [parent_table, parent_id] = to_visit.back();
    to_visit.pop_back();
    for (const auto& [child_table, field] : HomeReferences(parent_table)) {
      const bool note = child_table == "conflicts" || child_table == "corrections";
      for (const auto& child : records_.FindWhere(child_table, field, parent_id)) {
        if (!note || TextField(child, "table_name") == parent_table) add(child_table, child);
      }
    }
  }
  return found;
}

std::optional<std::string> RecordHomes::Refusal(const AccessScope& scope, const RecordHome& home) {
  if (scope.IsCounty()) return std::nullopt;
  if (home.kind == RecordHome::Kind::kTownship && home.township_id == scope.township_id) {
    return std::nullopt;
  }
  auto name = [this](const std::string& township_id) {
    auto township = records_.Find("townships", township_id);
    const std::string township_name = township ? TextField(*township, "name") : "";
    return township_name.empty() ? "township " + township_id : township_name;
  };
  const std::string mine = "this laptop's " + name(scope.township_id);
  switch (home.kind) {
    case RecordHome::Kind::kShared:
      return "is reference data, changed by the county office only";
    case RecordHome::Kind::kCountyOnly:
      return "belongs to no township, so only the county office changes it (not " + mine + ")";
    case RecordHome::Kind::kTownship:
      break;
  }
  return "belongs to " + name(home.township_id) + ", not to " + mine;
}

std::optional<FieldError> EditRefusal(const AccessScope& scope, RecordHomes& homes,
                                      const std::string& table, const nlohmann::json* stored,
                                      const nlohmann::json& merged, const nlohmann::json& fields) {
  if (scope.IsCounty()) return std::nullopt;
  const std::string governing = GoverningRecord(table, merged).first;
  for (const auto& [field, value] : fields.items()) {
    if (auto refusal = RoleRefusal(scope, governing.empty() ? table : governing, field)) {
      return FieldError{field, "role", *refusal};
    }
  }
  // A refusal by township is shown at the reference that places the record, if one changed.
  std::string placing = "id";
  for (const auto& [field, value] : fields.items()) {
    if (field.size() > 3 && field.compare(field.size() - 3, 3, "_id") == 0) {
      placing = field;
      break;
    }
  }
  if (stored) {
    if (auto refusal = homes.Refusal(scope, homes.HomeOfRecord(table, *stored))) {
      return FieldError{placing, "township", "this record " + *refusal};
    }
  }
  if (auto refusal = homes.Refusal(scope, homes.HomeOfRecord(table, merged))) {
    return FieldError{placing, "township", "after this edit the record " + *refusal};
  }
  return std::nullopt;
}

}  // namespace relay
