#include "relay/edge/enrollment.h"

#include <algorithm>
#include <array>
#include <cctype>

#include <nlohmann/json.hpp>

#include "relay/edge/server_ca.h"
#include "relay/protocol.h"
#include "relay/uuid.h"

namespace relay::edge {
namespace {

constexpr size_t kTokenLength = 43;  // 32 random bytes in unpadded base64url
constexpr std::array<std::string_view, 3> kRoles = {"clinic", "team-lead", "county"};

bool IsBase64Url(const std::string& text) {
  return std::all_of(text.begin(), text.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_'; });
}

// A string member of the answer, or an error naming it.
Result<std::string> StringMember(const nlohmann::json& answer, const char* name) {
  if (!answer.contains(name) || !answer[name].is_string()) {
    return Status::Error(std::string(name) + ": missing or not a string");
  }
  return answer[name].get<std::string>();
}

// The server's 200 answer checked against the protocol; messages never include the token.
Result<Enrollment> DecodeAnswer(const std::string& body, const std::string& device) {
  const auto answer = nlohmann::json::parse(body, nullptr, false);
  if (!answer.is_object()) return Status::Error("body: must be a JSON object");
  Enrollment enrollment;
  for (const auto& [name, target] : {std::pair{"token", &enrollment.token},
                                     {"role", &enrollment.role},
                                     {"township_id", &enrollment.township_id},
                                     {"server", &enrollment.server_id}}) {
    auto value = StringMember(answer, name);
    if (!value.ok()) return value.status();
    *target = std::move(value).value();
  }
  auto answered_device = StringMember(answer, "device");
  if (!answered_device.ok()) return answered_device.status();
  if (enrollment.token.size() != kTokenLength || !IsBase64Url(enrollment.token)) {
    return Status::Error("token: must be " + std::to_string(kTokenLength) +
                         " base64url characters (A-Z, a-z, 0-9, - and _)");
  }
  if (std::find(kRoles.begin(), kRoles.end(), enrollment.role) == kRoles.end()) {
    return Status::Error("role: must be clinic, team-lead or county, not \"" + enrollment.role +
                         "\"");
  }
  if (enrollment.role == "county" ? !enrollment.township_id.empty()
                                  : !IsUuidV7(enrollment.township_id)) {
    return Status::Error("township_id: must be empty for county and a UUIDv7 for " +
                         enrollment.role + ", not \"" + enrollment.township_id + "\"");
  }
  if (answered_device.value() != device) {
    return Status::Error("device: the server enrolled " + answered_device.value() +
                         ", not this laptop (" + device + ")");
  }
  if (enrollment.server_id.empty()) return Status::Error("server: must not be empty");
  return enrollment;
}

// The code as typed without spaces and dashes, upper-cased.
std::string Normalised(const std::string& code) {
  std::string normal;
  for (const unsigned char c : code) {
    if (c == '-' || std::isspace(c)) continue;
    normal += static_cast<char>(std::toupper(c));
  }
  return normal;
}

}  // namespace

std::optional<CodeFault> FindCodeFault(const std::string& code) {
  const std::string normal = Normalised(code);
  const auto stray = normal.find_first_not_of(kEnrollmentCodeAlphabet);
  if (stray != std::string::npos) {
    if (static_cast<unsigned char>(normal[stray]) >= 0x80) {
      return CodeFault{CodeFault::Rule::kNotLatin, {}, normal.size()};
    }
    return CodeFault{CodeFault::Rule::kCharacter, normal.substr(stray, 1), normal.size()};
  }
  if (normal.size() != kEnrollmentCodeLength) {
    return CodeFault{CodeFault::Rule::kLength, {}, normal.size()};
  }
  return std::nullopt;
}

Result<std::string> NormaliseEnrollmentCode(const std::string& code) {
  const auto fault = FindCodeFault(code);
  if (!fault) return Normalised(code);
  std::string message = "code: must be " + std::to_string(kEnrollmentCodeLength) +
                        " characters of " + std::string(kEnrollmentCodeAlphabet) +
                        " (no 0, 1, I, L or O), such as K7QM3-XDPW9; ";
  switch (fault->rule) {
    case CodeFault::Rule::kNotLatin:
      message += "it holds a character that is not a Latin letter or digit (a Cyrillic К or Н?)";
      break;
    case CodeFault::Rule::kCharacter:
      message += "\"" + fault->character + "\" is not one of them";
      break;
    case CodeFault::Rule::kLength:
      message += "this one has " + std::to_string(fault->length);
      break;
  }
  return Status::Error(ErrorKind::kInvalid, message);
}

Result<Enrollment> Enroll(LocalStore& store, HttpTransport& transport, const std::string& code,
                          std::optional<std::string> server_ca_pem) {
  auto normal = NormaliseEnrollmentCode(code);
  if (!normal.ok()) return normal.status();
  if (!server_ca_pem) {
    auto stored = StoredServerCa(store);
    if (!stored.ok()) return stored.status();
    server_ca_pem = std::move(stored).value();
  }
  const nlohmann::json request = {{"code", normal.value()}, {"device", store.device_id()}};
  auto response = transport.Send({"POST", "/v1/enroll", request.dump()});
  if (!response.ok()) return response.status();
  const HttpResponse& answer = response.value();
  const std::string reason = DecodeErrorMessage(answer.body);
  if (answer.status == 403) {
    return Status::Error(
        ErrorKind::kNotAllowed,
        "enrollment refused: " + reason + " (ask the county office for a new code)", reason);
  }
  if (answer.status != 200) {
    const std::string answered = "server answered " + std::to_string(answer.status) + ": " + reason;
    if (answer.status >= 500) return Status::Error(ErrorKind::kServerFailed, answered);
    return Status::Error(ErrorKind::kRefused, answered, reason);
  }
  auto enrollment = DecodeAnswer(answer.body, store.device_id());
  if (!enrollment.ok()) {
    return Status::Error(ErrorKind::kInvalid,
                         "server's enrollment answer: " + enrollment.status().message());
  }
  enrollment.value().server_ca_pem = std::move(*server_ca_pem);
  if (Status stored = store.RecordEnrollment(enrollment.value()); !stored.ok()) return stored;
  return enrollment;
}

}  // namespace relay::edge
