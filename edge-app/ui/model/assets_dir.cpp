#include "ui/model/assets_dir.h"

#include <system_error>
#include <vector>

namespace relay::edge::ui {
namespace {

// A directory counts as the assets only if it holds what the UI cannot start without.
bool LooksLikeAssets(const std::filesystem::path& dir) {
  std::error_code error;
  return std::filesystem::is_regular_file(dir / "i18n" / "zh-CN.json", error) &&
         std::filesystem::is_regular_file(dir / "fonts.json", error);
}

}  // namespace

std::optional<std::filesystem::path> FindAssetsDir(const char* env_override,
                                                   const std::filesystem::path& exe_dir,
                                                   const std::filesystem::path& built_from) {
  std::vector<std::filesystem::path> candidates;
  if (env_override && *env_override) candidates.emplace_back(env_override);
  if (!exe_dir.empty()) candidates.push_back(exe_dir / ".." / ".." / "assets");
  if (!built_from.empty()) candidates.push_back(built_from);
  for (const auto& candidate : candidates) {
    if (LooksLikeAssets(candidate)) return candidate.lexically_normal();
  }
  return std::nullopt;
}

}  // namespace relay::edge::ui
