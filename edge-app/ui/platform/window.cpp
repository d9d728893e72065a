#include "ui/platform/window.h"

#include <cstdio>
#include <cstring>

#define GL_GLEXT_PROTOTYPES
#define GLFW_INCLUDE_GLEXT
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <imgui_internal.h>

#include "ui/platform/paced_input.h"
#include "ui/views/mapped_clipboard.h"
#include "ui/views/stored_text_input.h"

namespace relay::edge::ui {
namespace {

// GLFW reports failures through a callback; keep the last one to explain a failed Open.
std::string& LastGlfwError() {
  static std::string error;
  return error;
}

void RememberGlfwError(int /*code*/, const char* description) {
  LastGlfwError() = description;
}

const ImVec4 kBackground(0.94f, 0.94f, 0.94f, 1.0f);

// Dear ImGui's GLFW backend's character callback, which the one below chains to.
GLFWcharfun& ImGuiCharCallback() {
  static GLFWcharfun callback = nullptr;
  return callback;
}

// A typed character Dear ImGui would lose goes to the focused stored text box instead.
void TypeCharacter(GLFWwindow* window, unsigned int code_point) {
  if (!HoldTypedCharacter(code_point) && ImGuiCharCallback()) {
    ImGuiCharCallback()(window, code_point);
  }
}

// Dear ImGui's GLFW backend's key callback, which keys reach through the pacing below.
GLFWkeyfun& ImGuiKeyCallback() {
  static GLFWkeyfun callback = nullptr;
  return callback;
}

// The one window's keyboard, paced to the frames (PacedInput); GLFW's callbacks are plain
// functions, and they run on the thread that draws, whose context is the window's.
PacedInput& Keyboard() {
  static PacedInput keyboard([](const KeyboardEvent& event) {
    GLFWwindow* window = glfwGetCurrentContext();
    if (event.is_character) {
      TypeCharacter(window, event.code_point);
    } else if (ImGuiKeyCallback()) {
      ImGuiKeyCallback()(window, event.key, event.scancode, event.action, event.mods);
    }
  });
  return keyboard;
}

void PaceKey(GLFWwindow* /*window*/, int key, int scancode, int action, int mods) {
  Keyboard().Add({false, key, scancode, action, mods, 0});
}

void PaceCharacter(GLFWwindow* /*window*/, unsigned int code_point) {
  Keyboard().Add({true, 0, 0, 0, 0, code_point});
}

// Where the window goes on screen: the primary monitor's work area, or the whole monitor when
// the platform reports no work area.
struct Placement {
  int x = 0;
  int y = 0;
  PixelSize size{1280, 800};
};

Placement WorkArea() {
  Placement placement;
  GLFWmonitor* monitor = glfwGetPrimaryMonitor();
  if (!monitor) return placement;
  int x = 0, y = 0, width = 0, height = 0;
  glfwGetMonitorWorkarea(monitor, &x, &y, &width, &height);
  if (width > 0 && height > 0) return Placement{x, y, {width, height}};
  if (const GLFWvidmode* mode = glfwGetVideoMode(monitor)) {
    placement.size = {mode->width, mode->height};
  }
  return placement;
}

}  // namespace

Result<std::unique_ptr<Window>> Window::Open(const std::string& title, Surface surface,
                                             PixelSize offscreen_size) {
  glfwSetErrorCallback(RememberGlfwError);
  if (!glfwInit()) {
    return Status::Error("cannot open a window: " + LastGlfwError() +
                         " (no display? use --screenshot under xvfb-run)");
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  // Shown only once placed, so it never flashes at a default size first.
  glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
  const Placement placement =
      surface == Surface::kScreen ? WorkArea() : Placement{0, 0, offscreen_size};
  const int width = placement.size.width;
  const int height = placement.size.height;
  GLFWwindow* handle = glfwCreateWindow(width, height, title.c_str(), nullptr, nullptr);
  if (!handle) {
    const std::string reason = LastGlfwError();
    glfwTerminate();
    return Status::Error("cannot open an OpenGL 3 window: " + reason);
  }
  if (surface == Surface::kScreen) {
    glfwSetWindowPos(handle, placement.x, placement.y);
    glfwShowWindow(handle);
    glfwMaximizeWindow(handle);
    // Keys reach the window at once, with no click first (also where no window manager runs).
    glfwFocusWindow(handle);
  }
  glfwMakeContextCurrent(handle);
  glfwSwapInterval(1);

  std::unique_ptr<Window> window(new Window(handle, width, height, surface));
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  // The layout is fixed by the app, so there is nothing to remember between runs, and no
  // imgui.ini should appear wherever relay-edge was started.
  ImGui::GetIO().IniFilename = nullptr;
  // An idle window draws no frames, so a blinking caret would freeze wherever it was: it stays.
  ImGui::GetIO().ConfigInputTextCursorBlink = false;
  ImGui_ImplGlfw_InitForOpenGL(handle, /*install_callbacks=*/true);
  ImGuiKeyCallback() = glfwSetKeyCallback(handle, PaceKey);
  ImGuiCharCallback() = glfwSetCharCallback(handle, PaceCharacter);
  MapClipboard(ImGui::GetIO());
  ImGui_ImplOpenGL3_Init("#version 130");

  if (surface == Surface::kOffscreen) {
    glGenFramebuffers(1, &window->framebuffer_);
    glGenRenderbuffers(1, &window->colour_buffer_);
    glBindRenderbuffer(GL_RENDERBUFFER, window->colour_buffer_);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
    glBindFramebuffer(GL_FRAMEBUFFER, window->framebuffer_);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER,
                              window->colour_buffer_);
    if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) {
      return Status::Error("cannot create an offscreen framebuffer of " + std::to_string(width) +
                           "x" + std::to_string(height));
    }
  }
  return window;
}

Window::Window(GLFWwindow* handle, int width, int height, Surface surface)
    : handle_(handle), width_(width), height_(height), surface_(surface) {}

Window::~Window() {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  if (framebuffer_) glDeleteFramebuffers(1, &framebuffer_);
  if (colour_buffer_) glDeleteRenderbuffers(1, &colour_buffer_);
  glfwDestroyWindow(handle_);
  glfwTerminate();
}

bool Window::ShouldClose() const {
  return glfwWindowShouldClose(handle_);
}

void Window::WaitEvents(double timeout_s) const {
  // Keys still waiting for their frame must not wait for the next input too.
  if (timeout_s > 0 && !Keyboard().waiting()) {
    glfwWaitEventsTimeout(timeout_s);
  } else {
    glfwPollEvents();
  }
}

void Window::Wake() {
  glfwPostEmptyEvent();
}

void Window::SetTitle(const std::string& title) {
  glfwSetWindowTitle(handle_, title.c_str());
}

void Window::PointAt(float x, float y) {
  glfwSetCursorPos(handle_, x, y);
}

void Window::ReloadFontTexture() {
  // Before the first frame the backend has no texture yet and creates it from the atlas as
  // it stands; uploading here as well would leave a second, orphaned texture.
  if (!drew_frame_) return;
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
}

void Window::BeginFrame() {
  Keyboard().ReplayWaiting();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  if (surface_ == Surface::kOffscreen) {
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(width_), static_cast<float>(height_));
    io.DisplayFramebufferScale = ImVec2(1, 1);
  } else {
    glfwGetFramebufferSize(handle_, &width_, &height_);
  }
  ImGui::NewFrame();
  Keyboard().FrameStarted();
  drew_frame_ = true;
}

bool Window::Settling() const {
  const ImGuiContext& g = *GImGui;
  if (g.NavNextActivateId != 0 || g.NavActivateId != 0 || g.NavMoveSubmitted || g.NavInitRequest) {
    return true;
  }
  for (const ImGuiWindow* window : g.Windows) {
    if (window->Active &&
        (window->HiddenFramesCanSkipItems > 0 || window->HiddenFramesCannotSkipItems > 0)) {
      return true;
    }
  }
  return false;
}

void Window::EndFrame() {
  ImGui::Render();
  glViewport(0, 0, width_, height_);
  glClearColor(kBackground.x, kBackground.y, kBackground.z, kBackground.w);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  if (surface_ == Surface::kScreen) glfwSwapBuffers(handle_);
}

std::vector<unsigned char> Window::ReadPixels() const {
  const size_t row_bytes = static_cast<size_t>(width_) * 4;
  std::vector<unsigned char> pixels(row_bytes * static_cast<size_t>(height_));
  glFinish();
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width_, height_, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  // OpenGL counts rows from the bottom; images count them from the top.
  std::vector<unsigned char> row(row_bytes);
  for (size_t top = 0, bottom = static_cast<size_t>(height_) - 1; top < bottom; ++top, --bottom) {
    std::memcpy(row.data(), &pixels[top * row_bytes], row_bytes);
    std::memcpy(&pixels[top * row_bytes], &pixels[bottom * row_bytes], row_bytes);
    std::memcpy(&pixels[bottom * row_bytes], row.data(), row_bytes);
  }
  return pixels;
}

}  // namespace relay::edge::ui
