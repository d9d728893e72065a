#pragma once

#include <memory>
#include <string>
#include <vector>

#include "relay/status.h"
#include "ui/model/options.h"

struct GLFWwindow;

namespace relay::edge::ui {

// Where frames go: the visible window, maximised over the monitor's work area (the screen less
// the panels), or a hidden framebuffer of exactly the requested size (screenshots look the
// same whatever the screen, and need no window manager).
enum class Surface { kScreen, kOffscreen };

// The platform layer: a GLFW window with an OpenGL 3 context, and the Dear ImGui context with
// its GLFW and OpenGL3 backends drawing into it.
class Window {
 public:
  // Opens the window and takes the keyboard focus; offscreen_size applies to kOffscreen only.
  static Result<std::unique_ptr<Window>> Open(const std::string& title, Surface surface,
                                              PixelSize offscreen_size);
  ~Window();
  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;

  bool ShouldClose() const;
  // Sleeps until input arrives or timeout_s passes, so an idle laptop spares its battery; with
  // a timeout of 0 or less only takes the input that is there.
  void WaitEvents(double timeout_s) const;
  // Ends a WaitEvents early; safe from any thread (a sync run that started or finished).
  static void Wake();
  void SetTitle(const std::string& title);
  // Puts the mouse pointer at (x, y) in the window, as if the user had moved it there.
  void PointAt(float x, float y);
  // Uploads the font atlas again after it was rebuilt between frames.
  void ReloadFontTexture();

  void BeginFrame();
  // Renders the frame; on screen also shows it.
  void EndFrame();
  // True when Dear ImGui finishes in the next frame what this one started (a picker asked to
  // open, the keyboard sent to a field, a popup sizing itself while hidden), so the window
  // must draw it before it sleeps.
  bool Settling() const;
  // The last frame's pixels as RGBA rows, top row first.
  std::vector<unsigned char> ReadPixels() const;
  int width() const { return width_; }
  int height() const { return height_; }

 private:
  Window(GLFWwindow* handle, int width, int height, Surface surface);

  GLFWwindow* handle_;
  int width_;
  int height_;
  Surface surface_;
  bool drew_frame_ = false;         // the backend uploads the font itself on the first frame
  unsigned int framebuffer_ = 0;    // kOffscreen only
  unsigned int colour_buffer_ = 0;  // kOffscreen only
};

}  // namespace relay::edge::ui
