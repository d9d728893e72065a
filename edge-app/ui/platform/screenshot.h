#pragma once

#include <string>

#include "relay/status.h"
#include "ui/platform/window.h"

namespace relay::edge::ui {

// Writes the window's last rendered frame to a PNG file.
Status SaveScreenshot(const Window& window, const std::string& path);

}  // namespace relay::edge::ui
