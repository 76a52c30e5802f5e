"""How much memory a stack of `make bench` holds: its whole process tree, two ways.

A stack is every process under its `make run` (make, its process runner, each gunicorn
master with its workers, the Celery workers and beat), and its own
redis-server where it uses one. Linux tells each process's resident set size
(RSS, in /proc/<pid>/status) and its proportional set size (PSS, in
/proc/<pid>/smaps_rollup); elsewhere neither is available. RSS counts a page
shared between processes (gunicorn's workers share the interpreter their
master forked) in each of them, so its sum is an upper bound; PSS splits
each shared page between the processes sharing it, so its sum counts each
page once.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")


@dataclass(frozen=True)
class Memory:
    """The memory of a process tree, summed: RSS, and PSS where it could be read."""

    processes: int
    kilobytes: int
    proportional_kilobytes: int | None = None

    @property
    def megabytes(self) -> float:
        """Return the RSS sum in MB of 1,024 kB, the kB /proc counts in."""
        return self.kilobytes / 1024

    @property
    def proportional_megabytes(self) -> float | None:
        """Return the PSS sum in MB, or None where it could not be read."""
        if self.proportional_kilobytes is None:
            return None
        return self.proportional_kilobytes / 1024


def parent_of(stat: str) -> int:
    """Return the parent's pid from a /proc/<pid>/stat line.

    The process's name comes second, in parentheses, and may hold spaces or
    parentheses itself, so the fields are counted from the last ")".
    """
    return int(stat.rpartition(")")[2].split()[1])


def children(proc: Path) -> dict[int, list[int]]:
    """Map each process's pid to its children's pids, as /proc shows them now."""
    found: dict[int, list[int]] = {}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = parent_of((entry / "stat").read_text())
        except (FileNotFoundError, ProcessLookupError):
            continue
        found.setdefault(parent, []).append(int(entry.name))
    return found


def tree(root: int, proc: Path) -> Iterator[int]:
    """Yield the root's pid and those of all its descendants."""
    below = children(proc)
    waiting = [root]
    while waiting:
        pid = waiting.pop()
        yield pid
        waiting.extend(below.get(pid, []))


def kilobytes_of(path: Path, field: str) -> int | None:
    """Return a `Field:  123 kB` line's kilobytes, or None if it or the file is gone."""
    try:
        text = path.read_text()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    for line in text.splitlines():
        name, _, value = line.partition(":")
        if name == field:
            return int(value.split()[0])
    return None


def tree_memory(
    root: int, *, also: Iterable[int] = (), proc: Path = PROC
) -> Memory | None:
    """Sum a process, its descendants and the `also` pids; None without a /proc.

    A process without resident memory (ended, or a zombie) is left out. The
    PSS sum is None when any counted process has no readable smaps_rollup.
    """
    if not (proc / str(root) / "status").exists():
        return None
    rss, pss = 0, 0
    counted, every_pss = 0, True
    for pid in [*tree(root, proc), *also]:
        resident = kilobytes_of(proc / str(pid) / "status", "VmRSS")
        if resident is None:
            continue
        proportional = kilobytes_of(proc / str(pid) / "smaps_rollup", "Pss")
        counted, rss = counted + 1, rss + resident
        every_pss = every_pss and proportional is not None
        pss += proportional or 0
    return Memory(counted, rss, pss if every_pss else None)
