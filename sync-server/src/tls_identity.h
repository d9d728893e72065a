#pragma once

#include <boost/asio/ssl/context.hpp>
#include <string>

#include "relay/status.h"

namespace relay::server {

// The certificate chain and private key the server presents over https: read and checked once
// at startup, so a bad file stops the server before it serves and every connection gets the
// same identity (cpprestsdk builds a new TLS context per connection).
class TlsIdentity {
 public:
  // Reads the PEM chain (server certificate first) and the unencrypted PEM key, and checks that
  // the key belongs to the first certificate; an error names the flag, the file and the rule.
  static Result<TlsIdentity> Load(const std::string& cert_path, const std::string& key_path);

  // Sets up one connection's context: TLS 1.2 or later, with this chain and key. Throws only
  // boost::system::system_error (which cpprestsdk answers by dropping that one connection).
  void Apply(boost::asio::ssl::context& context) const;

  // The first certificate's notAfter, as OpenSSL prints it ("Jun  1 12:00:00 2027 GMT").
  const std::string& expires() const { return expires_; }
  // True when the first certificate's validity period has ended or not yet begun: laptops
  // will refuse it.
  bool outside_validity() const { return outside_validity_; }

 private:
  std::string chain_pem_;
  std::string key_pem_;
  std::string expires_;
  bool outside_validity_ = false;
};

}  // namespace relay::server
