// Names with characters beyond U+FFFF typed, edited and pasted into the real form of a running
// (headless) relay-edge, then read back from the store and from what the laptop pushed.
#include "ui/views/stored_text_input.h"

#include <gtest/gtest.h>

#include "demo_store_test.h"
#include "imgui_scope.h"
#include "in_process_transport.h"
#include "relay/edge/sync_client.h"
#include "relay/text.h"
#include "sqlite_server_storage.h"
#include "ui/views/app.h"
#include "ui/views/mapped_clipboard.h"
#include "ui/views/shown_text.h"

namespace relay::edge::ui {
namespace {

// GLFW's key codes, which Dear ImGui's GLFW backend puts in io.KeyMap.
constexpr int kBackspace = 259;
constexpr int kLeft = 263;
constexpr int kEnd = 269;

// Passes requests on to the county and keeps the bodies pushed.
class RecordingTransport final : public HttpTransport {
 public:
  explicit RecordingTransport(HttpTransport& county) : county_(county) {}
  Result<HttpResponse> Send(const HttpRequest& request) override {
    if (request.method == "POST") pushed.push_back(request.body);
    return county_.Send(request);
  }
  std::vector<std::string> pushed;

 private:
  HttpTransport& county_;
};

// Whether value, or any string inside it, is exactly text.
bool HoldsString(const nlohmann::json& value, const std::string& text) {
  if (value.is_string()) return value.get_ref<const std::string&>() == text;
  if (value.is_structured()) {
    for (const auto& item : value) {
      if (HoldsString(item, text)) return true;
    }
  }
  return false;
}

class StoredTextInputTest : public testing::DemoStoreTest {
 protected:
  void SetUp() override {
    DemoStoreTest::SetUp();
    if (HasFatalFailure()) return;
    fonts_ = testing::OpenShippedFont();
    ASSERT_TRUE(fonts_);
    ImGuiIO& io = ImGui::GetIO();
    io.KeyMap[ImGuiKey_Backspace] = kBackspace;
    io.KeyMap[ImGuiKey_LeftArrow] = kLeft;
    io.KeyMap[ImGuiKey_End] = kEnd;
    io.KeyMap[ImGuiKey_A] = 'A';
    io.KeyMap[ImGuiKey_C] = 'C';
    io.KeyMap[ImGuiKey_V] = 'V';
    sync_ = std::make_unique<SyncWorker>(*store_, "http://127.0.0.1:9");
    model_ = std::make_unique<AppModel>(*store_, *sync_, clock_);
    FontLoader::AddBaseRanges(model_->glyphs());
    app_ = std::make_unique<App>(*model_, Load(Language::kZh), Load(Language::kEn), Language::kZh,
                                 Screen::kTransportNew);
    // The new transport's call time is filled, so the keyboard lands in the caller's name.
    model_->browser("transports").form().Field("call_received_at")->text = "2024-09-14 10:30";
    RunFrames(3);
  }

  Translations Load(Language language) {
    return Translations::Load(RELAY_ASSETS_DIR, language).value();
  }

  void RunFrames(int frames) {
    for (int i = 0; i < frames; ++i) {
      model_->Poll();
      ASSERT_TRUE(fonts_->Update(model_->glyphs()).ok());
      ImGui::NewFrame();
      app_->Draw();
      ImGui::Render();
    }
  }

  // Types text between two frames as GLFW's character callback hands it on in relay-edge.
  void Type(std::string_view text) {
    for (size_t pos = 0; pos < text.size();) {
      const auto code_point = NextCodePoint(text, &pos);
      ASSERT_TRUE(code_point);
      if (!HoldTypedCharacter(*code_point)) ImGui::GetIO().AddInputCharacter(*code_point);
    }
    RunFrames(1);
  }

  void Press(int key, bool ctrl = false) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = ctrl;
    io.KeysDown[key] = true;
    RunFrames(1);
    io.KeysDown[key] = false;
    io.KeyCtrl = false;
    RunFrames(1);
  }

  FormField& CallerName() { return *model_->browser("transports").form().Field("caller_name"); }

  std::unique_ptr<FontLoader> fonts_;
  testing::ImGuiScope imgui_;
  std::unique_ptr<SyncWorker> sync_;
  std::unique_ptr<AppModel> model_;
  std::unique_ptr<App> app_;
};

// What the fake system clipboard holds.
std::string clipboard;

TEST_F(StoredTextInputTest, TypedNamesKeepEveryCharacterInTheStoreAndOnTheWire) {
  // A common character before the rare ones reaches Dear ImGui itself; the order still holds.
  const std::string typed = "王𠮷田 𪚥😀";
  Type(typed);
  EXPECT_EQ(CallerName().text, typed);

  // Editing another character keeps them: the emoji goes, a common character comes.
  Press(kBackspace);
  Type("张");
  const std::string name = "王𠮷田 𪚥张";
  ASSERT_EQ(CallerName().text, name);
  Press(kLeft);
  Press(kLeft);
  Press(kBackspace);  // the space between the two rare characters
  const std::string edited = "王𠮷田𪚥张";
  ASSERT_EQ(CallerName().text, edited);
  EXPECT_TRUE(model_->glyphs().Contains(U'\U0002A6A5'));  // the font will draw it

  Press('S', /*ctrl=*/true);
  auto stored = store_->ListWhere("transports", "caller_name", edited);
  ASSERT_TRUE(stored.ok()) << stored.status().message();
  ASSERT_EQ(stored.value().size(), 1u);
  EXPECT_EQ(stored.value()[0]["caller_name"].get<std::string>(), edited);

  // Pushed to the county and pulled by another laptop, byte for byte.
  auto storage = server::SqliteServerStorage::Open(dir_.File("county.db"), clock_);
  ASSERT_TRUE(storage.ok()) << storage.status().message();
  server::SyncService service(*storage.value(), clock_, server::ServiceLimits{});
  testing::InProcessTransport county(service);
  RecordingTransport wire(county);
  auto pushed = SyncClient(*store_, wire).Run();
  ASSERT_TRUE(pushed.ok()) << pushed.status().message();
  bool on_wire = false;
  for (const std::string& body : wire.pushed) {
    on_wire = on_wire || HoldsString(nlohmann::json::parse(body, nullptr, false), edited);
  }
  EXPECT_TRUE(on_wire);
  auto other = LocalStore::Open(dir_.File("other.db"), clock_);
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE(SyncClient(*other.value(), county).Run().ok());
  auto pulled = other.value()->ListWhere("transports", "caller_name", edited);
  ASSERT_TRUE(pulled.ok());
  EXPECT_EQ(pulled.value().size(), 1u);
}

TEST_F(StoredTextInputTest, APasteKeepsEveryCharacterAndACopyLeavesWithThem) {
  ImGuiIO& io = ImGui::GetIO();
  io.GetClipboardTextFn = [](void*) { return clipboard.c_str(); };
  io.SetClipboardTextFn = [](void*, const char* text) { clipboard = text; };
  MapClipboard(io);
  const std::string name = "𠮷田 𪚥😀";
  clipboard = name;
  Press('V', /*ctrl=*/true);
  EXPECT_EQ(CallerName().text, name);

  clipboard.clear();
  Press('A', /*ctrl=*/true);
  Press('C', /*ctrl=*/true);
  EXPECT_EQ(clipboard, name);
}

// Dear ImGui takes common characters itself; a rare one, and what follows it before the next
// frame, wait for the focused stored text box.
TEST(HoldTypedCharacterTest, HoldsRareCharactersAndWhatFollowsThem) {
  testing::ImGuiScope imgui;
  EXPECT_FALSE(HoldTypedCharacter(U'王'));
  EXPECT_TRUE(HoldTypedCharacter(0x20BB7));
  EXPECT_TRUE(HoldTypedCharacter(U'田'));
  EXPECT_TRUE(HoldTypedCharacter(0xE000));  // Dear ImGui drops private use from the keyboard
  ImGui::GetIO().Fonts->Build();
  ImGui::NewFrame();  // nobody took them: the next frame starts afresh
  ImGui::EndFrame();
  EXPECT_FALSE(HoldTypedCharacter(U'田'));
  EXPECT_FALSE(HoldTypedCharacter(0xD800));  // not a character: Dear ImGui's to refuse
}

}  // namespace
}  // namespace relay::edge::ui
