#include "relay/edge/enrollment.h"

#include <algorithm>
#include <array>
#include <cctype>

#include <nlohmann/json.hpp>

#include "relay/bounded_json.h"
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

// Ok when a token the server gave has the form of one; the message never includes it.
Status CheckTokenForm(const std::string& token) {
  if (token.size() != kTokenLength || !IsBase64Url(token)) {
    return Status::Error("token: must be " + std::to_string(kTokenLength) +
                         " base64url characters (A-Z, a-z, 0-9, - and _)");
  }
  return Status::Ok();
}

// The answer's JSON object, parsed within the protocol's nesting limit.
Result<nlohmann::json> AnswerObject(const std::string& body) {
  auto answer = ParseJsonWithin(body, kMaxJsonDepth);
  if (!answer.ok()) return answer.status();
  if (!answer.value().is_object()) return Status::Error("body: must be a JSON object");
  return answer;
}

// The server's 200 answer checked against the protocol; messages never include the token.
Result<Enrollment> DecodeAnswer(const std::string& body, const std::string& device) {
  auto parsed = AnswerObject(body);
  if (!parsed.ok()) return parsed.status();
  const nlohmann::json& answer = parsed.value();
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
  if (Status form = CheckTokenForm(enrollment.token); !form.ok()) return form;
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

// The next token in the server's 200 answer to a rotation of the enrollment's, checked against
// the protocol; messages never include a token.
Result<std::string> DecodeRotation(const std::string& body, const Enrollment& enrollment,
                                   const std::string& device) {
  auto parsed = AnswerObject(body);
  if (!parsed.ok()) return parsed.status();
  std::string token;
  std::string answered_device;
  std::string server;
  for (const auto& [name, target] :
       {std::pair{"token", &token}, {"device", &answered_device}, {"server", &server}}) {
    auto value = StringMember(parsed.value(), name);
    if (!value.ok()) return value.status();
    *target = std::move(value).value();
  }
  if (Status form = CheckTokenForm(token); !form.ok()) return form;
  if (answered_device != device) {
    return Status::Error("device: the server rotated the token of " + answered_device +
                         ", not this laptop's (" + device + ")");
  }
  if (server != enrollment.server_id) {
    return Status::Error("server: the answer came from county database " + server + ", not from " +
                         enrollment.server_id + " that enrolled this laptop");
  }
  return token;
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
  if (answer.status == 429) {
    // Too many wrong codes from this network lately; the server's words say how long to wait.
    return Status::Error(ErrorKind::kTooMany, "enrollment refused for now: " + reason, reason);
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

Result<std::string> RotateToken(LocalStore& store, HttpTransport& transport) {
  auto enrolled = store.ReadEnrollment();
  if (!enrolled.ok()) return enrolled.status();
  if (!enrolled.value()) {
    return Status::Error(ErrorKind::kInvalid, "this laptop is not enrolled: it has no token");
  }
  Enrollment enrollment = std::move(*enrolled.value());
  auto response = transport.Send({"POST", "/v1/rotate", "{}", enrollment.token});
  if (!response.ok()) return response.status();
  const HttpResponse& answer = response.value();
  if (answer.status != 200) {
    const std::string reason = DecodeErrorMessage(answer.body);
    const ErrorKind kind = answer.status == 401   ? ErrorKind::kNotAllowed
                           : answer.status >= 500 ? ErrorKind::kServerFailed
                                                  : ErrorKind::kRefused;
    return Status::Error(kind, "server answered " + std::to_string(answer.status) + ": " + reason,
                         reason);
  }
  auto token = DecodeRotation(answer.body, enrollment, store.device_id());
  if (!token.ok()) {
    return Status::Error(ErrorKind::kInvalid,
                         "server's rotation answer: " + token.status().message());
  }
  enrollment.token = token.value();
  if (Status stored = store.RecordEnrollment(enrollment); !stored.ok()) return stored;
  return enrollment.token;
}

}  // namespace relay::edge
