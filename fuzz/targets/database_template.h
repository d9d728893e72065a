#pragma once

#include <unistd.h>

#include <filesystem>
#include <functional>
#include <string>

// Fresh copies of a database made once per process, because making a replica's schema takes
// far longer than the requests a fuzzer sends it. The files live in a directory of their own,
// on /dev/shm (memory) when there is one, removed when the process exits normally.
class DatabaseTemplate {
 public:
  // make creates the schema in the database file it is given, and closes it; name tells this
  // template's files from another's.
  DatabaseTemplate(const std::string& name,
                   const std::function<void(const std::string& path)>& make)
      : name_(name), template_(Directory() / (name + "-template.db")) {
    make(template_.string());
  }

  // The path of a fresh copy of the template, replacing the last copy of that name.
  std::string FreshCopy(const std::string& copy_name) const {
    const std::string copy = (Directory() / (name_ + "-" + copy_name + ".db")).string();
    for (const char* suffix : {"-wal", "-shm"})
      std::filesystem::remove(copy + suffix);
    std::filesystem::copy_file(template_, copy, std::filesystem::copy_options::overwrite_existing);
    return copy;
  }

 private:
  // The directory of this process's files, made on first use and removed at exit.
  static const std::filesystem::path& Directory() {
    struct Own {
      Own() {
        const std::filesystem::path base = std::filesystem::is_directory("/dev/shm")
                                               ? std::filesystem::path("/dev/shm")
                                               : std::filesystem::temp_directory_path();
        path = base / ("relay-fuzz-" + std::to_string(getpid()));
        std::filesystem::create_directories(path);
      }
      ~Own() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
      }
      std::filesystem::path path;
    };
    static const Own directory;
    return directory.path;
  }

  std::string name_;
  std::filesystem::path template_;
};
