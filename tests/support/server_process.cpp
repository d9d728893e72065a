#include "server_process.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <thread>

#include "relay/edge/curl_transport.h"
#include "run_command.h"

namespace relay::testing {

int FreeLoopbackPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

ServerProcess::ServerProcess(std::string binary, std::string db_path,
                             std::vector<std::string> extra_args)
    : binary_(std::move(binary)),
      db_path_(std::move(db_path)),
      extra_args_(std::move(extra_args)) {}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) Kill();
}

bool ServerProcess::Start() {
  url_ =
      std::string(tls_ ? "https" : "http") + "://127.0.0.1:" + std::to_string(FreeLoopbackPort());
  std::vector<std::string> args = {binary_, "serve", "--db", db_path_, "--listen", url_};
  if (tls_) args.insert(args.end(), {"--cert", tls_->cert, "--key", tls_->key});
  args.insert(args.end(), extra_args_.begin(), extra_args_.end());
  int output[2];
  if (pipe(output) != 0) return false;
  pid_ = fork();
  if (pid_ == 0) {
    if (open_files_soft_ > 0) {
      rlimit files{};
      getrlimit(RLIMIT_NOFILE, &files);
      files.rlim_cur = open_files_soft_;
      setrlimit(RLIMIT_NOFILE, &files);
    }
    dup2(output[1], STDOUT_FILENO);
    close(output[0]);
    close(output[1]);
    std::vector<char*> argv;
    for (auto& arg : args)
      argv.push_back(arg.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(output[1]);
  output_fd_ = output[0];

  // The port was free a moment ago; another test's server may have taken it since. Only our
  // child's own "serving" line proves that it is the one listening.
  std::string said;
  pollfd readable{output_fd_, POLLIN, 0};
  while (said.find("serving") == std::string::npos) {
    if (poll(&readable, 1, 5000) <= 0) return false;
    char buffer[256];
    const ssize_t read_bytes = read(output_fd_, buffer, sizeof buffer);
    if (read_bytes <= 0) {  // the child exited without serving
      Kill();
      return false;
    }
    said.append(buffer, static_cast<size_t>(read_bytes));
  }
  edge::CurlOptions quick;
  quick.connect_timeout_s = 1;
  if (tls_) {
    std::ifstream ca(tls_->ca);
    quick.trusted_ca_pem.assign(std::istreambuf_iterator<char>(ca), {});
  }
  edge::CurlTransport probe(url_, quick);
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto answer = probe.Send({"GET", "/v1/health", ""});
    if (answer.ok() && answer.value().status == 200) return true;
    // A certificate the probe does not trust still proves the server is listening: tests
    // of refused certificates start such servers on purpose.
    if (!answer.ok() && answer.status().kind() == ErrorKind::kUntrusted) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

int ServerProcess::Stop() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  int status = 0;
  for (int waited_ms = 0; waitpid(pid_, &status, WNOHANG) == 0; waited_ms += 20) {
    if (waited_ms > 10000) kill(pid_, SIGKILL);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  pid_ = -1;
  close(output_fd_);
  output_fd_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void ServerProcess::Kill() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
  close(output_fd_);
  output_fd_ = -1;
}

int ServerProcess::port() const {
  return std::stoi(url_.substr(url_.rfind(':') + 1));
}

size_t ServerProcess::ResidentKiB() const {
  if (pid_ <= 0) return 0;
  std::ifstream status("/proc/" + std::to_string(pid_) + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stoul(line.substr(6));
  }
  return 0;
}

double ServerProcess::CpuSeconds() const {
  if (pid_ <= 0) return 0;
  std::ifstream stat("/proc/" + std::to_string(pid_) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  // Fields 14 and 15 (utime, stime) follow the command name, which ends at the last ')'.
  std::istringstream fields(text.substr(text.rfind(')') + 2));
  std::string field;
  unsigned long long ticks = 0;
  for (int number = 3; number <= 15 && fields >> field; ++number) {
    if (number >= 14) ticks += std::stoull(field);
  }
  return static_cast<double>(ticks) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

size_t ServerProcess::OpenFiles() const {
  if (pid_ <= 0) return 0;
  std::error_code error;
  size_t files = 0;
  for (std::filesystem::directory_iterator it("/proc/" + std::to_string(pid_) + "/fd", error), end;
       !error && it != end; it.increment(error)) {
    ++files;
  }
  return files;
}

std::string ServerProcess::IssueCode(const std::string& role, const std::string& sumu) const {
  const auto issued = RunCommand(binary_ + " admin enroll --db " + db_path_ + " --role " + role +
                                 (sumu.empty() ? "" : " --sumu " + sumu));
  if (issued.exit_code != 0) return "";
  return issued.output.substr(0, issued.output.find('\n'));
}

std::string ServerProcess::AuditListing(const std::string& arguments) const {
  const auto listed = RunCommand(binary_ + " admin audit --db " + db_path_ + " " + arguments);
  return listed.exit_code == 0 ? listed.output : "";
}

}  // namespace relay::testing
