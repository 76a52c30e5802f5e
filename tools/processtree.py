"""A process and everything it started: found with `ps`, and killed whole.

`ps` is read rather than /proc, so that a lab check that kills a process
of an attendee's stack works on macOS as on Linux.
"""

import os
import signal
import subprocess


def kill_tree(pid: int) -> None:
    """Kill (SIGKILL) the process, its descendants, and their process groups.

    `make run` starts each Procfile line in a session of its own, so killing
    make's group would leave the line's processes running: every group met
    in the tree is killed, after the whole tree was read, since an orphan
    no longer shows whose child it was.
    """
    tree = process_tree(pid)
    groups = {group for _, group in tree} - {os.getpgrp()}
    for group in sorted(groups):
        try:
            os.killpg(group, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            continue
    for member, _ in tree:
        try:
            os.kill(member, signal.SIGKILL)
        except ProcessLookupError:
            continue


def process_tree(pid: int) -> list[tuple[int, int]]:
    """Return (pid, process group) of the process and each of its descendants.

    Read from `ps`, which Linux and macOS both have.
    """
    listing = subprocess.run(
        ["ps", "-A", "-o", "pid=", "-o", "ppid=", "-o", "pgid="],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    children: dict[int, list[tuple[int, int]]] = {}
    found = []
    for line in listing.splitlines():
        member, parent, group = (int(field) for field in line.split())
        children.setdefault(parent, []).append((member, group))
        if member == pid:
            found.append((pid, group))
    waiting = [pid]
    while waiting:
        for member, group in children.get(waiting.pop(), []):
            found.append((member, group))
            waiting.append(member)
    return found
