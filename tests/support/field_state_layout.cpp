#include "field_state_layout.h"

#include <gtest/gtest.h>

#include "relay/record_stamps.h"
#include "relay/replica_state.h"
#include "relay/schema.h"

namespace relay::testing {
namespace {

// The SQL giving a typed column's value as the JSON text field_state kept.
std::string JsonOf(const FieldSpec& field) {
  if (field.type == FieldType::kBoolean)
    return "CASE WHEN " + field.name + " IS NULL THEN 'null' WHEN " + field.name +
           " THEN 'true' ELSE 'false' END";
  if (field.type == FieldType::kInteger)
    return "COALESCE(CAST(" + field.name + " AS TEXT), 'null')";
  return "COALESCE(json_quote(" + field.name + "), 'null')";
}

}  // namespace

void ToFieldStateLayout(sql::Database& db) {
  ASSERT_TRUE(db.Execute("CREATE TABLE field_state (tbl TEXT NOT NULL, rid TEXT NOT NULL,"
                         " field TEXT NOT NULL, value TEXT NOT NULL, hlc INTEGER NOT NULL,"
                         " device TEXT NOT NULL, PRIMARY KEY (tbl, rid, field)) WITHOUT ROWID")
                  .ok());
  const std::string stamps_column(ReplicaState::kStampsColumn);
  for (const auto& table : SchemaTables()) {
    for (const auto& field : table.fields) {
      auto rows = db.Prepare("SELECT id, " + JsonOf(field) + ", " + stamps_column + " FROM " +
                             table.name + " WHERE " + stamps_column + " IS NOT NULL");
      ASSERT_TRUE(rows.ok()) << rows.status().message();
      auto insert = db.Prepare("INSERT INTO field_state VALUES (?, ?, ?, ?, ?, ?)");
      ASSERT_TRUE(insert.ok());
      while (rows.value().Step().value()) {
        const auto stamps = RecordStamps::Decode(rows.value().Bytes(2)).value();
        const FieldStamp* stamp = stamps.Find(field.name);
        if (!stamp) continue;
        insert.value().Reset();
        insert.value()
            .Bind(1, table.name)
            .Bind(2, rows.value().Text(0))
            .Bind(3, field.name)
            .Bind(4, rows.value().Text(1))
            .Bind(5, stamp->hlc.Packed())
            .Bind(6, stamp->device);
        ASSERT_TRUE(insert.value().Run().ok());
      }
    }
    ASSERT_TRUE(db.Execute("ALTER TABLE " + table.name + " DROP COLUMN " + stamps_column).ok());
  }
}

}  // namespace relay::testing
