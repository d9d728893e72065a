#include "export_files.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace relay::report::export_files {

int WriteDurably(const std::filesystem::path& path, std::string_view bytes) {
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) return errno;
  int error = 0;
  while (!bytes.empty() && error == 0) {
    const ssize_t written = write(fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno != EINTR) error = errno;
    } else {
      bytes.remove_prefix(static_cast<size_t>(written));
    }
  }
  if (error == 0 && fsync(fd) != 0) error = errno;
  if (close(fd) != 0 && error == 0) error = errno;
  return error;
}

int SyncToDisk(const std::filesystem::path& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno;
  const int error = fsync(fd) == 0 ? 0 : errno;
  close(fd);
  return error;
}

std::string WhyNotWritable(const std::filesystem::path& directory, int error) {
  std::error_code ignored;
  if (!std::filesystem::is_directory(directory, ignored)) {
    return "the directory " + directory.string() + " does not exist";
  }
  return "cannot write in " + directory.string() + ": " + std::strerror(error);
}

std::filesystem::path ParentOf(const std::filesystem::path& path) {
  return path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
}

}  // namespace relay::report::export_files
