"""The parts of `make bench` that start, fill and measure a stack.

A stack is started by its tree's own `make run` on free ports with
throw-away databases, so this checkout and an older tag are measured the
same way, whatever processes each one starts. Several stacks run at once,
each on its own ports, so `make bench` can measure them in turn.
"""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

REPO_ROOT = Path(__file__).resolve().parents[1]
ORDERS = 60
LINE = {"sku": "BENCH-1", "name": "Bench mug", "quantity": 1, "unit_price": "9.99"}


@dataclass(frozen=True)
class Result:
    """How one scenario went against one stack."""

    requests: int
    seconds: float
    latencies: list[float]
    errors: int

    @property
    def per_second(self) -> float:
        """Return the throughput."""
        return self.requests / self.seconds

    def percentile(self, share: float) -> float:
        """Return a latency percentile in milliseconds."""
        ordered = sorted(self.latencies)
        return 1000 * ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def free_ports(count: int) -> list[int]:
    """Return distinct TCP ports on 127.0.0.1 that nothing is listening on now."""
    with ExitStack() as held:
        sockets = [held.enter_context(socket.socket()) for _ in range(count)]
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [int(sock.getsockname()[1]) for sock in sockets]


@dataclass(frozen=True)
class Running:
    """A stack that its own `make run` is starting: the edge's URL and the log."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path


@contextmanager
def stack(
    tree: Path, scratch: Path, *, ports: tuple[int, int], **env: str
) -> Iterator[Running]:
    """Start the tree's own `make run` on the ports (edge, users); stop it after."""
    scratch.mkdir()
    environment = {
        **os.environ,
        "DATABASE_PATH": str(scratch / "monolith.sqlite3"),
        "USERS_DATABASE_PATH": str(scratch / "users.sqlite3"),
        **env,
    }
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    command = ["make", "run", f"PORT={ports[0]}", f"USERS_PORT={ports[1]}"]
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
        yield Running(f"http://127.0.0.1:{ports[0]}", process, log)
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


def fill(url: str) -> int:
    """Give the stack ORDERS orders of different customers; return one order's id."""
    with httpx.Client(base_url=url, timeout=30) as api:
        order_id = 0
        for number in range(ORDERS):
            email = f"bench-{number}@example.com"
            user = api.post(
                "/api/users/", json={"name": f"Bench {number}", "email": email}
            )
            payload = {"user_id": user.json()["id"], "lines": [LINE]}
            order_id = api.post("/api/orders/", json=payload).json()["id"]
        return int(order_id)


def measure(
    url: str,
    request: Callable[[httpx.Client], httpx.Response],
    *,
    clients: int,
    seconds: float,
) -> Result:
    """Send requests from concurrent clients for a while; collect latencies.

    The clock starts once every client is ready, and each client sends at
    least one request, however short the while.
    """
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors = [0] * clients
    began: list[float] = []
    ready = threading.Barrier(clients, action=lambda: began.append(time.monotonic()))

    def run(index: int) -> None:
        with httpx.Client(base_url=url, timeout=30) as client:
            ready.wait()
            while True:
                started = time.perf_counter()
                try:
                    ok = request(client).status_code < 400
                except httpx.HTTPError:
                    ok = False
                latencies[index].append(time.perf_counter() - started)
                errors[index] += not ok
                if time.monotonic() >= began[0] + seconds:
                    return

    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    every = [latency for own in latencies for latency in own]
    return Result(len(every), time.monotonic() - began[0], every, sum(errors))


@contextmanager
def worktree(tag: str) -> Iterator[Path]:
    """Check the tag out in a temporary worktree; remove it afterwards."""
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        path = Path(scratch) / tag
        git = ["git", "-C", str(REPO_ROOT), "worktree"]
        add = [*git, "add", "--detach", str(path), tag]
        subprocess.run(add, check=True, capture_output=True)
        try:
            yield path
        finally:
            remove = [*git, "remove", "--force", str(path)]
            subprocess.run(remove, check=False, capture_output=True)
