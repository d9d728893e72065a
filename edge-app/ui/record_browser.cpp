#include "ui/record_browser.h"

namespace relay::edge::ui {
namespace {

bool IsArchived(const nlohmann::json& record) {
  const auto found = record.find(std::string(kArchivedField));
  if (found == record.end()) return false;
  return found->is_boolean() ? found->get<bool>() : (found->is_number() && *found != 0);
}

}  // namespace

RecordBrowser::RecordBrowser(LocalStore& store, const TableSpec& table, GlyphSet& glyphs)
    : store_(store), table_(table), glyphs_(glyphs), form_(table) {}

void RecordBrowser::Reload() {
  auto records = store_.List(table_.name, filter_);
  if (!records.ok()) {
    load_error_ = records.status().message();
    rows_.clear();
    return;
  }
  load_error_.clear();
  rows_.clear();
  for (auto& record : records.value()) {
    if (!show_archived_ && IsArchived(record)) continue;
    glyphs_.AddJson(record);
    rows_.push_back(std::move(record));
  }
}

void RecordBrowser::SetFilter(std::string filter) {
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
  auto record = store_.Get(table_.name, id);
  if (!record.ok()) {
    load_error_ = record.status().message();
    return;
  }
  glyphs_.AddJson(record.value());
  selected_id_ = id;
  form_.StartEdit(record.value());
}

void RecordBrowser::StartNew() {
  selected_id_.clear();
  form_.StartNew();
}

void RecordBrowser::CloseForm() {
  selected_id_.clear();
  form_.Close();
}

bool RecordBrowser::Save() {
  PutError errors;
  auto id = store_.Put(table_.name, form_.Changes(), &errors);
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
