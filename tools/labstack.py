"""Starting an attendee's tree the way a learner does: with its own make targets.

From stage 2 a stack is several processes, and how a tree starts them is its
own business. The checker only asks that its make targets (`make run`, and
one per process: `make run-users`, `make run-monolith` at stage 2,
`make run-edge` and `make run-orders` from stage 3, one per Procfile line
from stage 4) honour PORT, USERS_PORT, ORDERS_PORT, the databases' paths
(DATABASE_PATH, USERS_DATABASE_PATH, ORDERS_DATABASE_PATH) and, from stage
4, REDIS_URL, as each lab's README says, and stops what they started. A
tree ignores what its stage does not use.
"""

import os
import signal
import subprocess
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tools.labkit import CheckFailed, LabTree, free_port, http_get
from tools.processtree import kill_tree
from tools.redisserver import RedisNotFound, RedisServer, RedisServerFailed

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


@contextmanager
def lab_redis(tree: LabTree, *, name: str) -> Iterator[str]:
    """Run a redis-server of the checker's own while the block runs; yield its URL."""
    try:
        server = RedisServer(directory=tree.scratch / f"{name}-redis")
    except RedisNotFound as error:
        raise CheckFailed(f"the checker needs a redis-server: {error}") from None
    try:
        server.start()
    except RedisServerFailed as error:
        raise CheckFailed(str(error)) from None
    try:
        yield server.url
    finally:
        server.close()


def stack_env(
    tree: LabTree, *, name: str, redis_url: str | None = None
) -> dict[str, str]:
    """Return an environment with every database in the checker's scratch folder.

    A stack from stage 4 on is given the checker's own Redis (redis_url):
    it must never reach a Redis of the machine's, which others may use.
    """
    env = {
        **os.environ,
        "DATABASE_PATH": str(tree.scratch / f"{name}-monolith.sqlite3"),
        "USERS_DATABASE_PATH": str(tree.scratch / f"{name}-users.sqlite3"),
        "ORDERS_DATABASE_PATH": str(tree.scratch / f"{name}-orders.sqlite3"),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    if redis_url is not None:
        env["REDIS_URL"] = redis_url
    return env


class MakeTarget:
    """One `make <target>` run in a tree: started, stopped as by Ctrl-C, or killed.

    `variables` go on make's command line after the ports (`SWEEP_SECONDS=1`).
    """

    def __init__(
        self,
        tree: LabTree,
        target: str,
        *,
        ports: Ports,
        env: dict[str, str],
        variables: Mapping[str, str] | None = None,
    ) -> None:
        self.target = target
        self.log = tree.scratch / f"{target}-{ports.edge}.log"
        self._cwd = tree.path
        self._env = env
        self._command = [
            *("make", target, f"PORT={ports.edge}"),
            *(f"USERS_PORT={ports.users}", f"ORDERS_PORT={ports.orders}"),
            *(f"{name}={value}" for name, value in (variables or {}).items()),
        ]
        self._process: subprocess.Popen[bytes] | None = None

    def start(self, *, answers: list[str]) -> None:
        """Start make in a session of its own; wait until each of the URLs answers."""
        with self.log.open("ab") as log:
            self._process = subprocess.Popen(
                self._command,
                cwd=self._cwd,
                env=self._env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        _wait(self._process, answers, self.log)

    def exit_status(self) -> int | None:
        """Return make's exit status, or None while it runs (or never ran)."""
        return None if self._process is None else self._process.poll()

    def stop(self) -> None:
        """Interrupt make and what it started, as Ctrl-C would; kill what stays."""
        if self._process is not None and self._process.poll() is None:
            _stop(self._process)

    def kill(self) -> None:
        """Kill make and every process it started at once (SIGKILL), as a crash does."""
        if self._process is not None:
            kill_tree(self._process.pid)
            self._process.wait()

    def tail(self, *, characters: int = 2000) -> str:
        """Return the end of what make and its processes printed."""
        return self.log.read_text(errors="replace")[-characters:]


@contextmanager
def make_target(
    tree: LabTree,
    target: str,
    *,
    ports: Ports,
    env: dict[str, str],
    answers: list[str],
    variables: Mapping[str, str] | None = None,
) -> Iterator[MakeTarget]:
    """Run `make <target>` in the tree until each of the URLs answers; stop it after."""
    make = MakeTarget(tree, target, ports=ports, env=env, variables=variables)
    try:
        make.start(answers=answers)
        yield make
    finally:
        make.stop()


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
        kill_tree(process.pid)
        process.wait()
    except ProcessLookupError:
        pass
