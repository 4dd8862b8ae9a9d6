#pragma once
/// Starting other programs (git, the user's editor) without a shell, and waiting for them.
#include <spawn.h>
#include <sys/types.h>

#include <string>
#include <vector>

namespace kamgr {

/// Starts `argv[0]` (looked up on PATH) with `argv`, never through a shell, applying
/// `actions` (nullptr: inherit stdin, stdout and stderr). Returns its pid, or -1 when
/// it could not be started.
pid_t spawn_program(const std::vector<std::string>& argv,
                    const posix_spawn_file_actions_t* actions);

/// Waits for `pid`: its exit status, 128 + the signal when it was killed, 127 when
/// waiting failed.
int wait_program(pid_t pid);

}  // namespace kamgr
