#include "kamgr/system/git.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "kamgr/system/process.h"

namespace kamgr {

std::string run_program(const std::vector<std::string>& argv, const std::filesystem::path& cwd,
                        int& status) {
  status = 127;
  int pipefd[2];
  if (::pipe2(pipefd, O_CLOEXEC) != 0) return {};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipefd[1], 1);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  // Run in cwd: posix_spawn has no chdir action before glibc 2.29's _np variant.
  posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  const pid_t pid = spawn_program(argv, &actions);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipefd[1]);
  std::string output;
  if (pid > 0) {
    char buf[4096];
    for (ssize_t n; (n = ::read(pipefd[0], buf, sizeof buf)) != 0;) {
      if (n < 0) {
        if (errno == EINTR) continue;
        break;
      }
      output.append(buf, static_cast<size_t>(n));
    }
  }
  ::close(pipefd[0]);
  if (pid <= 0) return {};
  status = wait_program(pid);
  return output;
}

namespace {
std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}
}  // namespace

std::string git_config_value(const std::filesystem::path& dir, const std::string& key) {
  int status = 0;
  std::string value = trim(run_program({"git", "config", "--get", key}, dir, status));
  return status == 0 ? value : std::string{};
}

bool inside_git_work_tree(const std::filesystem::path& dir) {
  int status = 0;
  const std::string out = trim(run_program({"git", "rev-parse", "--is-inside-work-tree"}, dir, status));
  return status == 0 && out == "true";
}

std::filesystem::path git_printed_path(const std::filesystem::path& dir,
                                       const std::string& printed) {
  const std::filesystem::path path(printed);
  return path.is_absolute() ? path : dir / path;
}

std::filesystem::path git_path(const std::filesystem::path& dir, const std::string& name) {
  int status = 0;
  const std::string path = trim(run_program({"git", "rev-parse", "--git-path", name}, dir, status));
  return status == 0 && !path.empty() ? git_printed_path(dir, path) : std::filesystem::path();
}

std::optional<std::string> git_head(const std::filesystem::path& dir) {
  int status = 0;
  std::string commit = trim(run_program({"git", "rev-parse", "HEAD"}, dir, status));
  if (status != 0 || commit.empty()) return std::nullopt;
  return commit;
}

std::string git_prefix(const std::filesystem::path& dir) {
  int status = 0;
  const std::string prefix = trim(run_program({"git", "rev-parse", "--show-prefix"}, dir, status));
  return status == 0 ? prefix : std::string{};
}

}  // namespace kamgr
