#pragma once

#include <filesystem>
#include <optional>

namespace relay::edge::ui {

// The first directory holding the UI's assets (translations, font list), tried in order:
// the $RELAY_ASSETS override, <exe dir>/../../assets (the build tree), then the source tree
// the binary was built from.
std::optional<std::filesystem::path> FindAssetsDir(const char* env_override,
                                                   const std::filesystem::path& exe_dir,
                                                   const std::filesystem::path& built_from);

}  // namespace relay::edge::ui
