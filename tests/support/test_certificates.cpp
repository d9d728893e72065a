#include "test_certificates.h"

#include <fstream>
#include <stdexcept>

#include "run_command.h"

namespace relay::testing {
namespace {

std::string Quoted(const std::string& text) {
  return "'" + text + "'";
}

void Openssl(const std::string& args) {
  const auto result = RunCommand("openssl " + args);
  if (result.exit_code != 0) {
    throw std::runtime_error("openssl " + args + " failed:\n" + result.output);
  }
}

const char* kNewP256Key = "-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes";

}  // namespace

TestCa MakeTestCa(const TempDir& dir, const std::string& name, const std::string& common_name) {
  TestCa ca{dir.File(name + "-ca.crt"), dir.File(name + "-ca.key")};
  Openssl(std::string("req -x509 ") + kNewP256Key + " -keyout " + Quoted(ca.key) + " -out " +
          Quoted(ca.cert) + " -days 2 -subj " + Quoted("/CN=" + common_name) +
          " -addext 'basicConstraints=critical,CA:TRUE'" +
          " -addext 'keyUsage=critical,keyCertSign,cRLSign'");
  return ca;
}

TlsFiles MakeServerCertificate(const TempDir& dir, const std::string& name, const TestCa& ca,
                               const std::string& subject_alt_name, int days) {
  TlsFiles files{dir.File(name + ".crt"), dir.File(name + ".key"), ca.cert};
  const std::string request = dir.File(name + ".csr");
  const std::string extensions = dir.File(name + ".ext");
  std::ofstream(extensions) << "subjectAltName=" << subject_alt_name
                            << "\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n";
  Openssl(std::string("req -new ") + kNewP256Key + " -keyout " + Quoted(files.key) + " -out " +
          Quoted(request) + " -subj " + Quoted("/CN=" + name));
  Openssl("x509 -req -in " + Quoted(request) + " -CA " + Quoted(ca.cert) + " -CAkey " +
          Quoted(ca.key) + " -CAcreateserial -out " + Quoted(files.cert) + " -days " +
          std::to_string(days) + " -extfile " + Quoted(extensions));
  return files;
}

}  // namespace relay::testing
