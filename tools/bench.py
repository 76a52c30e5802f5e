"""`make bench`: measure the public API of this checkout and of another stage.

Usage: `python -m tools.bench [--compare TAG] [--seconds N] [--clients N]`.
Each stack is started by its own `make run` (this checkout, and the tag in a
temporary worktree) on free ports and throw-away databases, filled with the
same data over the public API, then measured with the same concurrent
clients: the order list (a page of 50 with their customers), one order,
placing an order and one user (forwarded by the edge from stage 2). This
checkout is also measured with the naive UsersClient that asks for each
customer on its own. Figures are requests per second and latency
percentiles, then ratios: the machine's speed cancels out.
"""

import argparse
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import httpx

from tools.benchkit import (
    LINE,
    ORDERS,
    REPO_ROOT,
    Result,
    fill,
    measure,
    stack,
    worktree,
)

PAGE = "/api/orders/?page_size=50"
LIST = "order list, 50 with customers"
NAIVE = "this checkout, one request per customer"


def scenarios(
    order_id: int, customer: int
) -> dict[str, Callable[[httpx.Client], httpx.Response]]:
    """Return the requests to measure, by name."""
    placing = {"user_id": customer, "lines": [LINE]}
    return {
        LIST: lambda c: c.get(PAGE),
        "order detail": lambda c: c.get(f"/api/orders/{order_id}/"),
        "order placement": lambda c: c.post("/api/orders/", json=placing),
        "user detail": lambda c: c.get(f"/api/users/{customer}/"),
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


def measure_all(
    compare: str, *, clients: int, seconds: float
) -> dict[str, dict[str, Result]]:
    """Measure this checkout, its naive variant and the other tag, in that order."""
    naive = {"USERS_CLIENT": "config.clients.one_by_one_users_client"}
    columns: dict[str, dict[str, Result]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        root = Path(scratch)
        with stack(REPO_ROOT, root / "here") as url:
            columns["this checkout"] = bench(url, clients=clients, seconds=seconds)
        with stack(REPO_ROOT, root / "naive", **naive) as url:
            columns[NAIVE] = bench(url, clients=clients, seconds=seconds, only=[LIST])
        with worktree(compare) as tree, stack(tree, root / "other") as url:
            columns[compare] = bench(url, clients=clients, seconds=seconds)
    return columns


def main(argv: Sequence[str] | None = None) -> int:
    """Measure this checkout, its naive variant, and another tag; print the tables."""
    parser = argparse.ArgumentParser(prog="bench.py", description=__doc__)
    parser.add_argument("--compare", default="stage-1-modular-monolith")
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args(argv)
    columns = measure_all(args.compare, clients=args.clients, seconds=args.seconds)
    here = columns["this checkout"]
    print(
        f"\n{args.clients} clients, {args.seconds:g} s per scenario, {ORDERS} orders.\n"
    )
    print(table(columns), end="\n\n")
    print(ratios(here, columns[args.compare], args.compare), end="\n\n")
    print(ratios(here, columns[NAIVE], "one request per customer"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
