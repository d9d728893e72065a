#pragma once

#include <cstddef>

namespace relay::server::http {

// Raises this process's soft limit on open files to its hard limit, since every connection
// holds one, and returns the soft limit now in force.
size_t RaiseOpenFileLimit();

}  // namespace relay::server::http
