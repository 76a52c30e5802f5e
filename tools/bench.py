"""`make bench`: measure the public API of this checkout against another stage.

Usage: `python -m tools.bench [--compare TAG] [--rounds N] [--seconds N]
[--clients N]`. Three stacks run at once, each started by its own `make run`
on free ports and throw-away databases: this checkout, this checkout with
the naive UsersClient that asks for each customer on its own, and the other
stage in a temporary worktree. Each is filled with the same data over the
public API. Then, round after round, each scenario is measured on every
stack in turn with the same concurrent clients, the first stack alternating:
the order list (a page of 50 with their customers), one order, placing an
order and one user, all through the edge; and the order list straight from
this checkout's orders service, so the edge hop's own cost shows. Background
load slows whichever stack it catches, so the figures are ratios within a
round, summed up across rounds with their spread and whether the rounds
agree. After the rounds, each stack's resident memory is summed.
"""

import argparse
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from tools.benchkit import LIST, ORDERS, Target, measure, target, turn
from tools.benchmemory import Memory, tree_memory
from tools.benchreport import HERE, Round, comparison, figures, memory_table
from tools.benchstack import (
    REPO_ROOT,
    Ports,
    Running,
    stack,
    stack_ports,
    wait_for,
    worktree,
)

NAIVE = "this checkout, one request per customer"
NAIVE_CLIENT = {"USERS_CLIENT": "config.clients.one_by_one_users_client"}
DIRECT = "this checkout, straight from the orders service"


def measure_round(
    targets: dict[str, Target], *, number: int, clients: int, seconds: float
) -> Round:
    """Measure each scenario on every stack that has it, one stack after another."""
    names = dict.fromkeys(name for t in targets.values() for name in t.requests)
    results: Round = {}
    for name in names:
        for label in turn(list(targets), number=number):
            request = targets[label].requests.get(name)
            if request is not None:
                result = measure(
                    targets[label].url, request, clients=clients, seconds=seconds
                )
                results.setdefault(name, {})[label] = result
    return results


def without_edge(here: Target, ports: Ports) -> Target:
    """Return the order list of a filled stack, asked of its orders service."""
    orders = f"http://127.0.0.1:{ports.orders}"
    return Target(orders, {LIST: here.requests[LIST]})


@dataclass(frozen=True)
class Bench:
    """The stacks `make bench` started, by label, and what it measures on them."""

    running: dict[str, Running]
    targets: dict[str, Target]


@contextmanager
def stacks_up(compare: str) -> Iterator[Bench]:
    """Start this checkout, its naive variant and the other stage at once; fill all."""
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch, ExitStack() as up:
        root, tree = Path(scratch), up.enter_context(worktree(compare))
        here, other, naive = stack_ports(3)
        starting = {
            HERE: stack(REPO_ROOT, root / "here", ports=here),
            compare: stack(tree, root / "other", ports=other),
            NAIVE: stack(REPO_ROOT, root / "naive", ports=naive, **NAIVE_CLIENT),
        }
        running = {label: up.enter_context(s) for label, s in starting.items()}
        for each in running.values():
            wait_for(each)
        filled = {label: target(running[label].url) for label in (HERE, compare)}
        targets = {
            HERE: filled[HERE],
            DIRECT: without_edge(filled[HERE], here),
            compare: filled[compare],
            NAIVE: target(running[NAIVE].url, only=[LIST]),
        }
        yield Bench(running, targets)


@dataclass(frozen=True)
class Measured:
    """What a run of `make bench` found: the rounds, then each stack's memory."""

    rounds: list[Round]
    memory: dict[str, Memory | None]


def measure_all(compare: str, *, rounds: int, clients: int, seconds: float) -> Measured:
    """Measure the stacks in rounds, after a round of warming up; then their memory."""
    began = time.monotonic()

    def progress(step: str) -> None:
        elapsed = time.monotonic() - began
        print(f"{elapsed:4.0f} s  {step}", file=sys.stderr, flush=True)

    progress(f"starting this checkout twice and {compare}")
    with stacks_up(compare) as bench:
        progress("all three filled; warming up")
        measure_round(bench.targets, number=0, clients=clients, seconds=1.0)
        measured = []
        for number in range(rounds):
            progress(f"round {number + 1} of {rounds}")
            measured.append(
                measure_round(
                    bench.targets, number=number, clients=clients, seconds=seconds
                )
            )
        memory = {
            label: tree_memory(running.process.pid)
            for label, running in bench.running.items()
        }
        progress("stopping the stacks")
    progress("done")
    return Measured(measured, memory)


def comparisons(compare: str) -> dict[str, str]:
    """Return what this checkout is compared with, each with its heading."""
    return {
        compare: f"Here: this checkout. There: {compare}. Above 1: slower here.",
        DIRECT: "Here: this checkout, through the edge. There: its orders service, "
        "without the edge.\nAbove 1: the edge hop's own cost.",
        NAIVE: f"Here: this checkout. There: {NAIVE}. Above 1: slower here.",
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Measure this checkout, its variants and another stage; print the tables."""
    parser = argparse.ArgumentParser(prog="bench.py", description=__doc__)
    parser.add_argument("--compare", default="stage-2-users-service")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args(argv)
    measured = measure_all(
        args.compare, rounds=args.rounds, clients=args.clients, seconds=args.seconds
    )
    print(
        f"\n{args.rounds} rounds, {args.clients} clients, {args.seconds:g} s per "
        f"scenario and stack, {ORDERS} orders. Each round measures every scenario\n"
        "on every stack in turn; the first stack alternates between rounds.\n"
    )
    print("Medians across rounds:\n")
    print(figures(measured.rounds), end="\n\n")
    print("Memory of each stack after the rounds, summed over every process of its")
    print("`make run`: RSS counts a page that processes share in each of them, PSS")
    print("splits it between them, so the PSS sum counts each page once:\n")
    print(memory_table(measured.memory), end="\n\n")
    for there, heading in comparisons(args.compare).items():
        print(heading, end="\n\n")
        print(comparison(measured.rounds, there=there), end="\n\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
