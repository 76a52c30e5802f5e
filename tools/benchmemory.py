"""How much memory a stack of `make bench` holds: the RSS of its whole process tree.

A stack is every process under its `make run`: make, honcho, and each
gunicorn master with its workers. Linux tells each one's resident set size
in /proc; elsewhere the figure is not available. RSS counts a page shared
between processes (gunicorn's workers share the interpreter their master
forked) in each of them, so the sum is an upper bound.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")


@dataclass(frozen=True)
class Memory:
    """The resident memory of a process tree, summed."""

    processes: int
    kilobytes: int

    @property
    def megabytes(self) -> float:
        """Return the sum in MB of 1,024 kB, the kB /proc counts in."""
        return self.kilobytes / 1024


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


def resident_kilobytes(pid: int, proc: Path) -> int | None:
    """Return a process's VmRSS in kB, or None if it has ended or has none."""
    try:
        status = (proc / str(pid) / "status").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    for line in status.splitlines():
        name, _, value = line.partition(":")
        if name == "VmRSS":
            return int(value.split()[0])
    return None


def tree_memory(root: int, *, proc: Path = PROC) -> Memory | None:
    """Sum the RSS of a process and its descendants; None without a /proc."""
    if not (proc / str(root) / "status").exists():
        return None
    sizes = [resident_kilobytes(pid, proc) for pid in tree(root, proc)]
    counted = [size for size in sizes if size is not None]
    return Memory(processes=len(counted), kilobytes=sum(counted))
