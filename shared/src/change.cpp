#include "relay/change.h"

namespace relay {

bool Supersedes(const FieldStamp& incoming, const FieldStamp& current) {
  if (incoming.hlc != current.hlc) return incoming.hlc > current.hlc;
  return incoming.device > current.device;
}

}  // namespace relay
