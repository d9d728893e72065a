#pragma once

#include "ui/model/app_model.h"
#include "ui/model/record_browser.h"
#include "ui/model/translations.h"

namespace relay::edge::ui {

// How a list is drawn: its height (0 fills the space), whether records can be added, and
// whether another form of the screen (a transport's handoff) holds changes, which a click on
// another row would throw away.
struct ListLayout {
  float height = 0;
  bool read_only = false;
  bool locked = false;
};

// Draws a table's title, filter and Add button and its rows (ImGuiListClipper, so long
// tables stay smooth) with the columns of ListColumns; a click selects a row into the form.
// While the form holds unsaved changes the rows wait, so an edit is never dropped.
void DrawRecordList(AppModel& model, RecordBrowser& browser, const ListLayout& layout,
                    const Translations& tr);

// Draws the records of table whose field points at parent_id (a team's members, a training's
// participants) in a table of the given height, with an Add button that starts a new one
// already pointing at the parent. True when a record was opened in the table's form.
bool DrawChildRecords(AppModel& model, const std::string& table, const std::string& field,
                      const std::string& parent_id, bool locked, float height,
                      const Translations& tr);

// The filter box above a list; what is typed applies once typing pauses.
void DrawFilterBox(RecordBrowser& browser, int64_t now_ms, const char* hint);

// Draws the form of a browser with its Save and Close, saving through the model.
void DrawFormPanel(AppModel& model, RecordBrowser& browser, const Translations& tr);

// The width of the list child beside the form panel: what the form leaves of the space when a
// form is open, or 0 (fill the space) when none is; call it before the list's BeginChild.
float ListPanelWidth(bool form_open);

// Draws browser's form in a bordered panel on the list's line when its form is open; call it
// after the list's EndChild.
void DrawFormBeside(AppModel& model, RecordBrowser& browser, const Translations& tr);

// A list on the left and the selected or new record's form on the right.
void DrawTableScreen(AppModel& model, const std::string& table, const Translations& tr);

}  // namespace relay::edge::ui
