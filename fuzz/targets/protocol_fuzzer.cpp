// The protocol codec on any bytes: a push body as the server decodes it (also as gzip, as a
// push may come), and a pull or push answer and an error body as a laptop decodes them.
// Besides crashes and sanitizer findings,
// it checks that whatever a decoder accepts is accepted again, unchanged, once encoded: a
// value the server stores must reach every laptop as the same value, or replicas diverge.
#include <cstdint>
#include <string>

#include "expect.h"
#include "relay/bounded_json.h"
#include "relay/gzip.h"
#include "relay/protocol.h"
#include "relay/protocol_v2.h"
#include "relay/text.h"

namespace {

bool SameChange(const relay::Change& a, const relay::Change& b) {
  return a.table == b.table && a.record_id == b.record_id && a.field == b.field &&
         a.value == b.value && a.hlc == b.hlc && a.device == b.device && a.seen == b.seen &&
         a.person == b.person;
}

// Checks one protocol's push codec on body: decode(body) and decode(encode(that)) agree.
template <typename Decode, typename Encode>
void CheckPushRequest(const std::string& body, Decode decode, Encode encode) {
  const auto request = decode(body);
  if (!request.ok()) {
    Expect(!request.status().message().empty(), "a refused push body has a reason");
    return;
  }
  const auto again = decode(encode(request.value()));
  Expect(again.ok(), "an accepted push body, encoded again, is accepted", again.status());
  const auto& first = request.value();
  const auto& second = again.value();
  Expect(first.device == second.device && first.schema_version == second.schema_version &&
             first.changes.size() == second.changes.size(),
         "an accepted push body survives encoding");
  for (size_t i = 0; i < first.changes.size(); ++i) {
    Expect(first.changes[i].seq == second.changes[i].seq &&
               SameChange(first.changes[i].change, second.changes[i].change),
           "every change of an accepted push survives encoding (values are canonical)");
  }
}

// Checks one protocol's pull codec on body: decode(body) and decode(encode(that)) agree.
template <typename Decode, typename Encode>
void CheckPullResponse(const std::string& body, Decode decode, Encode encode) {
  const auto response = decode(body);
  if (!response.ok()) return;
  const auto again = decode(encode(response.value()));
  Expect(again.ok(), "an accepted pull answer, encoded again, is accepted", again.status());
  Expect(again.value().changes.size() == response.value().changes.size() &&
             again.value().next_cursor == response.value().next_cursor &&
             again.value().more == response.value().more,
         "an accepted pull answer survives encoding");
  for (size_t i = 0; i < response.value().changes.size(); ++i) {
    Expect(again.value().changes[i].cursor == response.value().changes[i].cursor &&
               SameChange(again.value().changes[i].change, response.value().changes[i].change),
           "every change of an accepted pull answer survives encoding");
  }
}

void CheckGzip(const std::string& bytes) {
  constexpr size_t kLimit = 64 * 1024;
  const auto inflated = relay::GzipDecompress(bytes, kLimit);
  if (inflated.ok()) Expect(inflated.value().size() <= kLimit, "inflating stops at the limit");
  const auto again = relay::GzipDecompress(relay::GzipCompress(bytes), bytes.size());
  Expect(again.ok() && again.value() == bytes, "what is compressed inflates to itself",
         again.status());
}

void CheckErrorBody(const std::string& body) {
  // A laptop stores and shows the message of any answer, so it must be valid UTF-8.
  const std::string message = relay::DecodeErrorMessage(body);
  Expect(relay::Utf8Length(message).has_value(), "an error message is valid UTF-8");
  // The server puts any text in its refusals (a table name as sent); the laptop reads it back.
  Expect(relay::Utf8Length(relay::DecodeErrorMessage(relay::EncodeError("bad_request", body)))
             .has_value(),
         "a refusal quoting any bytes decodes to valid UTF-8");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string body(reinterpret_cast<const char*>(data), size);
  constexpr size_t kMaxChanges = 5000;
  CheckPushRequest(
      body, [](const std::string& text) { return relay::DecodePushRequest(text, kMaxChanges); },
      relay::EncodePushRequest);
  CheckPushRequest(
      body,
      [](const std::string& text) -> relay::Result<relay::PushRequest> {
        auto document = relay::ParseJsonWithin(text, relay::kMaxJsonDepth);
        if (!document.ok()) return document.status();
        return relay::DecodePushRequestV2(std::move(document.value()), kMaxChanges);
      },
      relay::EncodePushRequestV2);
  CheckPullResponse(body, relay::DecodePullResponse, relay::EncodePullResponse);
  CheckPullResponse(body, relay::DecodePullResponseV2, relay::EncodePullResponseV2);
  (void)relay::DecodePushResponse(body);
  CheckErrorBody(body);
  CheckGzip(body);
  return 0;
}
