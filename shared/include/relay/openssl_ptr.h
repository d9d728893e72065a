#pragma once

#include <openssl/bio.h>
#include <openssl/x509.h>

#include <memory>

namespace relay {

// Owning pointers to OpenSSL objects, each freed with its own OpenSSL function.
template <auto Free>
struct OpenSslFreer {
  template <typename T>
  void operator()(T* object) const {
    Free(object);
  }
};
using BioPtr = std::unique_ptr<BIO, OpenSslFreer<BIO_free_all>>;
using X509Ptr = std::unique_ptr<X509, OpenSslFreer<X509_free>>;

}  // namespace relay
