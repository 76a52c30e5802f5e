"""The parts of `make bench` that start and stop a stack.

A stack is started by its tree's own `make run` on free ports with
throw-away databases, so this checkout and an older stage are measured the
same way, whatever processes each one starts. Several stacks run at once,
each on its own ports, so `make bench` can measure them in turn.
"""

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from tools import stages
from tools.benchkit import free_ports

REPO_ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Ports:
    """Where a stack's processes listen (a stage without orders ignores one)."""

    edge: int
    users: int
    orders: int


def stack_ports(stacks: int) -> list[Ports]:
    """Return free ports for the processes of this many stacks, none shared."""
    numbers = free_ports(3 * stacks)
    return [Ports(*numbers[first : first + 3]) for first in range(0, len(numbers), 3)]


@dataclass(frozen=True)
class Running:
    """A stack that its own `make run` is starting: its ports, process and log."""

    ports: Ports
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def url(self) -> str:
        """Return the edge's URL, where the public API answers."""
        return f"http://127.0.0.1:{self.ports.edge}"


# What a `make bench` run tells the makes it starts: its own command line's
# variables (MAKEFLAGS), which must not reach a stack's `make run`.
MAKE_OWN = ("MAKEFLAGS", "MFLAGS", "MAKEOVERRIDES", "MAKELEVEL")


def stack_environment(scratch: Path, env: dict[str, str]) -> dict[str, str]:
    """Return a stack's environment: files in its scratch folder, then `env`."""
    environment = {
        **os.environ,
        "DATABASE_PATH": str(scratch / "monolith.sqlite3"),
        "USERS_DATABASE_PATH": str(scratch / "users.sqlite3"),
        "ORDERS_DATABASE_PATH": str(scratch / "orders.sqlite3"),
        "BEAT_SCHEDULE": str(scratch / "celerybeat-schedule"),
        **env,
    }
    for name in ("DJANGO_SETTINGS_MODULE", *MAKE_OWN):
        environment.pop(name, None)
    return environment


@contextmanager
def stack(
    tree: Path,
    scratch: Path,
    *,
    ports: Ports,
    make_vars: Sequence[str] = (),
    **env: str,
) -> Iterator[Running]:
    """Start the tree's own `make run` on the ports; stop it after.

    An older stage's Makefile takes ORDERS_PORT, and any of `make_vars`
    (`RECONCILE_SECONDS=1`), as a variable it never reads. Each stack gets
    its own databases and beat schedule in its scratch folder.
    """
    scratch.mkdir()
    environment = stack_environment(scratch, env)
    command = [
        "make",
        "run",
        f"PORT={ports.edge}",
        f"USERS_PORT={ports.users}",
        f"ORDERS_PORT={ports.orders}",
        *make_vars,
    ]
    log = scratch / "run.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            command,
            cwd=tree,
            env=environment,
            stdout=output,
            stderr=output,
            start_new_session=True,
        )
    try:
        yield Running(ports, process, log)
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def wait_for(running: Running) -> None:
    """Wait until the edge lists orders with their customers, or fail with the log."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if running.process.poll() is not None:
            sys.exit(f"make run stopped:\n{running.log.read_text()[-3000:]}")
        try:
            response = httpx.get(f"{running.url}/api/orders/", timeout=2)
            if response.status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    sys.exit(f"make run did not answer:\n{running.log.read_text()[-3000:]}")


def commit_of(name: str, *, repo: Path = REPO_ROOT) -> str:
    """Return the commit a tag or other git name points at, or a stage's marker.

    A stage's tag may not be made yet (`make tags` makes them), but the
    newest commit with its `Stage:` trailer is the commit the tag would name.
    """
    rev_parse = ["git", "-C", str(repo), "rev-parse", "--verify", "--quiet"]
    found = subprocess.run(
        [*rev_parse, f"{name}^{{commit}}"], capture_output=True, text=True
    )
    if found.returncode == 0:
        return found.stdout.strip()
    for stage in stages.newest_per_stage(stages.read_markers(repo)):
        if stage.tag == name:
            return stage.sha
    sys.exit(f"{name} is neither a git name nor a stage marked in this history")


@contextmanager
def worktree(tag: str) -> Iterator[Path]:
    """Check the tag out in a temporary worktree; remove it afterwards."""
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        path = Path(scratch) / tag
        git = ["git", "-C", str(REPO_ROOT), "worktree"]
        add = [*git, "add", "--detach", str(path), commit_of(tag)]
        subprocess.run(add, check=True, capture_output=True)
        try:
            yield path
        finally:
            remove = [*git, "remove", "--force", str(path)]
            subprocess.run(remove, check=False, capture_output=True)
