#include "relay/record_statements.h"

#include "relay/replica_state.h"

namespace relay {

const std::string& RecordStatements::ReadStamps(const TableSpec& table, bool with_values) {
  std::lock_guard lock(mutex_);
  auto [it, added] = reads_.try_emplace({&table, with_values});
  if (added) {
    std::string columns(ReplicaState::kStampsColumn);
    if (with_values) {
      columns += ", id";
      for (const auto& field : table.fields)
        columns += ", " + field.name;
    }
    it->second = "SELECT " + columns + " FROM " + table.name + " WHERE id=?";
  }
  return it->second;
}

const std::string& RecordStatements::Upsert(const TableSpec& table,
                                            const std::vector<size_t>& fields) {
  std::lock_guard lock(mutex_);
  auto [it, added] = upserts_.try_emplace({&table, fields});
  if (added) {
    std::string columns, placeholders, updates;
    for (const size_t i : fields) {
      const std::string& name = table.fields[i].name;
      columns += ", " + name;
      placeholders += ", ?";
      updates += name + "=excluded." + name + ", ";
    }
    const std::string stamps(ReplicaState::kStampsColumn);
    it->second = "INSERT INTO " + table.name + " (id" + columns + ", " + stamps + ") VALUES (?" +
                 placeholders + ", ?) ON CONFLICT (id) DO UPDATE SET " + updates + stamps +
                 "=excluded." + stamps;
  }
  return it->second;
}

}  // namespace relay
