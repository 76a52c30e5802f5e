"""The parts of `make bench` that start, fill and measure a stack.

A stack is started by its tree's own `make run` on free ports with
throw-away databases, so this checkout and an older tag are measured the
same way, whatever processes each one starts.
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
from contextlib import contextmanager
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


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing is listening on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def stack(tree: Path, scratch: Path, **env: str) -> Iterator[str]:
    """Start the tree's own `make run` on free ports; yield the edge's URL."""
    scratch.mkdir()
    port, users_port = free_port(), free_port()
    environment = {
        **os.environ,
        "DATABASE_PATH": str(scratch / "monolith.sqlite3"),
        "USERS_DATABASE_PATH": str(scratch / "users.sqlite3"),
        **env,
    }
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    command = ["make", "run", f"PORT={port}", f"USERS_PORT={users_port}"]
    with (scratch / "run.log").open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=tree,
            env=environment,
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url, process, scratch / "run.log")
        yield url
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def wait_for(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    """Wait until the edge lists orders with their customers, or fail with the log."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"make run stopped:\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(f"{url}/api/orders/", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    sys.exit(f"make run did not answer:\n{log.read_text()[-3000:]}")


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
