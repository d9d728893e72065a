#pragma once

#include <cstdio>
#include <cstdlib>

#include "relay/status.h"

// Stops the fuzzer, which keeps the input as a crash reproducer, when a property the code
// promises does not hold; the message says which, with the status that explains it.
inline void Expect(bool holds, const char* property,
                   const relay::Status& why = relay::Status::Ok()) {
  if (holds) return;
  std::fprintf(stderr, "property broken: %s%s%s\n", property, why.ok() ? "" : ": ",
               why.message().c_str());
  std::abort();
}
