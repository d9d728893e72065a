#pragma once

#include <string>

#include "temp_dir.h"

namespace relay::testing {

// A throwaway CA made with the openssl command line: its PEM certificate and key files.
struct TestCa {
  std::string cert;
  std::string key;
};

// The PEM files an https server presents, and the CA file that vouches for them.
struct TlsFiles {
  std::string cert;
  std::string key;
  std::string ca;
};

// Makes a P-256 CA named common_name in dir (NAME-ca.crt, NAME-ca.key), valid two days.
// Throws std::runtime_error with openssl's output when a command fails.
TestCa MakeTestCa(const TempDir& dir, const std::string& name, const std::string& common_name);

// Makes a server certificate signed by ca for subject_alt_name (such as
// "IP:127.0.0.1,DNS:localhost") in dir (NAME.crt, NAME.key), valid for days days; 0 makes one
// whose validity ends the second it is made.
TlsFiles MakeServerCertificate(const TempDir& dir, const std::string& name, const TestCa& ca,
                               const std::string& subject_alt_name, int days = 2);

}  // namespace relay::testing
