#pragma once

#include <string>

#include <imgui.h>

namespace relay::edge::ui {

// Dear ImGui's text boxes over stored text: the box edits the text as SessionTextMap() shows
// it and *stored receives it mapped back, so characters beyond U+FFFF survive every edit. Same
// arguments and result as ImGui::InputText and its siblings (imgui_stdlib), callbacks included.
bool StoredInputText(const char* label, std::string* stored, ImGuiInputTextFlags flags = 0,
                     ImGuiInputTextCallback callback = nullptr, void* user_data = nullptr);
bool StoredInputTextWithHint(const char* label, const char* hint, std::string* stored,
                             ImGuiInputTextFlags flags = 0,
                             ImGuiInputTextCallback callback = nullptr, void* user_data = nullptr);
bool StoredInputTextMultiline(const char* label, std::string* stored,
                              const ImVec2& size = ImVec2(0, 0), ImGuiInputTextFlags flags = 0,
                              ImGuiInputTextCallback callback = nullptr, void* user_data = nullptr);

// Takes a character typed between frames that Dear ImGui's keyboard input would lose (beyond
// U+FFFF, or in the Private Use Area, which Dear ImGui drops from the keyboard), and every
// character typed after it before the next frame, so their order holds; the focused stored
// text box inserts them in the next frame. False when the caller must pass code_point on to
// Dear ImGui itself (io.AddInputCharacter).
bool HoldTypedCharacter(unsigned int code_point);

}  // namespace relay::edge::ui
