#include "ui/platform/screenshot.h"

#include <stb_image_write.h>

namespace relay::edge::ui {

Status SaveScreenshot(const Window& window, const std::string& path) {
  const std::vector<unsigned char> pixels = window.ReadPixels();
  if (!stbi_write_png(path.c_str(), window.width(), window.height(), 4, pixels.data(),
                      window.width() * 4)) {
    return Status::Error("cannot write " + path);
  }
  return Status::Ok();
}

}  // namespace relay::edge::ui
