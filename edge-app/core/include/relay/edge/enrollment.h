#pragma once

#include <optional>
#include <string>

#include "relay/edge/http_transport.h"
#include "relay/edge/local_store.h"
#include "relay/status.h"

namespace relay::edge {

// The enrollment code as the county office reads it over the phone ("k7qm3 xdpw9"), in its
// one form ("K7QM3XDPW9"): uppercase, without spaces or dashes; or an error naming the rule
// (10 characters of 23456789ABCDEFGHJKMNPQRSTUVWXYZ).
Result<std::string> NormaliseEnrollmentCode(const std::string& code);

// Trades an enrollment code for this laptop's token at POST /v1/enroll and stores what the
// county granted, replacing an earlier enrollment. Any refusal (a bad code, the server's
// answer, an answer that breaks the protocol, another county database) stores nothing and
// names the field or rule. A code is used up once the server answers, even if the answer
// is lost on the way: then the county office has to give a new one. server_ca_pem is the CA
// the transport checks the server against (see CaForEnrollment), stored with the grant so every
// later request checks it the same way; nullopt keeps the one stored at the last enrollment.
Result<Enrollment> Enroll(LocalStore& store, HttpTransport& transport, const std::string& code,
                          std::optional<std::string> server_ca_pem = std::nullopt);

}  // namespace relay::edge
