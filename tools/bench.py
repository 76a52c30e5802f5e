"""`make bench`: measure the public API of this checkout against another stage.

Usage: `python -m tools.bench [--compare TAG] [--rounds N] [--seconds N]
[--clients N]`. Three stacks run at once, each started by its own `make run`
on free ports and throw-away databases: this checkout, this checkout with
the naive UsersClient that asks for each customer on its own, and the tag in
a temporary worktree. Each is filled with the same data over the public API.
Then, round after round, each scenario is measured on every stack in turn
with the same concurrent clients, the first stack alternating: the order
list (a page of 50 with their customers), one order, placing an order and
one user (forwarded by the edge from stage 2). Background load slows
whichever stack it catches, so the figures are ratios within a round,
summed up across rounds with their spread and whether the rounds agree.
"""

import argparse
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path

from tools.benchkit import LIST, ORDERS, Target, free_ports, measure, target
from tools.benchreport import HERE, Round, comparison, figures
from tools.benchstack import REPO_ROOT, stack, wait_for, worktree

NAIVE = "this checkout, one request per customer"
NAIVE_CLIENT = {"USERS_CLIENT": "config.clients.one_by_one_users_client"}


def turn(labels: Sequence[str], *, number: int) -> list[str]:
    """Return the order the stacks go in, in round `number`: reversed every other."""
    return list(labels) if number % 2 == 0 else list(reversed(labels))


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


@contextmanager
def targets_up(compare: str) -> Iterator[dict[str, Target]]:
    """Start this checkout, its naive variant and the tag at once; fill all three."""
    ports = free_ports(6)
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch, ExitStack() as up:
        root, tree = Path(scratch), up.enter_context(worktree(compare))
        starting = {
            HERE: stack(REPO_ROOT, root / "here", ports=(ports[0], ports[1])),
            compare: stack(tree, root / "other", ports=(ports[2], ports[3])),
            NAIVE: stack(
                REPO_ROOT, root / "naive", ports=(ports[4], ports[5]), **NAIVE_CLIENT
            ),
        }
        stacks = {label: up.enter_context(s) for label, s in starting.items()}
        for running in stacks.values():
            wait_for(running)
        yield {
            label: target(running.url, only=[LIST] if label == NAIVE else [])
            for label, running in stacks.items()
        }


def measure_all(
    compare: str, *, rounds: int, clients: int, seconds: float
) -> list[Round]:
    """Measure the three stacks in rounds, after one round of warming up."""
    began = time.monotonic()

    def progress(step: str) -> None:
        elapsed = time.monotonic() - began
        print(f"{elapsed:4.0f} s  {step}", file=sys.stderr, flush=True)

    progress(f"starting this checkout twice and {compare}")
    with targets_up(compare) as targets:
        progress("all three filled; warming up")
        measure_round(targets, number=0, clients=clients, seconds=1.0)
        measured = []
        for number in range(rounds):
            progress(f"round {number + 1} of {rounds}")
            measured.append(
                measure_round(targets, number=number, clients=clients, seconds=seconds)
            )
        progress("stopping the stacks")
    progress("done")
    return measured


def main(argv: Sequence[str] | None = None) -> int:
    """Measure this checkout, its naive variant and another tag; print the tables."""
    parser = argparse.ArgumentParser(prog="bench.py", description=__doc__)
    parser.add_argument("--compare", default="stage-1-modular-monolith")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args(argv)
    rounds = measure_all(
        args.compare, rounds=args.rounds, clients=args.clients, seconds=args.seconds
    )
    print(
        f"\n{args.rounds} rounds, {args.clients} clients, {args.seconds:g} s per "
        f"scenario and stack, {ORDERS} orders. Each round measures every scenario\n"
        "on every stack in turn; the first stack alternates between rounds.\n"
    )
    print("Medians across rounds:\n")
    print(figures(rounds), end="\n\n")
    for there in (args.compare, NAIVE):
        print(f"Here: this checkout. There: {there}. Above 1: slower here.\n")
        print(comparison(rounds, there=there), end="\n\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
