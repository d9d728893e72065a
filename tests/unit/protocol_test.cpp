#include "relay/protocol.h"

#include <gtest/gtest.h>

#include "relay/text.h"

#include "relay/bounded_json.h"
#include "relay/gzip.h"
#include "relay/schema.h"
#include "relay/validation.h"

namespace relay {
namespace {

constexpr const char* kDevice = "01890a5d-0000-7000-8000-00000000000a";
constexpr const char* kRecord = "01890a5d-ac96-774b-bcce-b302099a8057";
constexpr const char* kPerson = "01890a5d-0000-7000-8000-0000000000c1";  // a staff record

PushRequest SamplePush() {
  PushRequest request;
  request.schema_version = kSchemaVersion;
  request.device = kDevice;
  request.changes.push_back(
      {7, Change{"vehicles", kRecord, "plate", "蒙H·12345", HlcTimestamp{1'700'000'000'000, 2},
                 kDevice, HlcTimestamp{}, kPerson}});
  request.changes.push_back(
      {8, Change{"vehicles", kRecord, "seats", 5, HlcTimestamp{1'700'000'000'000, 3}, kDevice,
                 HlcTimestamp{1'600'000'000'000, 0}, ""}});
  return request;
}

TEST(Protocol, PushRequestRoundTrips) {
  const auto request = SamplePush();
  auto decoded = DecodePushRequest(EncodePushRequest(request), 100);
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  ASSERT_EQ(decoded.value().changes.size(), 2u);
  const auto& second = decoded.value().changes[1];
  EXPECT_EQ(second.seq, 8);
  EXPECT_EQ(second.change.value, 5);
  EXPECT_EQ(second.change.hlc, request.changes[1].change.hlc);
  EXPECT_EQ(second.change.seen, request.changes[1].change.seen);
  EXPECT_EQ(second.change.device, kDevice);
  EXPECT_EQ(decoded.value().changes[0].change.person, kPerson);
  EXPECT_EQ(second.change.person, "");
}

TEST(Protocol, APersonTravelsOnlyWithTheChangesThatHaveOne) {
  const auto body = nlohmann::json::parse(EncodePushRequest(SamplePush()));
  EXPECT_EQ(body["changes"][0]["person"], kPerson);
  // A change nobody signed in for looks as it did before people were recorded.
  EXPECT_FALSE(body["changes"][1].contains("person"));
}

TEST(Protocol, PersonMustBeEmptyOrAUuidV7) {
  nlohmann::json body = nlohmann::json::parse(EncodePushRequest(SamplePush()));
  body["changes"][1]["person"] = "";
  EXPECT_TRUE(DecodePushRequest(body.dump(), 100).ok());
  for (const nlohmann::json& bad :
       {nlohmann::json("其木格"), nlohmann::json(7), nlohmann::json(nullptr),
        nlohmann::json("01890A5D-0000-7000-8000-0000000000C1"),
        nlohmann::json("01890a5d-0000-4000-8000-0000000000c1")}) {
    body["changes"][1]["person"] = bad;
    auto decoded = DecodePushRequest(body.dump(), 100);
    ASSERT_FALSE(decoded.ok()) << bad;
    EXPECT_EQ(decoded.status().message().rfind("changes[1].person: must be", 0), 0u)
        << decoded.status().message();
  }
}

TEST(Protocol, PullResponseRoundTrips) {
  PullResponse response;
  response.changes.push_back({41, SamplePush().changes[0].change});
  response.server_id = kRecord;
  response.next_cursor = 41;
  response.more = true;
  auto decoded = DecodePullResponse(EncodePullResponse(response));
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  EXPECT_EQ(decoded.value().next_cursor, 41);
  EXPECT_TRUE(decoded.value().more);
  EXPECT_EQ(decoded.value().changes[0].change.value, "蒙H·12345");
  EXPECT_EQ(decoded.value().changes[0].change.device, kDevice);
  EXPECT_EQ(decoded.value().changes[0].change.person, kPerson);
}

TEST(Protocol, APulledChangeWithABadPersonIsRefused) {
  PullResponse response;
  response.changes.push_back({41, SamplePush().changes[0].change});
  response.server_id = kRecord;
  nlohmann::json body = nlohmann::json::parse(EncodePullResponse(response));
  body["changes"][0]["person"] = "nobody";
  auto decoded = DecodePullResponse(body.dump());
  ASSERT_FALSE(decoded.ok());
  EXPECT_NE(decoded.status().message().find("changes[0].person"), std::string::npos);
}

// Each malformed body is refused with the path of the offending member in the message.
TEST(Protocol, MalformedPushesNameTheProblem) {
  const nlohmann::json good = nlohmann::json::parse(EncodePushRequest(SamplePush()));
  struct Case {
    std::string expected;
    std::function<void(nlohmann::json&)> spoil;
  };
  const std::vector<Case> cases = {
      {"device", [](auto& j) { j["device"] = "laptop-1"; }},
      {"changes: must be an array", [](auto& j) { j["changes"] = "none"; }},
      {"changes[0].hlc", [](auto& j) { j["changes"][0]["hlc"] = "soon"; }},
      {"changes[0].hlc", [](auto& j) { j["changes"][0]["hlc"] = ""; }},
      {"changes[0].seen", [](auto& j) { j["changes"][0]["seen"] = 5; }},
      {"changes[0].id", [](auto& j) { j["changes"][0]["id"] = "1"; }},
      {"changes[0].table", [](auto& j) { j["changes"][0]["table"] = "horses"; }},
      {"changes[0].field", [](auto& j) { j["changes"][0]["field"] = "colour"; }},
      {"changes[0].value", [](auto& j) { j["changes"][0]["value"] = "ABC"; }},
      {"changes[1].value", [](auto& j) { j["changes"][1]["value"] = "five"; }},
      {"changes[0].seq", [](auto& j) { j["changes"][0]["seq"] = 0; }},
      {"changes[1].seq", [](auto& j) { j["changes"][1]["seq"] = 7; }},
      {"protocol", [](auto& j) { j["protocol"] = 9; }},
      {"changes[0]: must be an object", [](auto& j) { j["changes"][0] = 1; }},
      // Integers beyond their bounds. A seq of 2^63 - 1 leaves no number for the next change;
      // 2^53 is past what doubles hold exactly.
      {"changes[1].seq: must be between 1 and 9007199254740991",
       [](auto& j) { j["changes"][1]["seq"] = INT64_MAX; }},
      {"changes[1].seq: must be between 1 and 9007199254740991",
       [](auto& j) { j["changes"][1]["seq"] = kMaxWireInteger + 1; }},
      {"changes[1].seq: is out of range", [](auto& j) { j["changes"][1]["seq"] = UINT64_MAX; }},
      {"schema_version: must be between 1 and 1000000",
       [](auto& j) { j["schema_version"] = 1'000'001; }},
      {"changes[0].hlc: must be a time before the year 3000",
       [](auto& j) { j["changes"][0]["hlc"] = "7fffffffffffffff"; }},
      {"changes[0].seen: must be a time before the year 3000",
       [](auto& j) {
         j["changes"][0]["seen"] = HlcTimestamp{kMaxHlcWallMs + 1, 0}.ToText();
       }},
  };
  for (const auto& c : cases) {
    auto body = good;
    c.spoil(body);
    auto decoded = DecodePushRequest(body.dump(), 100);
    ASSERT_FALSE(decoded.ok()) << c.expected;
    EXPECT_NE(decoded.status().message().find(c.expected), std::string::npos)
        << decoded.status().message();
  }
}

TEST(Protocol, RefusesNonJsonAndTooManyChanges) {
  EXPECT_FALSE(DecodePushRequest("{", 100).ok());
  EXPECT_FALSE(DecodePushRequest("[]", 100).ok());
  EXPECT_FALSE(DecodePushRequest("{\"device\":\"\xff\"}", 100).ok());
  auto too_many = DecodePushRequest(EncodePushRequest(SamplePush()), 1);
  ASSERT_FALSE(too_many.ok());
  EXPECT_NE(too_many.status().message().find("at most 1"), std::string::npos);
}

TEST(Protocol, ErrorBodiesCarryTheirMessage) {
  EXPECT_EQ(DecodeErrorMessage(EncodeError("bad_request", "plate: wrong")), "plate: wrong");
  EXPECT_EQ(DecodeErrorMessage("Bad Gateway"), "Bad Gateway");
}

TEST(Gzip, RoundTripsAndLimitsExpansion) {
  const std::string text(100000, 'a');
  const std::string packed = GzipCompress(text);
  EXPECT_LT(packed.size(), 1000u);
  EXPECT_EQ(GzipDecompress(packed, text.size()).value(), text);
  // A bomb is too large; truncated or foreign bytes are invalid, whatever the limit.
  EXPECT_EQ(GzipDecompress(packed, text.size() - 1).status().kind(), ErrorKind::kTooLarge);
  EXPECT_EQ(GzipDecompress(packed.substr(0, 20), 1 << 20).status().kind(), ErrorKind::kInvalid);
  EXPECT_EQ(GzipDecompress("not gzip", 1 << 20).status().kind(), ErrorKind::kInvalid);
  EXPECT_EQ(GzipDecompress("not gzip", 1).status().kind(), ErrorKind::kInvalid);
}

// The push body with its first change's value replaced by text.
std::string WithFirstValue(const std::string& text) {
  auto body = nlohmann::json::parse(EncodePushRequest(SamplePush())).dump();
  body.replace(body.find("\"蒙H·12345\""), std::string("\"蒙H·12345\"").size(), text);
  return body;
}

TEST(Protocol, RefusesStructuredValues) {
  auto decoded = DecodePushRequest(WithFirstValue("[[1]]"), 100);
  ASSERT_FALSE(decoded.ok());
  EXPECT_NE(decoded.status().message().find("changes[0].value: must be a single value"),
            std::string::npos)
      << decoded.status().message();
}

// 7.9 kB of gzip used to inflate into 4,000,000 nested arrays and a 1.36 GB document: the
// nesting is refused before anything of the body is built.
TEST(Protocol, RefusesBodiesNestedDeeperThanTheProtocolNeedsBeforeBuildingThem) {
  const size_t depth = 4'000'000;
  const std::string arrays = std::string(depth, '[') + std::string(depth, ']');
  for (const std::string& body : {arrays, WithFirstValue(arrays), "{\"changes\":" + arrays + "}"}) {
    auto decoded = DecodePushRequest(body, 100);
    ASSERT_FALSE(decoded.ok());
    EXPECT_EQ(decoded.status().kind(), ErrorKind::kInvalid);
    EXPECT_EQ(decoded.status().message(),
              "body: must not nest arrays and objects more than 8 deep");
  }
  EXPECT_FALSE(DecodePullResponse(arrays).ok());
  EXPECT_FALSE(DecodePushResponse(arrays).ok());
  EXPECT_EQ(DecodeErrorCode("{\"error\":{\"code\":\"x\",\"more\":" + arrays + "}}"), "");
}

TEST(Protocol, NestingIsCountedOutsideStringsOnly) {
  const std::string eight = std::string(8, '[') + std::string(8, ']');
  EXPECT_TRUE(ParseJsonWithin(eight, 8).ok());
  EXPECT_EQ(ParseJsonWithin("[" + eight + "]", 8).status().message(),
            "body: must not nest arrays and objects more than 8 deep");
  EXPECT_EQ(ParseJsonWithin(R"({"a":{"b":[1]}})", 2).status().kind(), ErrorKind::kInvalid);
  // Brackets inside strings, also after an escaped quote or backslash, are text.
  EXPECT_TRUE(ParseJsonWithin(R"(["[[[[", "\"{{{{", "\\", "]]]]"])", 2).ok());
  const auto text = DecodePushRequest(WithFirstValue(R"("[[[[[[[[[[")"), 100);
  EXPECT_EQ(text.status().message().find("nest"), std::string::npos) << text.status().message();
  const auto broken = ParseJsonWithin("[1,", 8);
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.status().message(), "body: is not valid JSON (or not UTF-8)");
}

// Every integer on the wire has bounds (MalformedPushesNameTheProblem refuses those beyond);
// values at the bounds pass, and answers beyond them are refused too.
TEST(Protocol, IntegersAtTheirBoundsPassAndAnswersBeyondThemAreRefused) {
  const nlohmann::json good = nlohmann::json::parse(EncodePushRequest(SamplePush()));
  auto at_bounds = good;
  at_bounds["changes"][1]["seq"] = kMaxWireInteger;
  at_bounds["changes"][1]["hlc"] = HlcTimestamp{kMaxHlcWallMs, 0xffff}.ToText();
  EXPECT_TRUE(DecodePushRequest(at_bounds.dump(), 100).ok());

  // Answers a laptop reads: a cursor or seq it would store and never get past is refused.
  PushResponse pushed;
  pushed.server_id = "01890a5d-0000-7000-8000-0000000000aa";
  pushed.acked_seq = kMaxWireInteger;
  EXPECT_TRUE(DecodePushResponse(EncodePushResponse(pushed)).ok());
  pushed.acked_seq = INT64_MAX;
  EXPECT_EQ(DecodePushResponse(EncodePushResponse(pushed)).status().message(),
            "acked_seq: must be between 0 and 9007199254740991");
  PullResponse pulled{"01890a5d-0000-7000-8000-0000000000aa", {}, INT64_MAX, false};
  EXPECT_EQ(DecodePullResponse(EncodePullResponse(pulled)).status().message(),
            "next_cursor: must be between 0 and 9007199254740991");
  pulled.next_cursor = kMaxWireInteger;
  pulled.changes.push_back({INT64_MAX, SamplePush().changes[0].change});
  EXPECT_EQ(DecodePullResponse(EncodePullResponse(pulled)).status().message(),
            "changes[0].cursor: must be between 1 and 9007199254740991");
  EXPECT_EQ(DecodeErrorSeqs(EncodeError("out_of_scope", "no", {INT64_MAX, 3})),
            std::vector<int64_t>{3});
}

TEST(Protocol, APushAnswerAsksForANewTokenOnlyWhenItSaysSo) {
  PushResponse answer;
  answer.server_id = "01890a5d-0000-7000-8000-0000000000aa";
  EXPECT_EQ(EncodePushResponse(answer).find("rotate_token"), std::string::npos);
  EXPECT_FALSE(DecodePushResponse(EncodePushResponse(answer)).value().rotate_token);
  answer.rotate_token = true;
  EXPECT_TRUE(DecodePushResponse(EncodePushResponse(answer)).value().rotate_token);
  auto body = nlohmann::json::parse(EncodePushResponse(answer));
  body["rotate_token"] = "yes";
  EXPECT_EQ(DecodePushResponse(body.dump()).status().message(),
            "rotate_token: must be true or false");
}

TEST(Protocol, RefusesVersionsThatDoNotFitAnInt) {
  auto body = nlohmann::json::parse(EncodePushRequest(SamplePush()));
  body["protocol"] = 4294967297LL;  // would truncate to 1
  EXPECT_FALSE(DecodePushRequest(body.dump(), 100).ok());
}

TEST(Protocol, ForeignErrorPagesBecomeShortValidText) {
  const std::string gbk_page =
      "\xb7\xfe\xce\xf1\xc6\xf7\xb4\xed\xce\xf3\r\n" + std::string(500, 'x');
  const std::string shown = DecodeErrorMessage(gbk_page);
  EXPECT_TRUE(Utf8Length(shown).has_value());
  EXPECT_EQ(Utf8Length(shown), 200u);
  EXPECT_EQ(shown.find('\r'), std::string::npos);
  EXPECT_NO_THROW(nlohmann::json(shown).dump());
}

}  // namespace
}  // namespace relay
