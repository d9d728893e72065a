#pragma once

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>

#include "expect.h"

// Fresh copies of a database made once per process, because making a replica's schema takes
// far longer than the requests a fuzzer sends it. The files live in a directory of their own,
// on /dev/shm (memory) when there is one, removed when the process exits normally. Copies are
// written with streams, which retry a write that libFuzzer's timer signal interrupts.
class DatabaseTemplate {
 public:
  // make creates the schema in the database file it is given, and closes it; name tells this
  // template's files from another's.
  DatabaseTemplate(const std::string& name,
                   const std::function<void(const std::string& path)>& make)
      : name_(name) {
    const std::string path = (Directory() / (name + "-template.db")).string();
    make(path);
    std::ifstream made(path, std::ios::binary);
    bytes_.assign(std::istreambuf_iterator<char>(made), std::istreambuf_iterator<char>());
    Expect(made.good() || made.eof(), "the template database can be read");
  }

  // The path of a fresh copy of the template, replacing the last copy of that name.
  std::string FreshCopy(const std::string& copy_name) const {
    const std::string copy = (Directory() / (name_ + "-" + copy_name + ".db")).string();
    for (const char* suffix : {"-wal", "-shm"})
      std::filesystem::remove(copy + suffix);
    std::ofstream out(copy, std::ios::binary | std::ios::trunc);
    out.write(bytes_.data(), static_cast<std::streamsize>(bytes_.size()));
    out.close();
    Expect(out.good(), "a fresh copy of the template database can be written");
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
        // A fuzzer that crashed (what they are for) could not remove its own: remove those
        // of processes that are gone.
        const std::string prefix = "relay-fuzz-";
        std::error_code ignored;
        for (const auto& entry : std::filesystem::directory_iterator(base, ignored)) {
          const std::string name = entry.path().filename().string();
          if (name.rfind(prefix, 0) != 0) continue;
          const pid_t owner = static_cast<pid_t>(std::atol(name.c_str() + prefix.size()));
          if (owner > 0 && kill(owner, 0) != 0 && errno == ESRCH)
            std::filesystem::remove_all(entry.path(), ignored);
        }
        path = base / (prefix + std::to_string(getpid()));
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
  std::string bytes_;  // the template database file
};
