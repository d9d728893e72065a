#pragma once

#include <string>

namespace relay::testing {

// What a shell command printed (stdout and stderr together) and how it exited.
struct CommandResult {
  int exit_code = -1;  // -1 when it could not run or was killed
  std::string output;
};

// Runs a command through the shell and waits for it.
CommandResult RunCommand(const std::string& command);

}  // namespace relay::testing
