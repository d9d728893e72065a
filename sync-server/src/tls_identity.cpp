#include "tls_identity.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>

#include "relay/openssl_ptr.h"

namespace relay::server {
namespace {

using KeyPtr = std::unique_ptr<EVP_PKEY, OpenSslFreer<EVP_PKEY_free>>;

// The whole file, or an error naming the flag, the file and why it cannot be read.
Result<std::string> ReadFile(const std::string& flag, const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return Status::Error(flag + ": " + path + ": cannot be read (" + std::strerror(errno) + ")");
  }
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// OpenSSL's reason for the last failure, emptying its error queue.
std::string OpenSslReason() {
  const unsigned long code = ERR_peek_last_error();
  ERR_clear_error();
  if (code == 0) return "no PEM block found";
  char text[256];
  ERR_error_string_n(code, text, sizeof text);
  return text;
}

BioPtr MemoryBio(const std::string& pem) {
  return BioPtr(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
}

// Refuses to ask for a passphrase: the server starts unattended.
int NoPassphrase(char*, int, int, void*) {
  return 0;
}

std::string TimeText(const ASN1_TIME* time) {
  BioPtr out(BIO_new(BIO_s_mem()));
  ASN1_TIME_print(out.get(), time);
  char* data = nullptr;
  const long size = BIO_get_mem_data(out.get(), &data);
  return std::string(data, static_cast<size_t>(size));
}

}  // namespace

Result<TlsIdentity> TlsIdentity::Load(const std::string& cert_path, const std::string& key_path) {
  TlsIdentity identity;
  auto chain = ReadFile("--cert", cert_path);
  if (!chain.ok()) return chain.status();
  identity.chain_pem_ = std::move(chain).value();
  auto key = ReadFile("--key", key_path);
  if (!key.ok()) return key.status();
  identity.key_pem_ = std::move(key).value();

  ERR_clear_error();
  BioPtr chain_bio = MemoryBio(identity.chain_pem_);
  X509Ptr leaf(PEM_read_bio_X509(chain_bio.get(), nullptr, NoPassphrase, nullptr));
  if (!leaf) {
    return Status::Error("--cert: " + cert_path +
                         ": must hold the server's PEM certificate (-----BEGIN CERTIFICATE-----), "
                         "then any intermediate CA certificates (" +
                         OpenSslReason() + ")");
  }
  if (identity.key_pem_.find("ENCRYPTED") != std::string::npos) {
    return Status::Error("--key: " + key_path +
                         ": is protected by a passphrase; the server starts unattended, so give "
                         "it an unencrypted key (openssl pkey -in KEY -out PLAIN_KEY) and make the "
                         "file readable by the server's user only");
  }
  BioPtr key_bio = MemoryBio(identity.key_pem_);
  KeyPtr private_key(PEM_read_bio_PrivateKey(key_bio.get(), nullptr, NoPassphrase, nullptr));
  if (!private_key) {
    return Status::Error("--key: " + key_path +
                         ": must hold a PEM private key (-----BEGIN PRIVATE KEY-----) (" +
                         OpenSslReason() + ")");
  }
  if (X509_check_private_key(leaf.get(), private_key.get()) != 1) {
    ERR_clear_error();
    return Status::Error("--key: " + key_path + ": does not belong to the certificate in --cert " +
                         cert_path +
                         " (the first certificate there must be the one made for this key)");
  }
  identity.expires_ = TimeText(X509_get0_notAfter(leaf.get()));
  identity.outside_validity_ = X509_cmp_current_time(X509_get0_notBefore(leaf.get())) > 0 ||
                               X509_cmp_current_time(X509_get0_notAfter(leaf.get())) < 0;

  // The same calls every connection makes, once here, so none of them can fail later.
  try {
    boost::asio::ssl::context trial(boost::asio::ssl::context::tls_server);
    identity.Apply(trial);
  } catch (const boost::system::system_error& error) {
    return Status::Error("--cert/--key: " + cert_path + " and " + key_path +
                         ": cannot be used for TLS (" + error.what() + ")");
  }
  return identity;
}

void TlsIdentity::Apply(boost::asio::ssl::context& context) const {
  using boost::asio::ssl::context_base;
  context.set_options(context_base::default_workarounds | context_base::no_sslv2 |
                      context_base::no_sslv3 | context_base::no_tlsv1 | context_base::no_tlsv1_1 |
                      context_base::no_compression | context_base::single_dh_use);
  context.use_certificate_chain(boost::asio::buffer(chain_pem_));
  context.use_private_key(boost::asio::buffer(key_pem_), context_base::pem);
}

}  // namespace relay::server
