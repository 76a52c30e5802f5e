"""`make bench`: this checkout against another stage, and its sync, in one run.

Usage: `python -m tools.bench [--compare TAG] [--rounds N] [--seconds N]
[--clients N] [--naive] [--sync-rounds N] [--sync-seconds N]
[--pull-seconds N]`. Every stack is started by its own `make run` on free
ports with throw-away databases and a Redis of its own (tools/benchup.py).

Reads: this checkout and the other stage are filled with the same data over
the public API; round after round each scenario is measured on every stack
in turn with the same concurrent clients, the first stack alternating: the
order list (a page of 50 with their customers), one order, placing an order
and one user, all through the edge; and the order list straight from this
checkout's orders service, so the edge hop's own cost shows. Background
load slows whichever stack it catches, so the figures are ratios within a
round, summed up across rounds with their spread and whether they agree.

Consistency (stage 5): on this checkout, placements for a customer with a
credit limit against those for one without, and writes with If-Match
against those without, measured side by side in the same rounds; then the
time from placement to the credit saga's decision
(tools/benchconsistency.py).

Sync: three more stacks of this checkout, one per USER_EVENTS style, get
users' changes at 50 per second and then at doubled rates while readers
watch the order list (tools/benchramp.py): the lag from a change's
acknowledgement to its showing, the highest rate each style sustains, and
the work each change costs. Then the targets, and each stack's memory.
"""

import argparse
import sys
import textwrap
from collections.abc import Sequence

from tools.benchconsistency import SAGA_RATE, pair_table, saga_table
from tools.benchkit import ORDERS
from tools.benchlag import LOST_SECONDS, SUSTAINED_P99_MS, SUSTAINED_SHARE
from tools.benchramp import FIRST_RATE
from tools.benchreaders import READERS
from tools.benchreport import comparison, figures, memory_table
from tools.benchrun import Measured, Options, measure_all
from tools.benchsync import WRITERS
from tools.benchsyncreport import highest_table, lag_table, work_table
from tools.benchtargets import targets, targets_table
from tools.benchup import DIRECT, NAIVE


def comparisons(compare: str, *, naive: bool) -> dict[str, str]:
    """Return what this checkout is compared with, each with its heading."""
    headings = {
        compare: f"Here: this checkout. There: {compare}. Above 1: slower here.",
        DIRECT: "Here: this checkout, through the edge. There: its orders service, "
        "without the edge.\nAbove 1: the edge hop's own cost.",
    }
    if naive:
        headings[NAIVE] = f"Here: this checkout. There: {NAIVE}. Above 1: slower here."
    return headings


def say(*sentences: str) -> None:
    """Print the sentences as one paragraph, wrapped, then a blank line."""
    text = " ".join(sentences)
    print(textwrap.fill(text, width=79, break_on_hyphens=False), end="\n\n")


def print_reads(measured: Measured, options: Options) -> None:
    """Print the read figures and the ratios of this checkout to each other stack."""
    print()
    say(
        f"Reads: {options.rounds} rounds, {options.clients} clients,",
        f"{options.seconds:g} s per scenario and stack, {ORDERS} orders. Each",
        "round measures every scenario on every stack in turn; the first stack",
        "alternates between rounds. Medians across rounds:",
    )
    print(figures(measured.reads), end="\n\n")
    for there, heading in comparisons(options.compare, naive=options.naive).items():
        print(heading, end="\n\n")
        print(comparison(measured.reads, there=there), end="\n\n")


def print_consistency(measured: Measured) -> None:
    """Print what credit checks and If-Match cost, and the saga's pace."""
    say(
        "Consistency, on this checkout: each pair measured in the same rounds,",
        "the ratio taken within each round. Above 1: the first is slower.",
    )
    print(pair_table(measured.reads), end="\n\n")
    say(
        f"The credit saga: orders placed at {SAGA_RATE:g}/s for a customer with a",
        "limit; from the placement to the saga's decision (its page's updated_at",
        "less its created_at):",
    )
    print(saga_table(measured.sagas), end="\n\n")


def print_sync(measured: Measured, options: Options) -> None:
    """Print the sync lag per style and rate, the highest rates, the work."""
    say(
        f"Sync: {options.sync_rounds} rounds. A step writes users' changes for",
        f"{options.sync_seconds:g} s on {WRITERS} connections, on an open-loop",
        f"schedule, while {READERS} reader polls the order list through the edge.",
        "Lag: from a change's acknowledgement to the first read that shows it (or",
        "a later change of the same user); read ms is one read's time, the lag's",
        f"grain. Lost: not shown within {LOST_SECONDS:g} s. Reconciliation every",
        f"{options.pull_seconds:g} s for pull, make run's default",
        "(RECONCILE_SECONDS, 15 s) for the others. Medians of the rounds",
        "(lowest-highest):",
    )
    print(lag_table(measured.syncs), end="\n\n")
    say(
        f"Rates start at {FIRST_RATE:g}/s and double while a style sustains them:",
        f"at least {SUSTAINED_SHARE:.0%} of the rate acknowledged, p99 lag at most",
        f"{SUSTAINED_P99_MS:g} ms, none lost or refused. 0: not even the first.",
    )
    print(highest_table(measured.syncs), end="\n\n")
    say(
        f"Work per change at {FIRST_RATE:g} changes/s, over each step's window,",
        "periodic tasks in it included. Messages: Celery task messages put on the",
        "stack's Redis queues (LPUSH; heartbeats are not queued). Redis commands:",
        "every command it ran (polls, acknowledgements). Requests to users: what",
        "the users service answered, but the changes' own PATCHes.",
    )
    print(work_table(measured.syncs), end="\n\n")


def print_rest(measured: Measured, options: Options) -> None:
    """Print the targets, then each stack's memory."""
    checked = targets(reads=measured.reads, syncs=measured.syncs, there=options.compare)
    say("Targets (met when the rounds' median is within):")
    print(targets_table(checked), end="\n\n")
    say(
        "Memory of each stack after the rounds, summed over every process of its",
        "make run and its Redis if it uses one: RSS counts a page that processes",
        "share in each of them, PSS splits it between them (each page once):",
    )
    print(memory_table(measured.memory))


def parse_options(argv: Sequence[str] | None) -> Options:
    """Read the command line into Options."""
    parser = argparse.ArgumentParser(prog="bench.py", description=__doc__)
    parser.add_argument("--compare", default="stage-3-orders-service")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument(
        "--naive", action="store_true", help="also this checkout, asking one by one"
    )
    parser.add_argument("--sync-rounds", type=int, default=3, help="0: no sync")
    parser.add_argument("--sync-seconds", type=float, default=4.0)
    parser.add_argument("--pull-seconds", type=float, default=1.0)
    return Options(**vars(parser.parse_args(argv)))


def main(argv: Sequence[str] | None = None) -> int:
    """Measure this checkout, its sync and another stage; print the tables."""
    options = parse_options(argv)
    measured = measure_all(options)
    print_reads(measured, options)
    print_consistency(measured)
    if measured.syncs:
        print_sync(measured, options)
    print_rest(measured, options)
    return 0


if __name__ == "__main__":
    sys.exit(main())
