#include "ui/model/shortcuts.h"

#include <gtest/gtest.h>

#include "ui/model/options.h"
#include "ui/model/translations.h"

namespace relay::edge::ui {
namespace {

TEST(ShortcutsTest, EveryKeyIsExplainedInBothLanguages) {
  for (Language language : {Language::kZh, Language::kEn}) {
    const Translations tr = Translations::Load(RELAY_ASSETS_DIR, language).value();
    for (const Shortcut& shortcut : kShortcuts) {
      EXPECT_TRUE(tr.Has(shortcut.action)) << shortcut.action;
    }
    EXPECT_TRUE(tr.Has("help.screen"));
    EXPECT_TRUE(tr.Has("help.title"));
  }
}

TEST(ShortcutsTest, ScreensAreCtrlWithTheirNumberInTheNavigation) {
  EXPECT_EQ(ScreenShortcut(0), "Ctrl+1");
  EXPECT_EQ(ScreenShortcut(8), "Ctrl+9");
  // The tenth is Ctrl+0, the digit right of 9 on the keyboard.
  EXPECT_EQ(ScreenShortcut(9), "Ctrl+0");
  EXPECT_EQ(ScreenDigit(9), '0');
  // The eleventh, Planning (规划), is Ctrl+P: no digit is left.
  EXPECT_EQ(ScreenShortcut(10), "Ctrl+P");
  EXPECT_LE(kNavigationScreens.size(), 11u);
}

}  // namespace
}  // namespace relay::edge::ui
