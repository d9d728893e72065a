#include "relay/replica_state.h"

#include <openssl/evp.h>

#include <set>

#include "relay/schema.h"

namespace relay {
namespace {

const char* ColumnType(FieldType type) {
  return (type == FieldType::kInteger || type == FieldType::kBoolean) ? "INTEGER" : "TEXT";
}

void BindValue(sql::Statement& statement, int index, const FieldSpec& spec,
               const nlohmann::json& value) {
  if (value.is_null()) {
    statement.BindNull(index);
  } else if (spec.type == FieldType::kBoolean) {
    statement.Bind(index, static_cast<int64_t>(value.get<bool>() ? 1 : 0));
  } else if (spec.type == FieldType::kInteger) {
    statement.Bind(index, value.get<int64_t>());
  } else {
    statement.Bind(index, value.get<std::string>());
  }
}

nlohmann::json ReadValue(const sql::Statement& statement, int column, const FieldSpec& spec) {
  if (statement.IsNull(column)) return nullptr;
  switch (spec.type) {
    case FieldType::kBoolean:
      return statement.Int(column) != 0;
    case FieldType::kInteger:
      return statement.Int(column);
    default:
      return statement.Text(column);
  }
}

std::string SelectColumns(const TableSpec& table) {
  std::string columns = "id";
  for (const auto& field : table.fields)
    columns += ", " + field.name;
  return columns;
}

nlohmann::json ReadRecord(const sql::Statement& statement, const TableSpec& table) {
  nlohmann::json record = {{"id", statement.Text(0)}};
  for (size_t i = 0; i < table.fields.size(); ++i) {
    const auto& spec = table.fields[i];
    auto value = ReadValue(statement, static_cast<int>(i + 1), spec);
    if (!value.is_null()) record[spec.name] = std::move(value);
  }
  return record;
}

Result<const TableSpec*> Lookup(const std::string& table) {
  const TableSpec* spec = FindTable(table);
  if (!spec) return Status::Error("unknown table: " + table);
  return spec;
}

}  // namespace

Status ReplicaState::EnsureSchema() {
  Status status = db_.Execute(
      "CREATE TABLE IF NOT EXISTS field_state ("
      " tbl TEXT NOT NULL, rid TEXT NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL,"
      " hlc INTEGER NOT NULL, device TEXT NOT NULL, PRIMARY KEY (tbl, rid, field)"
      ") WITHOUT ROWID;");
  if (!status.ok()) return status;
  for (const auto& table : SchemaTables()) {
    status = db_.Execute("CREATE TABLE IF NOT EXISTS " + table.name +
                         " (id TEXT PRIMARY KEY, updated_hlc INTEGER NOT NULL DEFAULT 0)");
    if (!status.ok()) return status;
    std::set<std::string> existing;
    auto info = db_.Prepare("SELECT name FROM pragma_table_info(?)");
    if (!info.ok()) return info.status();
    info.value().Bind(1, table.name);
    for (;;) {
      auto row = info.value().Step();
      if (!row.ok()) return row.status();
      if (!row.value()) break;
      existing.insert(info.value().Text(0));
    }
    for (const auto& field : table.fields) {
      if (!existing.count(field.name)) {
        status = db_.Execute("ALTER TABLE " + table.name + " ADD COLUMN " + field.name + " " +
                             ColumnType(field.type));
        if (!status.ok()) return status;
      }
      if (field.indexed) {
        status = db_.Execute("CREATE INDEX IF NOT EXISTS " + table.name + "_" + field.name +
                             " ON " + table.name + " (" + field.name + ")");
        if (!status.ok()) return status;
      }
    }
    status = db_.Execute("CREATE INDEX IF NOT EXISTS " + table.name + "_updated ON " + table.name +
                         " (updated_hlc)");
    if (!status.ok()) return status;
  }
  return Status::Ok();
}

Result<std::optional<FieldStamp>> ReplicaState::StampOf(const std::string& table,
                                                        const std::string& record_id,
                                                        const std::string& field) {
  auto query = db_.Prepare("SELECT hlc, device FROM field_state WHERE tbl=? AND rid=? AND field=?");
  if (!query.ok()) return query.status();
  auto& statement = query.value();
  statement.Bind(1, table).Bind(2, record_id).Bind(3, field);
  auto row = statement.Step();
  if (!row.ok()) return row.status();
  if (!row.value()) return std::optional<FieldStamp>();
  return std::optional<FieldStamp>(
      FieldStamp{HlcTimestamp::FromPacked(statement.Int(0)), statement.Text(1)});
}

Result<bool> ReplicaState::Exists(const std::string& table, const std::string& record_id) {
  auto query = db_.Prepare("SELECT 1 FROM field_state WHERE tbl=? AND rid=? LIMIT 1");
  if (!query.ok()) return query.status();
  query.value().Bind(1, table).Bind(2, record_id);
  return query.value().Step();
}

Result<bool> ReplicaState::Apply(const Change& change) {
  auto spec = Lookup(change.table);
  if (!spec.ok()) return spec.status();
  const FieldSpec* field = spec.value()->Field(change.field);
  if (!field) return Status::Error("unknown field: " + change.table + "." + change.field);

  auto current = StampOf(change.table, change.record_id, change.field);
  if (!current.ok()) return current.status();
  if (current.value() && !Supersedes(change.stamp(), *current.value())) return false;

  auto upsert = db_.Prepare(
      "INSERT INTO field_state (tbl, rid, field, value, hlc, device) VALUES (?,?,?,?,?,?) "
      "ON CONFLICT (tbl, rid, field) DO UPDATE SET value=excluded.value, hlc=excluded.hlc, "
      "device=excluded.device");
  if (!upsert.ok()) return upsert.status();
  upsert.value()
      .Bind(1, change.table)
      .Bind(2, change.record_id)
      .Bind(3, change.field)
      .Bind(4, change.value.dump())
      .Bind(5, change.hlc.Packed())
      .Bind(6, change.device);
  if (Status status = upsert.value().Run(); !status.ok()) return status;

  auto mirror = db_.Prepare("INSERT INTO " + change.table + " (id, updated_hlc, " + field->name +
                            ") VALUES (?1, ?2, ?3) ON CONFLICT (id) DO UPDATE SET " + field->name +
                            "=?3, updated_hlc=max(updated_hlc, ?2)");
  if (!mirror.ok()) return mirror.status();
  mirror.value().Bind(1, change.record_id).Bind(2, change.hlc.Packed());
  BindValue(mirror.value(), 3, *field, change.value);
  if (Status status = mirror.value().Run(); !status.ok()) return status;
  return true;
}

Result<std::optional<nlohmann::json>> ReplicaState::Record(const std::string& table,
                                                           const std::string& record_id) {
  auto spec = Lookup(table);
  if (!spec.ok()) return spec.status();
  auto query =
      db_.Prepare("SELECT " + SelectColumns(*spec.value()) + " FROM " + table + " WHERE id=?");
  if (!query.ok()) return query.status();
  query.value().Bind(1, record_id);
  auto row = query.value().Step();
  if (!row.ok()) return row.status();
  if (!row.value()) return std::optional<nlohmann::json>();
  return std::optional<nlohmann::json>(ReadRecord(query.value(), *spec.value()));
}

Result<std::vector<nlohmann::json>> ReplicaState::Records(const std::string& table,
                                                          const std::string& filter, int limit) {
  auto spec = Lookup(table);
  if (!spec.ok()) return spec.status();
  std::string where;
  for (const auto& field : spec.value()->fields) {
    if (!field.indexed || field.type != FieldType::kText) continue;
    where += (where.empty() ? "" : " OR ") + field.name + " LIKE ?1 ESCAPE '\\'";
  }
  std::string sql = "SELECT " + SelectColumns(*spec.value()) + " FROM " + table;
  if (!filter.empty() && !where.empty()) sql += " WHERE " + where;
  sql += " ORDER BY updated_hlc DESC, id LIMIT ?2";
  auto query = db_.Prepare(sql);
  if (!query.ok()) return query.status();
  std::string pattern = "%";
  for (char c : filter) {
    if (c == '%' || c == '_' || c == '\\') pattern.push_back('\\');
    pattern.push_back(c);
  }
  pattern.push_back('%');
  query.value().Bind(1, pattern).Bind(2, static_cast<int64_t>(limit));
  std::vector<nlohmann::json> records;
  for (;;) {
    auto row = query.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    records.push_back(ReadRecord(query.value(), *spec.value()));
  }
  return records;
}

Result<std::vector<nlohmann::json>> ReplicaState::RecordsWhere(const std::string& table,
                                                               const std::string& field,
                                                               const std::string& value) {
  auto spec = Lookup(table);
  if (!spec.ok()) return spec.status();
  if (!spec.value()->Field(field)) return Status::Error("unknown field: " + table + "." + field);
  auto query = db_.Prepare("SELECT " + SelectColumns(*spec.value()) + " FROM " + table + " WHERE " +
                           field + " = ? ORDER BY id");
  if (!query.ok()) return query.status();
  query.value().Bind(1, value);
  std::vector<nlohmann::json> records;
  for (;;) {
    auto row = query.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    records.push_back(ReadRecord(query.value(), *spec.value()));
  }
  return records;
}

std::optional<nlohmann::json> ReplicaLookup::Find(const std::string& table, const std::string& id) {
  auto record = state_.Record(table, id);
  return record.ok() ? record.value() : std::nullopt;
}

std::vector<nlohmann::json> ReplicaLookup::FindWhere(const std::string& table,
                                                     const std::string& field,
                                                     const std::string& value) {
  auto records = state_.RecordsWhere(table, field, value);
  return records.ok() ? std::move(records).value() : std::vector<nlohmann::json>();
}

Result<HlcTimestamp> ReplicaState::LatestStamp() {
  auto query = db_.Prepare("SELECT COALESCE(MAX(hlc), 0) FROM field_state");
  if (!query.ok()) return query.status();
  auto row = query.value().Step();
  if (!row.ok()) return row.status();
  return HlcTimestamp::FromPacked(query.value().Int(0));
}

Result<std::string> ReplicaState::Digest() {
  auto query =
      db_.Prepare("SELECT tbl, rid, field, value FROM field_state ORDER BY tbl, rid, field");
  if (!query.ok()) return query.status();
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                  EVP_MD_CTX_free);
  EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr);
  for (;;) {
    auto row = query.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    for (int column = 0; column < 4; ++column) {
      const std::string part = query.value().Text(column);
      const char separator = column == 3 ? '\n' : '\x1f';
      EVP_DigestUpdate(context.get(), part.data(), part.size());
      EVP_DigestUpdate(context.get(), &separator, 1);
    }
  }
  unsigned char hash[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(context.get(), hash, &length);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text;
  for (unsigned int i = 0; i < length; ++i) {
    text.push_back(kHex[hash[i] >> 4]);
    text.push_back(kHex[hash[i] & 0x0f]);
  }
  return text;
}

}  // namespace relay
