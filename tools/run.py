"""The process runner of `make run`: the Procfile's processes, their output, their stop.

`python -m tools.run [--procfile Procfile] [name ...]` starts the named lines
of the Procfile (all of them when none is named), each under /bin/sh in a
session of its own, and copies their output line by line, prefixed with the
time and the process's name. A process that ends with status 0 has done its
work (the redis line, when a Redis already answers) and the others go on;
one that fails or is killed stops the rest, and the runner exits with its
status. Ctrl-C, a TERM or a HUP (the terminal closed) stops every process
and the runner exits with 0, so make sees a clean end.

It starts no helper process of its own (a thread reads each process's
output), which keeps the stack small: see docs/04-celery-sync.md,
"Processes and memory".
"""

import argparse
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO

# Long enough for a Celery worker's soft shutdown (chassis/celery.py) to
# finish or hand back its task before the SIGKILL.
STOP_GRACE_SECONDS = 15.0
POLL_SECONDS = 0.1
# The name the runner's own lines carry.
SYSTEM = "system"


class ProcfileError(Exception):
    """The Procfile cannot be read, or names no process asked for."""


@dataclass(frozen=True)
class Entry:
    """One line of a Procfile: a process's name and its shell command."""

    name: str
    command: str


def procfile_read(path: Path) -> list[Entry]:
    """Return the Procfile's entries; blank lines and `#` comments are skipped."""
    entries = []
    for number, text in enumerate(path.read_text().splitlines(), start=1):
        line = text.strip()
        if not line or line.startswith("#"):
            continue
        name, colon, command = (part.strip() for part in line.partition(":"))
        if not (name and colon and command):
            raise ProcfileError(f"{path}:{number}: expected `name: command`")
        entries.append(Entry(name, command))
    return entries


def entries_select(entries: list[Entry], names: Sequence[str]) -> list[Entry]:
    """Return the entries named, in the Procfile's order; all of them if none is."""
    unknown = set(names) - {entry.name for entry in entries}
    if unknown:
        known = ", ".join(entry.name for entry in entries)
        raise ProcfileError(
            f"no process {', '.join(sorted(unknown))}; there are {known}"
        )
    return [entry for entry in entries if not names or entry.name in names]


class Output:
    """Standard output shared by the processes: whole lines, each with time and name."""

    def __init__(self, *, width: int) -> None:
        self._width = width
        self._lock = threading.Lock()

    def write(self, name: str, text: str) -> None:
        """Write one line of the named process."""
        stamp = datetime.now().strftime("%H:%M:%S")
        with self._lock:
            sys.stdout.write(f"{stamp} {name:<{self._width}} | {text}\n")
            sys.stdout.flush()

    def copy(self, name: str, stream: IO[bytes]) -> None:
        """Copy a process's output, line by line, until it closes."""
        for raw in iter(stream.readline, b""):
            self.write(name, raw.decode(errors="replace").rstrip("\r\n"))


class StopRequest:
    """Whether a stop was asked (SIGINT, SIGTERM, SIGHUP): a plain flag.

    Its handler runs in the main thread between two instructions, perhaps
    while that thread holds a lock, so it sets a flag and takes none (an
    Event's set would wait for its own lock for ever).
    """

    def __init__(self) -> None:
        self.asked = False

    def ask(self, signum: int, frame: object) -> None:
        """Record the stop; the main loop sees it within POLL_SECONDS."""
        self.asked = True


@dataclass
class Running:
    """A started process and the thread copying its output."""

    entry: Entry
    process: subprocess.Popen[bytes]
    reader: threading.Thread


def process_start(entry: Entry, output: Output) -> Running:
    """Start the entry's command in a session of its own, its output copied."""
    reading, writing = os.pipe()
    process = subprocess.Popen(
        ["/bin/sh", "-c", entry.command],
        stdin=subprocess.DEVNULL,
        stdout=writing,
        stderr=writing,
        # Its own session: a Ctrl-C reaches the runner only, which stops
        # each process with a TERM to its whole group.
        start_new_session=True,
    )
    # The process holds the writing end now; the pipe closes when it ends.
    os.close(writing)
    reader = threading.Thread(
        target=output.copy,
        args=(entry.name, os.fdopen(reading, "rb")),
        daemon=True,
    )
    reader.start()
    output.write(SYSTEM, f"{entry.name} started (pid {process.pid})")
    return Running(entry, process, reader)


def exit_status(returncode: int) -> int:
    """Return a shell's exit status for a returncode (-N: killed by signal N)."""
    return returncode if returncode >= 0 else 128 - returncode


def signal_group(running: Running, signum: signal.Signals) -> None:
    """Send the signal to every process of the entry's session."""
    try:
        os.killpg(running.process.pid, signum)
    except (ProcessLookupError, PermissionError):
        return


def wait_for_end(running: dict[str, Running], stop: StopRequest, output: Output) -> int:
    """Wait until a process fails or a stop is asked; return the runner's status."""
    while running and not stop.asked:
        for name, member in list(running.items()):
            returncode = member.process.poll()
            if returncode is None:
                continue
            del running[name]
            status = exit_status(returncode)
            if status != 0:
                output.write(SYSTEM, f"{name} ended with status {status}")
                return status
            output.write(SYSTEM, f"{name} ended with status 0; the others run on")
        time.sleep(POLL_SECONDS)
    return 0


def stop_all(running: list[Running], output: Output) -> None:
    """TERM every process's group; KILL those still there after the grace period."""
    for member in running:
        output.write(SYSTEM, f"stopping {member.entry.name}")
        signal_group(member, signal.SIGTERM)
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    for member in running:
        try:
            member.process.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            output.write(SYSTEM, f"{member.entry.name} did not stop: killed")
    for member in running:
        # Whatever a process left in its group, and a process that hung.
        signal_group(member, signal.SIGKILL)
        member.process.wait()


def run(*, procfile: Path, names: Sequence[str]) -> int:
    """Run the named processes of the Procfile until one fails or a stop is asked."""
    entries = entries_select(procfile_read(procfile), names)
    stop = StopRequest()
    # SIGHUP: the terminal was closed.
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, stop.ask)
    output = Output(
        width=max(len(name) for name in [SYSTEM, *(e.name for e in entries)])
    )
    started = [process_start(entry, output) for entry in entries]
    running = {member.entry.name: member for member in started}
    status = wait_for_end(running, stop, output)
    stop_all(list(running.values()), output)
    for member in started:
        # The last lines of a process that ended before the stop.
        member.reader.join(timeout=1.0)
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and run; return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m tools.run")
    parser.add_argument("--procfile", type=Path, default=Path("Procfile"))
    parser.add_argument("names", nargs="*", metavar="name", help="processes to start")
    args = parser.parse_args(argv)
    try:
        return run(procfile=args.procfile, names=args.names)
    except (OSError, ProcfileError) as error:
        print(f"tools.run: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
