// Keys reach Dear ImGui no faster than one change of each key per frame, in their order.
#include "ui/platform/paced_input.h"

#include <GLFW/glfw3.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace relay::edge::ui {
namespace {

KeyboardEvent Key(int key, int action) {
  return {false, key, 0, action, 0, 0};
}

KeyboardEvent Character(unsigned int code_point) {
  return {true, 0, 0, 0, 0, code_point};
}

// What ImGui is handed, frame by frame: "T+" a key down, "T-" up, "x" a character; the left
// Ctrl key shows as "Ctrl".
class PacedInputTest : public ::testing::Test {
 protected:
  PacedInput input_{[this](const KeyboardEvent& event) {
    if (event.is_character) {
      frames_.back() += static_cast<char>(event.code_point);
    } else {
      const std::string key = event.key == GLFW_KEY_LEFT_CONTROL
                                  ? "Ctrl"
                                  : std::string(1, static_cast<char>(event.key));
      frames_.back() += key + (event.action == GLFW_PRESS     ? "+"
                               : event.action == GLFW_RELEASE ? "-"
                                                              : "~");
    }
    frames_.back() += ' ';
  }};
  // The frame has read the keys; what waited is handed on before the next one reads them.
  void NextFrame() {
    input_.FrameStarted();
    frames_.emplace_back();
    input_.ReplayWaiting();
  }
  std::vector<std::string> frames_{""};
};

TEST_F(PacedInputTest, AKeyTappedBetweenTwoFramesIsDownForOneFrame) {
  input_.Add(Key('T', GLFW_PRESS));
  input_.Add(Key('T', GLFW_RELEASE));
  EXPECT_TRUE(input_.waiting());
  NextFrame();
  EXPECT_FALSE(input_.waiting());
  EXPECT_EQ(frames_, (std::vector<std::string>{"T+ ", "T- "}));
}

constexpr int kCtrl = GLFW_KEY_LEFT_CONTROL;

TEST_F(PacedInputTest, AShortcutKeepsItsModifierDownAndNothingOvertakesIt) {
  // Ctrl+T then "x", all typed by a tool before the next frame.
  for (const KeyboardEvent& event :
       {Key(kCtrl, GLFW_PRESS), Key('T', GLFW_PRESS), Key('T', GLFW_RELEASE),
        Key(kCtrl, GLFW_RELEASE), Key('X', GLFW_PRESS), Character('x'), Key('X', GLFW_RELEASE)}) {
    input_.Add(event);
  }
  NextFrame();
  NextFrame();
  EXPECT_EQ(frames_, (std::vector<std::string>{"Ctrl+ T+ ", "T- Ctrl- X+ x ", "X- "}));
}

TEST_F(PacedInputTest, CtrlLetGoRightAfterItsShortcutWaitsForTheShortcutsFrame) {
  // Ctrl went down in one frame; 4 and the letting go of both came before the next.
  input_.Add(Key(kCtrl, GLFW_PRESS));
  NextFrame();
  for (const KeyboardEvent& event :
       {Key('4', GLFW_PRESS), Key(kCtrl, GLFW_RELEASE), Key('4', GLFW_RELEASE)}) {
    input_.Add(event);
  }
  NextFrame();
  EXPECT_FALSE(input_.waiting());
  EXPECT_EQ(frames_, (std::vector<std::string>{"Ctrl+ ", "4+ ", "Ctrl- 4- "}));
}

TEST_F(PacedInputTest, CtrlPressedRightAfterAKeyWaitsSoTheKeyIsNoShortcut) {
  input_.Add(Key('A', GLFW_PRESS));
  input_.Add(Key(kCtrl, GLFW_PRESS));
  NextFrame();
  EXPECT_EQ(frames_, (std::vector<std::string>{"A+ ", "Ctrl+ "}));
}

TEST_F(PacedInputTest, KeysOfASlowTypistPassAtOnce) {
  input_.Add(Key('A', GLFW_PRESS));
  NextFrame();
  input_.Add(Key('A', GLFW_RELEASE));
  input_.Add(Character('a'));
  input_.Add(Key('A', GLFW_REPEAT));
  EXPECT_FALSE(input_.waiting());
  EXPECT_EQ(frames_, (std::vector<std::string>{"A+ ", "A- a A~ "}));
}

}  // namespace
}  // namespace relay::edge::ui
