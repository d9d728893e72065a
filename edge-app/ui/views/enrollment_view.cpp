#include "ui/views/enrollment_view.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "ui/model/plain_words.h"
#include "ui/views/keyboard_focus.h"
#include "ui/views/shown_text.h"
#include "ui/views/stored_text_input.h"
#include "ui/views/widgets.h"

namespace relay::edge::ui {

void DrawEnrollmentView(AppModel& model, const Translations& tr) {
  EnrollmentViewModel& enrollment = model.enrollment();
  ImGui::TextUnformatted(tr("enrollment.title"));
  ImGui::Separator();
  if (const auto& enrolled = enrollment.enrollment()) {
    const std::string township = enrolled->township_id.empty()
                                     ? std::string(tr("enrollment.whole_banner"))
                                     : model.labels().Label("townships", enrolled->township_id, tr);
    OkText(tr.Format("enrollment.enrolled",
                     {{"role", tr("enrollment.role." + enrolled->role)}, {"township", township}}));
    ImGui::TextDisabled("%s", tr.Format("sync.server", {{"url", enrollment.server_url()}}).c_str());
    if (const auto& ca = enrollment.server_ca()) {
      model.glyphs().AddText(ca->subject);
      ImGui::TextDisabled("%s", Shown(tr.Format("enrollment.ca_set",
                                                {{"subject", ca->subject}, {"sha256", ca->sha256}}))
                                    .c_str());
    } else if (enrollment.server_url().rfind("https://", 0) == 0) {
      ImGui::TextDisabled("%s", tr("enrollment.ca_system"));
    }
    ImGui::Spacing();
    ImGui::TextWrapped("%s", tr("enrollment.again"));
  } else {
    ImGui::TextWrapped("%s", tr("enrollment.explain"));
  }
  ImGui::Spacing();
  ImGui::TextUnformatted(tr("enrollment.ca_file"));
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 30);
  StoredInputTextWithHint("##ca_file", "/media/usb/county-ca.crt", &enrollment.ca_path());
  TabStop();
  ImGui::TextUnformatted(tr("enrollment.code"));
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
  const bool entered = ImGui::InputTextWithHint(
      "##code", "K7QM3-XDPW9", &enrollment.code(),
      ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CharsUppercase);
  TabStop();
  ImGui::SameLine();
  ImGui::BeginDisabled(enrollment.busy() || enrollment.code().empty());
  if (ImGui::Button(Labeled(tr("enrollment.submit"), "enroll").c_str()) || entered) {
    enrollment.Submit();
  }
  TabStop();
  ImGui::EndDisabled();
  if (enrollment.busy()) ImGui::TextDisabled("%s", tr("enrollment.busy"));
  if (const auto& failure = enrollment.failure()) {
    const EnrollmentWords words = DescribeEnrollmentFailure(*failure, tr);
    ErrorText(words.problem);
    if (!words.server_words.empty()) {
      // The server's words may hold characters none of the UI's texts has.
      model.glyphs().AddText(words.server_words);
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextDisabled("%s", Shown(words.server_words).c_str());
      ImGui::PopTextWrapPos();
    }
  }
}

}  // namespace relay::edge::ui
