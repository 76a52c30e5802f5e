"""`make bench`: measure the public API of this checkout and of another stage.

Usage: `python -m tools.bench [--compare TAG] [--seconds N] [--clients N]`.
Each stack is started by its own `make run` (this checkout, and the tag in a
temporary worktree) on free ports and throw-away databases, filled with the
same data over the public API, then measured with the same concurrent
clients: the order list (a page of 50 with their customers), one order, and
placing an order. This checkout is also measured with the naive
UsersClient that asks for each customer on its own. Figures are requests per
second and latency percentiles, then ratios: the machine's speed cancels out.
"""

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

REPO_ROOT = Path(__file__).resolve().parents[1]
ORDERS = 60
PAGE = "/api/orders/?page_size=50"
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
        process.wait(timeout=30)


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
    """Send requests from concurrent clients for a while; collect latencies."""
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors = [0] * clients
    stop = time.monotonic() + seconds

    def run(index: int) -> None:
        with httpx.Client(base_url=url, timeout=30) as client:
            while time.monotonic() < stop:
                started = time.perf_counter()
                try:
                    ok = request(client).status_code < 400
                except httpx.HTTPError:
                    ok = False
                latencies[index].append(time.perf_counter() - started)
                errors[index] += not ok

    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    every = [latency for own in latencies for latency in own]
    return Result(len(every), time.monotonic() - began, every, sum(errors))


def scenarios(
    order_id: int, customer: int
) -> dict[str, Callable[[httpx.Client], httpx.Response]]:
    """Return the requests to measure, by name."""
    placing = {"user_id": customer, "lines": [LINE]}
    return {
        "order list, 50 with customers": lambda c: c.get(PAGE),
        "order detail": lambda c: c.get(f"/api/orders/{order_id}/"),
        "order placement": lambda c: c.post("/api/orders/", json=placing),
    }


def bench(
    url: str, *, clients: int, seconds: float, only: Sequence[str] = ()
) -> dict[str, Result]:
    """Fill a stack and measure every scenario (or only some) against it."""
    order_id = fill(url)
    customer = httpx.get(f"{url}/api/orders/{order_id}/", timeout=30).json()["user_id"]
    results = {}
    for name, request in scenarios(order_id, customer).items():
        if only and name not in only:
            continue
        measure(url, request, clients=clients, seconds=1.0)  # warm up
        results[name] = measure(url, request, clients=clients, seconds=seconds)
    return results


def table(columns: dict[str, dict[str, Result]]) -> str:
    """Render results as a Markdown table: one row per scenario and stack."""
    rows = [
        "| scenario | stack | req/s | p50 ms | p99 ms | errors |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for label, results in columns.items():
        for name, result in results.items():
            p50, p99 = result.percentile(0.5), result.percentile(0.99)
            rows.append(
                f"| {name} | {label} | {result.per_second:.0f} | "
                f"{p50:.1f} | {p99:.1f} | {result.errors} |"
            )
    return "\n".join(rows)


def ratios(mine: dict[str, Result], theirs: dict[str, Result], label: str) -> str:
    """Render this checkout against another stack as ratios (above 1: slower here)."""
    rows = [
        f"| scenario | p50 here / {label} | req/s {label} / here |",
        "| --- | ---: | ---: |",
    ]
    for name in mine:
        if name in theirs:
            p50 = mine[name].percentile(0.5) / theirs[name].percentile(0.5)
            rate = theirs[name].per_second / mine[name].per_second
            rows.append(f"| {name} | {p50:.2f} | {rate:.2f} |")
    return "\n".join(rows)


@contextmanager
def worktree(tag: str) -> Iterator[Path]:
    """Check the tag out in a temporary worktree; remove it afterwards."""
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        path = Path(scratch) / tag
        subprocess.run(
            [
                "git",
                "-C",
                str(REPO_ROOT),
                "worktree",
                "add",
                "--detach",
                str(path),
                tag,
            ],
            check=True,
            capture_output=True,
        )
        try:
            yield path
        finally:
            subprocess.run(
                [
                    "git",
                    "-C",
                    str(REPO_ROOT),
                    "worktree",
                    "remove",
                    "--force",
                    str(path),
                ],
                check=False,
                capture_output=True,
            )


def main(argv: Sequence[str] | None = None) -> int:
    """Measure this checkout, its naive variant, and another tag; print the tables."""
    parser = argparse.ArgumentParser(prog="bench.py", description=__doc__)
    parser.add_argument("--compare", default="stage-1-modular-monolith")
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args(argv)
    options = {"clients": args.clients, "seconds": args.seconds}
    columns: dict[str, dict[str, Result]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        root = Path(scratch)
        (root / "here").mkdir()
        with stack(REPO_ROOT, root / "here") as url:
            columns["this checkout"] = bench(url, **options)
        (root / "naive").mkdir()
        naive = {"USERS_CLIENT": "config.clients.one_by_one_users_client"}
        with stack(REPO_ROOT, root / "naive", **naive) as url:
            only = ["order list, 50 with customers"]
            columns["this checkout, one request per customer"] = bench(
                url, only=only, **options
            )
        (root / "other").mkdir()
        with worktree(args.compare) as tree, stack(tree, root / "other") as url:
            columns[args.compare] = bench(url, **options)
    print(
        f"\n{args.clients} clients, {args.seconds:g} s per scenario, {ORDERS} orders.\n"
    )
    print(table(columns))
    print()
    print(ratios(columns["this checkout"], columns[args.compare], args.compare))
    print()
    print(
        ratios(
            columns["this checkout"],
            columns["this checkout, one request per customer"],
            "one request per customer",
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
