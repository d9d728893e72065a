#include "temp_dir.h"

#include <cstdlib>
#include <stdexcept>

namespace relay::testing {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "relay-test-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot make a temp dir");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace relay::testing
