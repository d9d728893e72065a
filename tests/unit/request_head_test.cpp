#include "http/request_head.h"

#include <gtest/gtest.h>

namespace relay::server::http {
namespace {

TEST(RequestHeadTest, ReadsMethodPathQueryAndHeadersIgnoringTheCaseOfNames) {
  auto head = ParseRequestHead(
      "GET /v1/pull?after=5&limit=10 HTTP/1.1\r\nHost: county\r\nACCEPT-encoding:  gzip, br \r\n"
      "content-length: 0\r\n\r\n");
  ASSERT_TRUE(head.ok()) << head.status().message();
  EXPECT_EQ(head.value().method, "GET");
  EXPECT_EQ(head.value().path, "/v1/pull");
  EXPECT_EQ(head.value().query, "after=5&limit=10");
  EXPECT_EQ(head.value().Header("Accept-Encoding"), "gzip, br");
  EXPECT_TRUE(head.value().HeaderHas("accept-encoding", "GZIP"));
  EXPECT_FALSE(head.value().HeaderHas("Accept-Encoding", "deflate"));
  EXPECT_TRUE(head.value().has_content_length());
  EXPECT_TRUE(head.value().keep_alive());
}

TEST(RequestHeadTest, ConnectionCloseAndHttp10EndTheConnection) {
  EXPECT_FALSE(
      ParseRequestHead("GET / HTTP/1.1\r\nConnection: close\r\n\r\n").value().keep_alive());
  EXPECT_FALSE(ParseRequestHead("GET / HTTP/1.0\r\n\r\n").value().keep_alive());
  EXPECT_TRUE(
      ParseRequestHead("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").value().keep_alive());
}

TEST(RequestHeadTest, AContentLengthThatIsNotOneNumberIsRefusedNamingIt) {
  for (const char* value : {"-1", "+5", "12abc", "", "99999999999999999999999", "1, 2"}) {
    auto head = ParseRequestHead(std::string("POST /v1/push HTTP/1.1\r\nContent-Length: ") + value +
                                 "\r\n\r\n");
    ASSERT_FALSE(head.ok()) << value;
    EXPECT_EQ(head.status().kind(), ErrorKind::kInvalid);
    EXPECT_NE(head.status().message().find("Content-Length"), std::string::npos);
  }
  EXPECT_FALSE(
      ParseRequestHead("POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n").ok());
  auto length = ParseRequestHead("POST / HTTP/1.1\r\nContent-Length: 1073741824\r\n\r\n");
  ASSERT_TRUE(length.ok());
  EXPECT_EQ(length.value().content_length(), 1073741824u);
}

TEST(RequestHeadTest, ABrokenRequestLineOrHeaderIsRefused) {
  for (const char* text :
       {"GET\r\n\r\n", "GET /v1/health\r\n\r\n", "GET v1/health HTTP/1.1\r\n\r\n",
        "GET /v1/health HTTP/2\r\n\r\n", "G(T /v1/health HTTP/1.1\r\n\r\n",
        "GET /v1/health HTTP/1.1\r\nno colon\r\n\r\n",
        "GET /v1/health HTTP/1.1\r\n bad: folded\r\n\r\n"}) {
    EXPECT_FALSE(ParseRequestHead(text).ok()) << text;
  }
}

}  // namespace
}  // namespace relay::server::http
