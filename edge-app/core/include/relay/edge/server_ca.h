#pragma once

#include <string>

#include "relay/edge/local_store.h"
#include "relay/status.h"

namespace relay::edge {

// The county's own CA, which a laptop is given at enrollment and checks the server against.

// The CA certificates of a PEM file, re-encoded (nothing else of the file is kept): at least
// one, each a CA's certificate, and no private key. An error names the file and the rule.
Result<std::string> ReadCaFile(const std::string& path);

// How a person recognises a CA: the first certificate's subject and SHA-256 fingerprint.
struct CaSummary {
  std::string subject;  // e.g. "CN=Xilinhot County Relay CA,O=Health Bureau"
  std::string sha256;   // upper-case hex bytes joined by ':'
};
Result<CaSummary> SummariseCa(const std::string& ca_pem);

// The CA stored at this laptop's last enrollment; "" when none was given or it never enrolled.
Result<std::string> StoredServerCa(LocalStore& store);

// The CA an enrollment with the server at url checks it against: the certificates of the file
// at ca_path when one is given (for an https:// url only), else the one stored at this laptop's
// last enrollment, else "" (the system's CAs). Errors start with ca_field, the name the person
// gave the file under ("--ca").
Result<std::string> CaForEnrollment(LocalStore& store, const std::string& url,
                                    const std::string& ca_path, const std::string& ca_field);

}  // namespace relay::edge
