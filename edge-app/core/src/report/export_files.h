#pragma once

#include <filesystem>
#include <string>
#include <string_view>

// What the report exports share: files made durable before they are renamed into place, so a
// power cut leaves either nothing or the whole export.
namespace relay::report::export_files {

// Writes bytes to a new file and flushes it to disk; 0 or the errno of the failure.
int WriteDurably(const std::filesystem::path& path, std::string_view bytes);

// Flushes a written file, or a directory's entries, to disk; 0 or the errno of the failure.
int SyncToDisk(const std::filesystem::path& path);

// Why nothing can be created in a directory, given the errno of the failed attempt.
std::string WhyNotWritable(const std::filesystem::path& directory, int error);

// The directory holding a path, "." for a bare name.
std::filesystem::path ParentOf(const std::filesystem::path& path);

}  // namespace relay::report::export_files
