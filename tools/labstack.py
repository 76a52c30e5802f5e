"""Starting an attendee's tree the way a learner does: with its own make targets.

From stage 2 a stack is several processes, and how a tree starts them is its
own business. The checker only asks that its make targets (`make run`, and
one per process: `make run-users`, `make run-monolith` at stage 2,
`make run-edge` and `make run-orders` from stage 3) honour PORT,
USERS_PORT, ORDERS_PORT and the databases' paths (DATABASE_PATH,
USERS_DATABASE_PATH, ORDERS_DATABASE_PATH), as each lab's README says, and
stops what they started. A tree ignores what its stage does not use.
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
# Once one URL answers, the stack is up: a process whose URL still does not
# answer this much later was most likely never started (a Makefile that
# does not know ORDERS_PORT), so the check fails now rather than in minutes.
OTHERS_SECONDS = 30.0


@dataclass(frozen=True)
class Ports:
    """Where the edge and the services of a lab's stack listen."""

    edge: int
    users: int
    orders: int

    @property
    def edge_url(self) -> str:
        """Return the edge's base URL."""
        return f"http://127.0.0.1:{self.edge}"

    @property
    def users_url(self) -> str:
        """Return the users service's base URL."""
        return f"http://127.0.0.1:{self.users}"

    @property
    def orders_url(self) -> str:
        """Return the orders service's base URL."""
        return f"http://127.0.0.1:{self.orders}"


def new_ports() -> Ports:
    """Return three free ports."""
    return Ports(edge=free_port(), users=free_port(), orders=free_port())


def stack_env(tree: LabTree, *, name: str) -> dict[str, str]:
    """Return an environment with every database in the checker's scratch folder."""
    env = {
        **os.environ,
        "DATABASE_PATH": str(tree.scratch / f"{name}-monolith.sqlite3"),
        "USERS_DATABASE_PATH": str(tree.scratch / f"{name}-users.sqlite3"),
        "ORDERS_DATABASE_PATH": str(tree.scratch / f"{name}-orders.sqlite3"),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


@contextmanager
def make_target(
    tree: LabTree, target: str, *, ports: Ports, env: dict[str, str], answers: list[str]
) -> Iterator[None]:
    """Run `make <target>` in the tree until each of the URLs answers; stop it after."""
    log_path = tree.scratch / f"{target}-{ports.edge}.log"
    command = [
        *("make", target, f"PORT={ports.edge}"),
        *(f"USERS_PORT={ports.users}", f"ORDERS_PORT={ports.orders}"),
    ]
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
            deadline = min(deadline, time.monotonic() + OTHERS_SECONDS)
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
