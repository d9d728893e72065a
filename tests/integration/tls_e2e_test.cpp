// Sync over https end to end: relay-server with a certificate from a throwaway county CA, and
// relay-cli laptops that pin that CA at enrollment; impostor, expired and misnamed
// certificates are refused, and so are bad certificate files on either side.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "relay/edge/curl_transport.h"
#include "relay/edge/enrollment.h"
#include "relay/edge/sync_client.h"
#include "relay/edge/sync_worker.h"
#include "run_command.h"
#include "server_process.h"
#include "temp_dir.h"
#include "test_certificates.h"

namespace relay {
namespace {

using testing::CommandResult;
using testing::RunCommand;
using testing::TlsFiles;

std::string LastLine(const std::string& text) {
  std::string trimmed = text;
  while (!trimmed.empty() && trimmed.back() == '\n')
    trimmed.pop_back();
  return trimmed.substr(trimmed.rfind('\n') == std::string::npos ? 0 : trimmed.rfind('\n') + 1);
}

std::string FileText(const std::string& path) {
  std::ifstream file(path);
  return std::string(std::istreambuf_iterator<char>(file), {});
}

const std::string kLocalNames = "IP:127.0.0.1,DNS:localhost";

class TlsEndToEnd : public ::testing::Test {
 protected:
  // Runs relay-cli on a laptop database of the temp dir; the exit code and everything printed.
  CommandResult Cli(const std::string& db, const std::string& args) {
    return RunCommand(std::string(RELAY_CLI_BIN) + " --db " + dir_.File(db) + " " + args);
  }
  // Runs relay-cli and expects it to succeed; its last line.
  std::string CliOk(const std::string& db, const std::string& args) {
    const auto result = Cli(db, args);
    EXPECT_EQ(result.exit_code, 0) << args << "\n" << result.output;
    return LastLine(result.output);
  }
  nlohmann::json StatusOf(const std::string& db) {
    return nlohmann::json::parse(CliOk(db, "status"));
  }
  // A server on its own database presenting tls, started.
  std::unique_ptr<testing::ServerProcess> StartServer(const std::string& db, const TlsFiles& tls) {
    auto server = std::make_unique<testing::ServerProcess>(RELAY_SERVER_BIN, dir_.File(db));
    server->UseTls(tls);
    EXPECT_TRUE(server->Start()) << "relay-server did not start with " << tls.cert;
    return server;
  }
  std::string Serve(const std::string& args) {
    const auto result = RunCommand(std::string(RELAY_SERVER_BIN) + " serve --db " +
                                   dir_.File("refused.db") + " " + args);
    EXPECT_NE(result.exit_code, 0) << args << "\n" << result.output;
    EXPECT_FALSE(std::filesystem::exists(dir_.File("refused.db"))) << args;
    return result.output;
  }

  testing::TempDir dir_;
  testing::TestCa county_ca_ = MakeTestCa(dir_, "county", "Test County Relay CA");
  TlsFiles county_server_ = MakeServerCertificate(dir_, "county-server", county_ca_, kLocalNames);
};

TEST_F(TlsEndToEnd, TwoLaptopsEnrolledWithTheCountyCaSyncOverHttps) {
  auto server = StartServer("county.db", county_server_);
  ASSERT_EQ(server->url().rfind("https://", 0), 0u) << server->url();
  CliOk("a.db", "init");
  CliOk("b.db", "init");
  // The CA file is read once: laptop A's copy is deleted after enrolling.
  const std::string ca_copy = dir_.File("ca-copy.crt");
  std::filesystem::copy_file(county_ca_.cert, ca_copy);
  CliOk("a.db", "enroll " + server->url() + " " + server->IssueCode() + " --ca " + ca_copy);
  std::filesystem::remove(ca_copy);
  CliOk("b.db", "enroll --ca " + county_ca_.cert + " " + server->url() + " " + server->IssueCode());

  const std::string id = CliOk(
      "a.db",
      R"(put vehicles '{"plate":"蒙H·00042","owner_category":"gacha_committee","phone":"13800000000"}')");
  EXPECT_NE(CliOk("a.db", "digest"), CliOk("b.db", "digest"));
  const auto pushed = nlohmann::json::parse(CliOk("a.db", "sync " + server->url()));
  EXPECT_GE(pushed["pushed"].get<int>(), 1);
  CliOk("b.db", "sync " + server->url());
  EXPECT_EQ(CliOk("a.db", "digest"), CliOk("b.db", "digest"));
  EXPECT_NE(Cli("b.db", "get vehicles " + id).output.find("蒙H·00042"), std::string::npos);

  // status names the pinned CA by subject and by the fingerprint openssl computes.
  const auto fingerprint =
      RunCommand("openssl x509 -noout -fingerprint -sha256 -in " + county_ca_.cert).output;
  const auto status = StatusOf("a.db");
  ASSERT_TRUE(status["server_ca"].is_object()) << status.dump();
  EXPECT_EQ(status["server_ca"]["subject"], "CN=Test County Relay CA");
  EXPECT_NE(fingerprint.find(status["server_ca"]["sha256"].get<std::string>()), std::string::npos)
      << fingerprint << " vs " << status.dump();
  EXPECT_EQ(status.dump().find("BEGIN CERTIFICATE"), std::string::npos);
}

TEST_F(TlsEndToEnd, APinnedLaptopRefusesToSendItsTokenOverPlainHttp) {
  auto server = StartServer("county.db", county_server_);
  CliOk("a.db", "init");
  CliOk("a.db", "enroll " + server->url() + " " + server->IssueCode() + " --ca " + county_ca_.cert);
  testing::ServerProcess plain(RELAY_SERVER_BIN, dir_.File("plain.db"));
  ASSERT_TRUE(plain.Start());
  const auto refused = Cli("a.db", "sync " + plain.url());
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.output.find("server not trusted: this laptop was enrolled with a county CA, "
                                "so it talks to the server over https:// only"),
            std::string::npos)
      << refused.output;
}

TEST_F(TlsEndToEnd, AServerWithACertificateFromAnotherCaIsRefusedAtEnrollmentAndNothingIsStored) {
  const auto other_ca = MakeTestCa(dir_, "other", "Somebody Else CA");
  auto impostor =
      StartServer("impostor.db", MakeServerCertificate(dir_, "impostor", other_ca, kLocalNames));
  CliOk("a.db", "init");
  const auto refused = Cli("a.db", "enroll " + impostor->url() + " " + impostor->IssueCode() +
                                       " --ca " + county_ca_.cert);
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.output.find(
                "enroll failed: server not trusted: the certificate of " + impostor->url() +
                " did not pass the check against the county CA set at enrollment "
                "(SSL certificate problem: unable to get local issuer certificate)"),
            std::string::npos)
      << refused.output;
  const auto status = StatusOf("a.db");
  EXPECT_FALSE(status["enrolled"].get<bool>()) << status.dump();
  EXPECT_FALSE(status.contains("server_ca")) << status.dump();
  // The request never reached the server: no device is enrolled there.
  EXPECT_EQ(
      RunCommand(std::string(RELAY_SERVER_BIN) + " admin devices --db " + dir_.File("impostor.db"))
          .output,
      "");

  // Without --ca the laptop trusts the system's CAs, which know no test CA either.
  const auto unpinned = Cli("a.db", "enroll " + impostor->url() + " " + impostor->IssueCode());
  EXPECT_NE(unpinned.output.find("did not pass the check against this computer's CAs"),
            std::string::npos)
      << unpinned.output;
  EXPECT_FALSE(StatusOf("a.db")["enrolled"].get<bool>());
}

TEST_F(TlsEndToEnd, AServerWithACertificateFromAnotherCaIsRefusedAtSyncWithoutRetrying) {
  auto county = StartServer("county.db", county_server_);
  const auto other_ca = MakeTestCa(dir_, "other", "Somebody Else CA");
  auto impostor =
      StartServer("impostor.db", MakeServerCertificate(dir_, "impostor", other_ca, kLocalNames));
  SystemClock clock;
  auto laptop = edge::LocalStore::Open(dir_.File("a.db"), clock).value();
  {
    edge::CurlOptions pinned;
    pinned.trusted_ca_pem = FileText(county_ca_.cert);
    edge::CurlTransport transport(county->url(), pinned);
    auto enrolled = edge::Enroll(*laptop, transport, county->IssueCode(), pinned.trusted_ca_pem);
    ASSERT_TRUE(enrolled.ok()) << enrolled.status().message();
  }
  ASSERT_TRUE(laptop
                  ->Put("vehicles", {{"plate", "蒙H·00043"},
                                     {"owner_category", "gacha_committee"},
                                     {"phone", "13800000000"}})
                  .ok());
  const int64_t pending = laptop->ReadSyncStatus().value().pending_changes;
  ASSERT_GT(pending, 0);

  // The CLI's sync against the impostor: refused, recorded, and the change still waits.
  const auto refused = Cli("a.db", "sync " + impostor->url());
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.output.find("sync failed: server not trusted: the certificate of " +
                                impostor->url() + " did not pass the check against the county CA"),
            std::string::npos)
      << refused.output;
  const auto status = StatusOf("a.db");
  EXPECT_EQ(status["last_error_kind"], "untrusted") << status.dump();
  EXPECT_EQ(status["pending_changes"], pending);

  // The sync client does not retry it as if the link had dropped.
  int waits = 0;
  edge::SyncOptions options;
  options.sleep = [&waits](std::chrono::milliseconds) { ++waits; };
  edge::CurlOptions pinned;
  pinned.trusted_ca_pem = laptop->ReadEnrollment().value()->server_ca_pem;
  edge::CurlTransport to_impostor(impostor->url(), pinned);
  EXPECT_FALSE(edge::SyncClient(*laptop, to_impostor, options).Run().ok());
  EXPECT_EQ(waits, 0);

  // relay-edge's sync thread uses the stored CA too: the impostor is refused, the county not.
  for (const auto& [url, trusted] :
       {std::pair{impostor->url(), false}, std::pair{county->url(), true}}) {
    edge::SyncWorker worker(*laptop, url);
    worker.RequestSync();
    std::optional<edge::SyncOutcome> outcome;
    for (int i = 0; i < 400 && !outcome; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      outcome = worker.TakeOutcome();
    }
    ASSERT_TRUE(outcome.has_value()) << url;
    EXPECT_EQ(outcome->ok, trusted) << url << ": " << outcome->error;
    if (!trusted) {
      EXPECT_EQ(outcome->kind, ErrorKind::kUntrusted) << outcome->error;
    }
  }
  EXPECT_EQ(laptop->ReadSyncStatus().value().pending_changes, 0);
}

TEST_F(TlsEndToEnd, AnExpiredOrMisnamedCertificateIsRefused) {
  auto misnamed = StartServer(
      "misnamed.db", MakeServerCertificate(dir_, "misnamed", county_ca_, "DNS:county.example"));
  CliOk("a.db", "init");
  const auto wrong_name = Cli("a.db", "enroll " + misnamed->url() + " " + misnamed->IssueCode() +
                                          " --ca " + county_ca_.cert);
  EXPECT_NE(wrong_name.exit_code, 0);
  EXPECT_NE(wrong_name.output.find("server not trusted"), std::string::npos) << wrong_name.output;
  EXPECT_NE(wrong_name.output.find("no alternative certificate subject name matches target host "
                                   "name '127.0.0.1'"),
            std::string::npos)
      << wrong_name.output;

  const TlsFiles expired = MakeServerCertificate(dir_, "expired", county_ca_, kLocalNames, 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // past its last valid second
  // The server serves it, warning that laptops will refuse it.
  const auto warned = RunCommand(
      "timeout 1 " + std::string(RELAY_SERVER_BIN) + " serve --db " + dir_.File("warned.db") +
      " --listen https://127.0.0.1:" + std::to_string(testing::FreeLoopbackPort()) + " --cert " +
      expired.cert + " --key " + expired.key);
  EXPECT_NE(
      warned.output.find("warning: --cert: " + expired.cert + ": the certificate is not valid now"),
      std::string::npos)
      << warned.output;
  auto stale = StartServer("expired.db", expired);
  const auto refused =
      Cli("a.db", "enroll " + stale->url() + " " + stale->IssueCode() + " --ca " + county_ca_.cert);
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.output.find("server not trusted"), std::string::npos) << refused.output;
  EXPECT_NE(refused.output.find("certificate has expired"), std::string::npos) << refused.output;
  EXPECT_FALSE(StatusOf("a.db")["enrolled"].get<bool>());
}

TEST_F(TlsEndToEnd, ServeRefusesMissingUnreadableAndMismatchedCertificateFiles) {
  const std::string listen =
      " --listen https://127.0.0.1:" + std::to_string(testing::FreeLoopbackPort());
  const std::string cert = " --cert " + county_server_.cert;
  const std::string key = " --key " + county_server_.key;
  EXPECT_NE(Serve(listen + cert).find("--key: is required with an https:// --listen URL"),
            std::string::npos);
  EXPECT_NE(Serve(listen + key).find("--cert: is required with an https:// --listen URL"),
            std::string::npos);
  EXPECT_NE(Serve(" --listen http://127.0.0.1:1" + cert + key)
                .find("--cert: is only for an https:// --listen URL"),
            std::string::npos);
  EXPECT_NE(Serve(" --listen ftp://127.0.0.1:1").find("--listen: must be a URL such as"),
            std::string::npos);

  const std::string missing = dir_.File("missing.key");
  EXPECT_NE(Serve(listen + cert + " --key " + missing)
                .find("--key: " + missing + ": cannot be read (No such file or directory)"),
            std::string::npos);
  // A key made for another certificate.
  const auto other = MakeServerCertificate(dir_, "other-server", county_ca_, kLocalNames);
  EXPECT_NE(Serve(listen + cert + " --key " + other.key)
                .find("--key: " + other.key + ": does not belong to the certificate in --cert " +
                      county_server_.cert),
            std::string::npos);
  // The key given as the certificate, and the certificate as the key.
  EXPECT_NE(Serve(listen + " --cert " + county_server_.key + key)
                .find("--cert: " + county_server_.key + ": must hold the server's PEM certificate"),
            std::string::npos);
  EXPECT_NE(Serve(listen + cert + " --key " + county_server_.cert)
                .find("--key: " + county_server_.cert + ": must hold a PEM private key"),
            std::string::npos);
  // A key protected by a passphrase would make the server wait for someone to type it.
  const std::string locked = dir_.File("locked.key");
  ASSERT_EQ(RunCommand("openssl pkey -in " + county_server_.key + " -aes256 -passout pass:x -out " +
                       locked)
                .exit_code,
            0);
  EXPECT_NE(Serve(listen + cert + " --key " + locked)
                .find("--key: " + locked + ": is protected by a passphrase"),
            std::string::npos);
}

TEST_F(TlsEndToEnd, EnrollRefusesABadCaFileBeforeSendingAnything) {
  auto server = StartServer("county.db", county_server_);
  CliOk("a.db", "init");
  const std::string code = server->IssueCode();
  const auto refusal = [&](const std::string& args) {
    const auto result = Cli("a.db", "enroll " + args);
    EXPECT_NE(result.exit_code, 0) << args;
    return result.output;
  };
  const std::string http_url = "http://127.0.0.1:" + std::to_string(testing::FreeLoopbackPort());
  EXPECT_NE(refusal(http_url + " " + code + " --ca " + county_ca_.cert)
                .find("--ca: is only for an https:// server URL, not " + http_url),
            std::string::npos);
  const std::string missing = dir_.File("missing.crt");
  EXPECT_NE(refusal(server->url() + " " + code + " --ca " + missing)
                .find("--ca: " + missing + ": cannot be read"),
            std::string::npos);
  EXPECT_NE(refusal(server->url() + " " + code + " --ca " + county_ca_.key)
                .find("--ca: " + county_ca_.key + ": holds a private key"),
            std::string::npos);
  EXPECT_NE(refusal(server->url() + " " + code + " --ca " + county_server_.cert)
                .find("holds a certificate that is not a CA's (CN=county-server)"),
            std::string::npos);
  EXPECT_NE(refusal(server->url() + " " + code + " --ca").find("--ca: needs"), std::string::npos);
  EXPECT_FALSE(StatusOf("a.db")["enrolled"].get<bool>());
  // None of them reached the server: the code is still good.
  CliOk("a.db", "enroll " + server->url() + " " + code + " --ca " + county_ca_.cert);
}

}  // namespace
}  // namespace relay
