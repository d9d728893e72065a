#pragma once

#include "ui/model/translations.h"

namespace relay::edge::ui {

// The question "放弃修改？" before a form with changes is thrown away: a modal with
// "keep editing" (the default, also Escape) and "discard". Call AskToDiscard where the close
// was asked for and DrawDiscardQuestion every frame in the same ImGui id scope.
void AskToDiscard();
// Draws the question while it is open; true in the frame the user chose to discard.
bool DrawDiscardQuestion(const Translations& tr);

}  // namespace relay::edge::ui
