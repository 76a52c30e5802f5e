"""Starting an attendee's tree the way a learner does: with its own make targets.

From stage 2 a stack is several processes, and how a tree starts them is its
own business. The checker only asks that its `make run`, `make run-users`
and `make run-monolith` honour PORT, USERS_PORT, DATABASE_PATH and
USERS_DATABASE_PATH, as the lab's README says, and stops what they started.
"""

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tools.labkit import CheckFailed, LabTree, free_port, http_get

STARTUP_SECONDS = 120.0


@dataclass(frozen=True)
class Ports:
    """Where the edge and the users service of a lab's stack listen."""

    edge: int
    users: int

    @property
    def edge_url(self) -> str:
        """Return the edge's base URL."""
        return f"http://127.0.0.1:{self.edge}"

    @property
    def users_url(self) -> str:
        """Return the users service's base URL."""
        return f"http://127.0.0.1:{self.users}"


def new_ports() -> Ports:
    """Return two free ports."""
    return Ports(edge=free_port(), users=free_port())


def stack_env(tree: LabTree, *, name: str) -> dict[str, str]:
    """Return an environment with both databases in the checker's scratch folder."""
    env = {
        **os.environ,
        "DATABASE_PATH": str(tree.scratch / f"{name}-monolith.sqlite3"),
        "USERS_DATABASE_PATH": str(tree.scratch / f"{name}-users.sqlite3"),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


@contextmanager
def make_target(
    tree: LabTree, target: str, *, ports: Ports, env: dict[str, str], answers: list[str]
) -> Iterator[None]:
    """Run `make <target>` in the tree until each of the URLs answers; stop it after."""
    log_path = tree.scratch / f"{target}-{ports.edge}.log"
    command = ["make", target, f"PORT={ports.edge}", f"USERS_PORT={ports.users}"]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=tree.path,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait(process, answers, log_path)
        yield
    finally:
        _stop(process)


def _wait(process: subprocess.Popen[bytes], urls: list[str], log: Path) -> None:
    """Wait until every URL answers; fail with the log if the process stops first."""
    deadline = time.monotonic() + STARTUP_SECONDS
    waiting = list(urls)
    while waiting and time.monotonic() < deadline:
        if process.poll() is not None:
            raise CheckFailed(f"make stopped:\n{log.read_text()[-2000:]}")
        try:
            http_get(waiting[0], timeout=2.0)
        except OSError:
            time.sleep(0.5)
        else:
            waiting.pop(0)
    if waiting:
        raise CheckFailed(
            f"nothing answered at {waiting[0]}:\n{log.read_text()[-2000:]}"
        )


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Interrupt the make and everything it started, as Ctrl-C would."""
    try:
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass
