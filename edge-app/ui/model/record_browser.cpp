#include "ui/model/record_browser.h"

#include <algorithm>

#include "relay/edge/event_correction.h"

namespace relay::edge::ui {
namespace {

// Rows read at once: a few screens' worth, so scrolling reads the store only now and then.
constexpr int64_t kPageRows = 256;
// A filtered list reads its matches by id, one record at a time: smaller pages spread that
// work over more frames, so no frame of scrolling takes long.
constexpr int64_t kMatchPageRows = 64;

}  // namespace

RecordBrowser::RecordBrowser(LocalStore& store, const TableSpec& table, GlyphSet& glyphs)
    : store_(store), table_(table), glyphs_(glyphs), form_(table) {}

RecordQuery RecordBrowser::Query() const {
  RecordQuery query;
  query.contains = filter_;
  query.include_archived = show_archived_;
  return query;
}

void RecordBrowser::Reload() {
  page_.clear();
  match_ids_.clear();
  if (!filter_.empty()) {
    // A text match scans the whole table: done once here, so that scrolling reads each page
    // by id instead of scanning again.
    auto ids = store_.ListIds(table_.name, Query());
    if (!ids.ok()) {
      load_error_ = ids.status().message();
      count_ = 0;
      return;
    }
    load_error_.clear();
    match_ids_ = std::move(ids).value();
    count_ = static_cast<int64_t>(match_ids_.size());
    Row(0);
    return;
  }
  auto count = store_.Count(table_.name, Query());
  if (!count.ok()) {
    load_error_ = count.status().message();
    count_ = 0;
    return;
  }
  load_error_.clear();
  count_ = count.value();
  Row(0);  // the first page is what the list shows first
}

const nlohmann::json* RecordBrowser::Row(int64_t index) {
  if (index < 0 || index >= count_) return nullptr;
  const bool loaded =
      index >= page_start_ && index < page_start_ + static_cast<int64_t>(page_.size());
  if (!loaded) {
    // Start a quarter page above, so scrolling back up a little needs no new read.
    const int64_t rows = filter_.empty() ? kPageRows : kMatchPageRows;
    const int64_t start = std::max<int64_t>(0, index - rows / 4);
    auto records = ReadPage(start);
    if (!records.ok()) {
      load_error_ = records.status().message();
      page_.clear();
      return nullptr;
    }
    page_start_ = start;
    page_ = std::move(records).value();
    for (const auto& record : page_)
      glyphs_.AddJson(record);
  }
  const int64_t offset = index - page_start_;
  // The data may have shrunk since the count (a sync between frames): no row, not a crash.
  return offset < static_cast<int64_t>(page_.size()) ? &page_[static_cast<size_t>(offset)]
                                                     : nullptr;
}

Result<std::vector<nlohmann::json>> RecordBrowser::ReadPage(int64_t start) {
  if (filter_.empty()) {
    RecordQuery query = Query();
    query.offset = start;
    query.limit = kPageRows;
    return store_.List(table_.name, query);
  }
  std::vector<nlohmann::json> records;
  const auto end =
      std::min<int64_t>(start + kMatchPageRows, static_cast<int64_t>(match_ids_.size()));
  for (int64_t i = start; i < end; ++i) {
    auto record = store_.Get(table_.name, match_ids_[static_cast<size_t>(i)]);
    if (!record.ok()) return record.status();
    records.push_back(std::move(record).value());
  }
  return records;
}

void RecordBrowser::TypeFilter(std::string text, int64_t now_ms) {
  glyphs_.AddText(text);
  typed_filter_ = std::move(text);
  typed_at_ms_ = now_ms;
}

void RecordBrowser::ApplyTypedFilter(int64_t now_ms) {
  if (typed_filter_ != filter_ && now_ms - typed_at_ms_ >= kFilterPauseMs) SetFilter(typed_filter_);
}

std::optional<int64_t> RecordBrowser::FilterDueMs() const {
  if (typed_filter_ == filter_) return std::nullopt;
  return typed_at_ms_ + kFilterPauseMs;
}

void RecordBrowser::SetFilter(std::string filter) {
  typed_filter_ = filter;
  if (filter == filter_) return;
  filter_ = std::move(filter);
  glyphs_.AddText(filter_);
  Reload();
}

void RecordBrowser::SetShowArchived(bool show) {
  if (show == show_archived_) return;
  show_archived_ = show;
  Reload();
}

void RecordBrowser::Select(const std::string& id) {
  auto read = store_.Read(table_.name, id);
  if (!read.ok()) {
    load_error_ = read.status().message();
    return;
  }
  auto corrections = store_.ListWhere("corrections", "record_id", id);
  if (!corrections.ok()) {
    load_error_ = corrections.status().message();
    return;
  }
  glyphs_.AddJson(read.value().record);
  selected_id_ = id;
  form_.StartEdit(read.value().record, std::move(read.value().seen));
  for (const auto& correction : corrections.value())
    glyphs_.AddText(correction.value("reason", ""));
  form_.SetCorrections(std::move(corrections).value());
}

void RecordBrowser::StartNew() {
  selected_id_.clear();
  form_.StartNew();
}

void RecordBrowser::CloseForm() {
  selected_id_.clear();
  form_.Close();
}

bool RecordBrowser::Save(int64_t now_ms, const std::string& person) {
  form_.ReadTypedTimes(now_ms);
  if (!form_.ConfirmFutureTimes(now_ms)) return false;
  PutError errors;
  auto id =
      PutCorrecting(store_, form_.Edit(person, now_ms), form_.correction_reason(), now_ms, &errors);
  if (!id.ok()) {
    form_.ShowRefusal(id.status(), errors);
    return false;
  }
  Reload();
  Select(id.value());
  form_.MarkSaved();
  return true;
}

}  // namespace relay::edge::ui
