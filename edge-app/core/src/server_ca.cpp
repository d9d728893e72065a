#include "relay/edge/server_ca.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <vector>

#include "relay/openssl_ptr.h"

namespace relay::edge {
namespace {

// Every certificate of the PEM text, in order; other PEM blocks are skipped.
std::vector<X509Ptr> Certificates(const std::string& pem) {
  BioPtr in(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  std::vector<X509Ptr> certificates;
  while (X509* certificate = PEM_read_bio_X509(in.get(), nullptr, nullptr, nullptr)) {
    certificates.emplace_back(certificate);
  }
  ERR_clear_error();  // the read that ends the loop leaves "no start line" behind
  return certificates;
}

std::string Subject(const X509* certificate) {
  BioPtr out(BIO_new(BIO_s_mem()));
  // UTF-8 as it is, so a CA named in Chinese or Mongolian reads as written.
  X509_NAME_print_ex(out.get(), X509_get_subject_name(certificate), 0,
                     XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  char* data = nullptr;
  const long size = BIO_get_mem_data(out.get(), &data);
  return std::string(data, static_cast<size_t>(size));
}

bool StartsWith(const std::string& text, const char* prefix) {
  return text.rfind(prefix, 0) == 0;
}

}  // namespace

Result<std::string> ReadCaFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return Status::Error(path + ": cannot be read (" + std::strerror(errno) + ")");
  std::ostringstream text;
  text << file.rdbuf();
  const std::string pem = text.str();
  // The CA's key signs server certificates; it must never travel to a laptop.
  if (pem.find("PRIVATE KEY-----") != std::string::npos) {
    return Status::Error(path +
                         ": holds a private key; give the county CA's certificate only (such as "
                         "county-ca.crt), never its key");
  }
  const auto certificates = Certificates(pem);
  if (certificates.empty()) {
    return Status::Error(path +
                         ": must hold the county CA's certificate in PEM form "
                         "(-----BEGIN CERTIFICATE-----)");
  }
  BioPtr out(BIO_new(BIO_s_mem()));
  for (const auto& certificate : certificates) {
    if (X509_check_ca(certificate.get()) == 0) {
      return Status::Error(path + ": holds a certificate that is not a CA's (" +
                           Subject(certificate.get()) +
                           "); give the certificate of the CA that signed the server's, not the "
                           "server's own");
    }
    PEM_write_bio_X509(out.get(), certificate.get());
  }
  char* data = nullptr;
  const long size = BIO_get_mem_data(out.get(), &data);
  return std::string(data, static_cast<size_t>(size));
}

Result<CaSummary> SummariseCa(const std::string& ca_pem) {
  const auto certificates = Certificates(ca_pem);
  if (certificates.empty()) return Status::Error("server CA: holds no PEM certificate");
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (X509_digest(certificates.front().get(), EVP_sha256(), digest, &length) != 1) {
    return Status::Error("server CA: cannot compute its SHA-256 fingerprint");
  }
  CaSummary summary;
  summary.subject = Subject(certificates.front().get());
  for (unsigned int i = 0; i < length; ++i) {
    char hex[4];
    std::snprintf(hex, sizeof hex, i == 0 ? "%02X" : ":%02X", digest[i]);
    summary.sha256 += hex;
  }
  return summary;
}

Result<std::string> CaForEnrollment(LocalStore& store, const std::string& url,
                                    const std::string& ca_path, const std::string& ca_field) {
  if (!StartsWith(url, "http://") && !StartsWith(url, "https://")) {
    return Status::Error(
        "URL: must start with https:// or http://, such as "
        "https://relay-county.lan:8443");
  }
  if (!ca_path.empty()) {
    if (!StartsWith(url, "https://")) {
      return Status::Error(ca_field + ": is only for an https:// server URL, not " + url +
                           " (plain http is not encrypted, so there is no certificate to check)");
    }
    auto ca = ReadCaFile(ca_path);
    if (!ca.ok()) return Status::Error(ca_field + ": " + ca.status().message());
    return ca;
  }
  return StoredServerCa(store);
}

Result<std::string> StoredServerCa(LocalStore& store) {
  auto enrollment = store.ReadEnrollment();
  if (!enrollment.ok()) return enrollment.status();
  return enrollment.value() ? enrollment.value()->server_ca_pem : std::string();
}

}  // namespace relay::edge
