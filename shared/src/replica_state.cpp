#include "relay/replica_state.h"

#include <openssl/evp.h>

#include <algorithm>
#include <set>

#include "relay/record_stamps.h"
#include "relay/schema.h"
#include "relay/validation.h"

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

// Whether a filter could be part of a time as shown ("05-01 10:2", "10:20"): digits and the
// marks between them only, so names are never compared with every time of a big table.
bool LooksLikeTime(const std::string& text) {
  bool digit = false;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (c != '-' && c != ':' && c != ' ') {
      return false;
    }
  }
  return digit;
}

// The text a person reads for a field, matched against the LIKE pattern ?1: the text itself,
// a time as Beijing time to the minute ("2024-05-01 10:20"), a reference as the searchable
// text of the record it points to. Empty when the field shows nothing a person would type.
std::string MatchTerm(const FieldSpec& field, bool time_like) {
  if (field.type != FieldType::kText) return "";
  if (field.text_rule == TextRule::kTime) {
    if (!time_like) return "";
    const std::string shift = std::to_string(kBannerUtcOffsetMinutes) + " minutes";
    return "strftime('%Y-%m-%d %H:%M', " + field.name + ", '" + shift + "') LIKE ?1 ESCAPE '\\'";
  }
  if (field.text_rule != TextRule::kReference) return field.name + " LIKE ?1 ESCAPE '\\'";
  const TableSpec* target = FindTable(field.references);
  if (!target) return "";
  // The names, plates and phones of the record pointed to: indexed, so the subquery is small.
  std::string names;
  for (const auto& other : target->fields) {
    if (!other.indexed || other.type != FieldType::kText || other.text_rule == TextRule::kTime ||
        other.text_rule == TextRule::kReference) {
      continue;
    }
    names += (names.empty() ? "" : " OR ") + other.name + " LIKE ?1 ESCAPE '\\'";
  }
  if (names.empty()) return "";
  return field.name + " IN (SELECT id FROM " + target->name + " WHERE " + names + ")";
}

// Any of the table's own fields read as a person reads them matches ?1; empty when none can.
std::string AnyFieldMatches(const TableSpec& table, bool time_like, const std::string& skipped) {
  std::string any;
  for (const auto& field : table.fields) {
    // A merged duplicate is not found by the name of the record it was merged into.
    if (field.references == table.name || field.name == skipped) continue;
    const std::string term = MatchTerm(field, time_like);
    if (!term.empty()) any += (any.empty() ? "" : " OR ") + term;
  }
  return any;
}

// The records of whole_table with a part (a transport's leg or handoff) whose text matches ?1.
std::string PartsMatch(const std::string& whole_table, bool time_like) {
  std::string terms;
  for (const auto& part : SchemaTables()) {
    for (const auto& link : part.fields) {
      if (!link.part_of || link.references != whole_table) continue;
      const std::string any = AnyFieldMatches(part, time_like, link.name);
      if (any.empty()) continue;
      terms += (terms.empty() ? "" : " OR ") + std::string("id IN (SELECT ") + link.name +
               " FROM " + part.name + " WHERE coalesce(" + std::string(kArchivedField) +
               ", 0) = 0 AND (" + any + "))";
    }
  }
  return terms;
}

// The WHERE clause of a query, its parameters ?1 (the LIKE pattern) and ?2 (the exact value).
Result<std::string> WhereClause(const TableSpec& table, const RecordQuery& query) {
  std::vector<std::string> terms;
  if (!query.contains.empty()) {
    const bool time_like = LooksLikeTime(query.contains);
    std::string any = AnyFieldMatches(table, time_like, "");
    if (const std::string parts = PartsMatch(table.name, time_like); !parts.empty()) {
      any += (any.empty() ? "" : " OR ") + parts;
    }
    terms.push_back(any.empty() ? "0" : "(" + any + ")");  // nothing to search: no match
  }
  if (!query.where_field.empty()) {
    if (!table.Field(query.where_field)) {
      return Status::Error("unknown field: " + table.name + "." + query.where_field);
    }
    terms.push_back(query.where_field + " = ?2");
  }
  if (!query.include_archived) {
    terms.push_back("coalesce(" + std::string(kArchivedField) + ", 0) = 0");
  }
  std::string clause;
  for (const auto& term : terms)
    clause += (clause.empty() ? " WHERE " : " AND ") + term;
  return clause;
}

// " ORDER BY" the table's list order. A text match is found by a scan: scanned puts "+" before
// the field so SQLite scans the table and sorts the matches, rather than walk the order index
// and read every row at random.
std::string ListOrder(const TableSpec& table, bool scanned) {
  const std::string direction = table.order_descending ? " DESC" : "";
  return " ORDER BY " + std::string(scanned ? "+" : "") + table.order_field + direction + ", id" +
         direction;
}

void BindQuery(sql::Statement& statement, const RecordQuery& query) {
  std::string pattern = "%";
  for (char c : query.contains) {
    if (c == '%' || c == '_' || c == '\\') pattern.push_back('\\');
    pattern.push_back(c);
  }
  pattern.push_back('%');
  statement.Bind(1, pattern).Bind(2, query.where_value);
}

}  // namespace

Status ReplicaState::EnsureSchema() {
  const std::string stamps_column(kStampsColumn);
  for (const auto& table : SchemaTables()) {
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
    Status status = Status::Ok();
    if (existing.empty()) {
      // A new table gets every column at once: one schema change instead of one per field.
      std::string columns = "id TEXT PRIMARY KEY";
      for (const auto& field : table.fields) {
        columns += ", " + field.name + " " + ColumnType(field.type);
        existing.insert(field.name);
      }
      status = db_.Execute("CREATE TABLE " + table.name + " (" + columns + ", " + stamps_column +
                           " BLOB)");
      if (!status.ok()) return status;
      existing.insert(stamps_column);
    }
    if (!existing.count(stamps_column)) {
      status = db_.Execute("ALTER TABLE " + table.name + " ADD COLUMN " + stamps_column + " BLOB");
      if (!status.ok()) return status;
    }
    for (const auto& field : table.fields) {
      if (!existing.count(field.name)) {
        status = db_.Execute("ALTER TABLE " + table.name + " ADD COLUMN " + field.name + " " +
                             ColumnType(field.type));
        if (!status.ok()) return status;
      }
      if (!field.indexed) continue;
      // Records are only ever looked up by a value they hold, so a record without one costs
      // its index nothing; the field a table's list leads with is found by the order index.
      // (Databases from before kept a whole index of every field under the shorter name.)
      status = db_.Execute("DROP INDEX IF EXISTS " + table.name + "_" + field.name);
      if (status.ok() && field.name != table.order_field) {
        status =
            db_.Execute("CREATE INDEX IF NOT EXISTS " + table.name + "_" + field.name + "_set ON " +
                        table.name + " (" + field.name + ") WHERE " + field.name + " IS NOT NULL");
      }
      if (!status.ok()) return status;
    }
    // Covers a page's ids and the archived test, so paging deep reads only the index.
    status = db_.Execute("CREATE INDEX IF NOT EXISTS " + table.name + "_order ON " + table.name +
                         " (" + table.order_field + ", id, " + std::string(kArchivedField) + ")");
    if (!status.ok()) return status;
  }
  return MoveFieldStateToRecords();
}

Status ReplicaState::MoveFieldStateToRecords() {
  // Every read ends before the table is dropped: SQLite drops none while a statement runs.
  {
    auto exists = db_.Prepare("SELECT 1 FROM sqlite_master WHERE name = 'field_state'");
    if (!exists.ok()) return exists.status();
    auto found = exists.value().Step();
    if (!found.ok()) return found.status();
    if (!found.value()) return Status::Ok();
  }
  {
    auto rows = db_.Prepare("SELECT tbl, rid, field, hlc, device FROM field_state");  // key order
    if (!rows.ok()) return rows.status();
    std::string table, record_id;
    RecordStamps stamps;
    auto flush = [&]() -> Status {
      if (stamps.empty() || !FindTable(table)) return Status::Ok();
      auto update =
          db_.Prepare("UPDATE " + table + " SET " + std::string(kStampsColumn) + "=? WHERE id=?");
      if (!update.ok()) return update.status();
      return update.value().BindBlob(1, stamps.Encode()).Bind(2, record_id).Run();
    };
    for (;;) {
      auto row = rows.value().Step();
      if (!row.ok()) return row.status();
      if (!row.value()) break;
      const sql::Statement& field = rows.value();
      if (field.Text(0) != table || field.Text(1) != record_id) {
        if (Status status = flush(); !status.ok()) return status;
        table = field.Text(0);
        record_id = field.Text(1);
        stamps = RecordStamps();
      }
      stamps.Set(field.Text(2), {HlcTimestamp::FromPacked(field.Int(3)), field.Text(4)});
    }
    if (Status status = flush(); !status.ok()) return status;
  }
  return db_.Execute("DROP TABLE field_state");
}

Result<std::optional<RecordStamps>> ReplicaState::ReadStamps(const TableSpec& table,
                                                             const std::string& record_id) {
  auto query = db_.Prepare("SELECT " + std::string(kStampsColumn) + " FROM " + table.name +
                           " WHERE id=? AND " + std::string(kStampsColumn) + " IS NOT NULL");
  if (!query.ok()) return query.status();
  query.value().Bind(1, record_id);
  auto row = query.value().Step();
  if (!row.ok()) return row.status();
  if (!row.value()) return std::optional<RecordStamps>();
  auto stamps = RecordStamps::Decode(query.value().Bytes(0));
  if (!stamps.ok()) return stamps.status();
  return std::optional<RecordStamps>(std::move(stamps).value());
}

Result<std::optional<FieldStamp>> ReplicaState::StampOf(const std::string& table,
                                                        const std::string& record_id,
                                                        const std::string& field) {
  auto spec = Lookup(table);
  if (!spec.ok()) return spec.status();
  auto stamps = ReadStamps(*spec.value(), record_id);
  if (!stamps.ok()) return stamps.status();
  const FieldStamp* stamp = stamps.value() ? stamps.value()->Find(field) : nullptr;
  return stamp ? std::optional<FieldStamp>(*stamp) : std::nullopt;
}

Result<std::map<std::string, FieldStamp>> ReplicaState::StampsOf(const std::string& table,
                                                                 const std::string& record_id) {
  auto spec = Lookup(table);
  if (!spec.ok()) return spec.status();
  auto stamps = ReadStamps(*spec.value(), record_id);
  if (!stamps.ok()) return stamps.status();
  std::map<std::string, FieldStamp> by_field;
  if (stamps.value()) {
    for (const auto& entry : stamps.value()->entries())
      by_field.emplace(entry.field, entry.stamp);
  }
  return by_field;
}

Result<bool> ReplicaState::Exists(const std::string& table, const std::string& record_id) {
  auto spec = Lookup(table);
  if (!spec.ok()) return spec.status();
  auto stamps = ReadStamps(*spec.value(), record_id);
  if (!stamps.ok()) return stamps.status();
  return stamps.value().has_value();
}

Result<bool> ReplicaState::Apply(const Change& change, std::optional<ConcurrentWrite>* concurrent) {
  if (!concurrent) {
    auto won = ApplyToRecord({&change}, nullptr);
    if (!won.ok()) return won.status();
    return won.value() == 1;
  }
  auto outcomes = ApplyToOneRecord({&change});
  if (!outcomes.ok()) return outcomes.status();
  *concurrent = std::move(outcomes.value().front().concurrent);
  return outcomes.value().front().won;
}

Result<std::vector<ApplyOutcome>> ReplicaState::ApplyToOneRecord(
    const std::vector<const Change*>& changes) {
  std::vector<ApplyOutcome> outcomes;
  auto won = ApplyToRecord(changes, &outcomes);
  if (!won.ok()) return won.status();
  return outcomes;
}

Result<int64_t> ReplicaState::ApplyAll(const std::vector<const Change*>& changes) {
  int64_t won = 0;
  std::vector<const Change*> run;
  for (size_t begin = 0; begin < changes.size();) {
    const Change& first = *changes[begin];
    run.clear();
    size_t end = begin;
    for (; end < changes.size() && changes[end]->record_id == first.record_id &&
           changes[end]->table == first.table;
         ++end) {
      run.push_back(changes[end]);
    }
    auto applied = ApplyToRecord(run, nullptr);
    if (!applied.ok()) return applied.status();
    won += applied.value();
    begin = end;
  }
  return won;
}

Result<int64_t> ReplicaState::ApplyToRecord(const std::vector<const Change*>& changes,
                                            std::vector<ApplyOutcome>* outcomes) {
  const bool read_values = outcomes != nullptr;  // to tell concurrent writes apart
  const Change& first = *changes.front();
  auto spec = Lookup(first.table);
  if (!spec.ok()) return spec.status();
  const TableSpec& table = *spec.value();
  const std::string& record_id = first.record_id;
  std::vector<size_t> field_of;  // each change's field's index in the table
  field_of.reserve(changes.size());
  for (const Change* change : changes) {
    const FieldSpec* field = table.Field(change->field);
    if (!field) return Status::Error("unknown field: " + change->table + "." + change->field);
    field_of.push_back(static_cast<size_t>(field - table.fields.data()));
  }
  // The record as it is: its stamps and, to tell concurrent writes apart, its values.
  RecordStamps stamps;
  nlohmann::json current = nlohmann::json::object();
  auto query = db_.Prepare(statements_.ReadStamps(table, read_values));
  if (!query.ok()) return query.status();
  query.value().Bind(1, record_id);
  auto row = query.value().Step();
  if (!row.ok()) return row.status();
  if (row.value() && !query.value().IsNull(0)) {
    auto decoded = RecordStamps::Decode(query.value().Bytes(0));
    if (!decoded.ok()) return decoded.status();
    stamps = std::move(decoded).value();
    if (read_values) {
      for (size_t i = 0; i < table.fields.size(); ++i)
        current[table.fields[i].name] =
            ReadValue(query.value(), static_cast<int>(i + 2), table.fields[i]);
    }
  }
  query.value().Reset();

  // The winning value of each field of the table, in its order, for one write.
  std::vector<const nlohmann::json*> winners(table.fields.size(), nullptr);
  int64_t won = 0;
  for (size_t k = 0; k < changes.size(); ++k) {
    const Change* change = changes[k];
    const FieldStamp* now = stamps.Find(change->field);
    const bool wins = !now || Supersedes(change->stamp(), *now);
    if (outcomes) {
      outcomes->push_back(ApplyOutcome{wins, std::nullopt});
      const nlohmann::json& now_value = current[change->field];
      // A device always sees its own writes; equal values need no one's decision.
      if (now && now->device != change->device && now_value != change->value &&
          (!wins || change->seen < now->hlc)) {
        ConcurrentWrite write{change->table, record_id,     change->field,  now_value,
                              *now,          change->value, change->stamp()};
        if (wins) {
          std::swap(write.kept_value, write.lost_value);
          std::swap(write.kept, write.lost);
        }
        outcomes->back().concurrent = std::move(write);
      }
    }
    if (!wins) continue;
    ++won;
    stamps.Set(change->field, change->stamp());
    winners[field_of[k]] = &change->value;
    if (read_values) current[change->field] = change->value;
  }
  if (won == 0) return won;
  if (cached_records_) cached_records_->erase({table.name, record_id});

  std::vector<size_t> written;  // indexes of the fields whose values this write sets
  for (size_t i = 0; i < winners.size(); ++i) {
    if (winners[i]) written.push_back(i);
  }
  auto upsert = db_.Prepare(statements_.Upsert(table, written));
  if (!upsert.ok()) return upsert.status();
  upsert.value().Bind(1, record_id);
  int index = 2;
  for (const size_t i : written)
    BindValue(upsert.value(), index++, table.fields[i], *winners[i]);
  upsert.value().BindBlob(index, stamps.Encode());
  if (Status status = upsert.value().Run(); !status.ok()) return status;
  return won;
}

Result<std::optional<nlohmann::json>> ReplicaState::Record(const std::string& table,
                                                           const std::string& record_id) {
  if (cached_records_) {
    const auto cached = cached_records_->find({table, record_id});
    if (cached != cached_records_->end()) return cached->second;
  }
  auto spec = Lookup(table);
  if (!spec.ok()) return spec.status();
  auto query =
      db_.Prepare("SELECT " + SelectColumns(*spec.value()) + " FROM " + table + " WHERE id=?");
  if (!query.ok()) return query.status();
  query.value().Bind(1, record_id);
  auto row = query.value().Step();
  if (!row.ok()) return row.status();
  std::optional<nlohmann::json> record;
  if (row.value()) record = ReadRecord(query.value(), *spec.value());
  if (cached_records_) cached_records_->emplace(std::make_pair(table, record_id), record);
  return record;
}

Result<std::vector<nlohmann::json>> ReplicaState::Records(const std::string& table,
                                                          const RecordQuery& query) {
  auto spec = Lookup(table);
  if (!spec.ok()) return spec.status();
  auto where = WhereClause(*spec.value(), query);
  if (!where.ok()) return where.status();
  const TableSpec& order = *spec.value();
  std::string sql;
  if (query.contains.empty()) {
    // The page's ids come from the covering order index alone, so a page deep in the list
    // skips index entries instead of whole rows.
    const std::string order_by = ListOrder(order, /*scanned=*/false);
    sql = "SELECT " + SelectColumns(order) + " FROM " + table + " WHERE id IN (SELECT id FROM " +
          table + where.value() + order_by + " LIMIT ?3 OFFSET ?4)" + order_by;
  } else {
    sql = "SELECT " + SelectColumns(order) + " FROM " + table + where.value() +
          ListOrder(order, /*scanned=*/true) + " LIMIT ?3 OFFSET ?4";
  }
  auto statement = db_.Prepare(sql);
  if (!statement.ok()) return statement.status();
  BindQuery(statement.value(), query);
  statement.value().Bind(3, query.limit).Bind(4, query.offset);
  std::vector<nlohmann::json> records;
  for (;;) {
    auto row = statement.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    records.push_back(ReadRecord(statement.value(), order));
  }
  return records;
}

Result<std::vector<std::string>> ReplicaState::RecordIds(const std::string& table,
                                                         const RecordQuery& query) {
  auto spec = Lookup(table);
  if (!spec.ok()) return spec.status();
  auto where = WhereClause(*spec.value(), query);
  if (!where.ok()) return where.status();
  auto statement =
      db_.Prepare("SELECT id FROM " + table + where.value() +
                  ListOrder(*spec.value(), !query.contains.empty()) + " LIMIT ?3 OFFSET ?4");
  if (!statement.ok()) return statement.status();
  BindQuery(statement.value(), query);
  statement.value().Bind(3, query.limit).Bind(4, query.offset);
  std::vector<std::string> ids;
  for (;;) {
    auto row = statement.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    ids.push_back(statement.value().Text(0));
  }
  return ids;
}

Result<int64_t> ReplicaState::Count(const std::string& table, const RecordQuery& query) {
  auto spec = Lookup(table);
  if (!spec.ok()) return spec.status();
  auto where = WhereClause(*spec.value(), query);
  if (!where.ok()) return where.status();
  auto statement = db_.Prepare("SELECT count(*) FROM " + table + where.value());
  if (!statement.ok()) return statement.status();
  BindQuery(statement.value(), query);
  auto row = statement.value().Step();
  if (!row.ok()) return row.status();
  return statement.value().Int(0);
}

std::optional<nlohmann::json> ReplicaLookup::Find(const std::string& table, const std::string& id) {
  auto record = state_.Record(table, id);
  return record.ok() ? record.value() : std::nullopt;
}

std::vector<nlohmann::json> ReplicaLookup::FindWhere(const std::string& table,
                                                     const std::string& field,
                                                     const std::string& value) {
  RecordQuery query;
  query.where_field = field;
  query.where_value = value;
  auto records = state_.Records(table, query);
  return records.ok() ? std::move(records).value() : std::vector<nlohmann::json>();
}

Result<HlcTimestamp> ReplicaState::LatestStamp() {
  int64_t latest = 0;
  for (const auto& table : SchemaTables()) {
    auto query = db_.Prepare("SELECT " + std::string(kStampsColumn) + " FROM " + table.name +
                             " WHERE " + std::string(kStampsColumn) + " IS NOT NULL");
    if (!query.ok()) return query.status();
    for (;;) {
      auto row = query.value().Step();
      if (!row.ok()) return row.status();
      if (!row.value()) break;
      auto stamps = RecordStamps::Decode(query.value().Bytes(0));
      if (!stamps.ok()) return stamps.status();
      for (const auto& entry : stamps.value().entries())
        latest = std::max(latest, entry.stamp.hlc.Packed());
    }
  }
  return HlcTimestamp::FromPacked(latest);
}

Result<std::string> ReplicaState::Digest() {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                  EVP_MD_CTX_free);
  EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr);
  // Each field ever set, in (table, record, field) byte order, as table, record, field and
  // its value's JSON text (data-model.md §5).
  std::vector<const TableSpec*> tables;
  for (const auto& table : SchemaTables())
    tables.push_back(&table);
  std::sort(tables.begin(), tables.end(),
            [](const TableSpec* a, const TableSpec* b) { return a->name < b->name; });
  for (const TableSpec* table : tables) {
    auto query = db_.Prepare("SELECT " + SelectColumns(*table) + ", " + std::string(kStampsColumn) +
                             " FROM " + table->name + " WHERE " + std::string(kStampsColumn) +
                             " IS NOT NULL ORDER BY id");
    if (!query.ok()) return query.status();
    const int stamps_column = static_cast<int>(table->fields.size()) + 1;
    for (;;) {
      auto row = query.value().Step();
      if (!row.ok()) return row.status();
      if (!row.value()) break;
      auto stamps = RecordStamps::Decode(query.value().Bytes(stamps_column));
      if (!stamps.ok()) return stamps.status();
      const std::string record_id = query.value().Text(0);
      for (const auto& entry : stamps.value().entries()) {
        const FieldSpec* field = table->Field(entry.field);
        if (!field) continue;
        const auto column = static_cast<int>(field - table->fields.data()) + 1;
        const std::string value = ReadValue(query.value(), column, *field).dump();
        for (const std::string* part : {&table->name, &record_id, &entry.field, &value}) {
          const char separator = part == &value ? '\n' : '\x1f';
          EVP_DigestUpdate(context.get(), part->data(), part->size());
          EVP_DigestUpdate(context.get(), &separator, 1);
        }
      }
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
