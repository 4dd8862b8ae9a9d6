#!/usr/bin/env python3
"""Runs a command with stdin and stderr on a pseudo-terminal and answers its prompts.

Usage: pty_session.py EXPECT ANSWER [EXPECT ANSWER...] -- COMMAND [ARGS...]

For each pair, waits until the terminal shows EXPECT (after what was seen so far), then
types ANSWER and Enter; the ANSWER `^D` types Ctrl-D (end of input) instead. The
command's stdout passes through to ours; everything the terminal showed (prompts, echoed
answers, errors) is written to $PTY_TRANSCRIPT when set. Exits with the command's exit
code, or 99 when a prompt did not appear within 10 seconds. Standard library only.
"""
import os
import pty
import select
import subprocess
import sys
import time

TIMEOUT = 10.0


def main():
    args = sys.argv[1:]
    split = args.index("--")
    pairs, command = args[:split], args[split + 1:]
    if len(pairs) % 2:
        sys.exit("pty_session.py: EXPECT without ANSWER")
    master, slave = pty.openpty()
    child = subprocess.Popen(command, stdin=slave, stderr=slave, stdout=subprocess.PIPE)
    os.close(slave)
    seen = b""
    position = 0

    def read_some(wait):
        nonlocal seen
        ready, _, _ = select.select([master], [], [], wait)
        if not ready:
            return True
        try:
            data = os.read(master, 4096)
        except OSError:  # EIO: the command closed the terminal
            return False
        seen += data
        return bool(data)

    code = None
    for expect, answer in zip(pairs[0::2], pairs[1::2]):
        wanted = expect.encode()
        deadline = time.monotonic() + TIMEOUT
        while wanted not in seen[position:]:
            if time.monotonic() > deadline or not read_some(0.1) and child.poll() is not None:
                code = 99
                sys.stderr.write(f"pty_session.py: no prompt {expect!r}; terminal showed:\n")
                sys.stderr.write(seen.decode(errors="replace") + "\n")
                break
        if code is not None:
            break
        position = seen.index(wanted, position) + len(wanted)
        os.write(master, b"\x04" if answer == "^D" else answer.encode() + b"\r")
    out = b""
    if code is None:  # drain the terminal and stdout until the command is done
        open_fds = {master, child.stdout.fileno()}
        while open_fds:
            ready, _, _ = select.select(list(open_fds), [], [], TIMEOUT)
            if not ready:
                sys.stderr.write("pty_session.py: the command did not finish; terminal showed:\n")
                sys.stderr.write(seen.decode(errors="replace") + "\n")
                code = 99
                break
            for fd in ready:
                try:
                    data = os.read(fd, 4096)
                except OSError:  # EIO: the command closed the terminal
                    data = b""
                if not data:
                    open_fds.discard(fd)
                elif fd == master:
                    seen += data
                else:
                    out += data
    if code is not None:
        child.kill()
    child.wait()
    os.close(master)
    sys.stdout.buffer.write(out)
    if os.environ.get("PTY_TRANSCRIPT"):
        with open(os.environ["PTY_TRANSCRIPT"], "wb") as f:
            f.write(seen)
    sys.exit(code if code is not None else child.returncode)


if __name__ == "__main__":
    main()
