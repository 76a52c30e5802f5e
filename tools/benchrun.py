"""How a run of `make bench` goes: stacks up, read rounds, sync rounds, memory.

The read rounds come first, each scenario on every stack in turn; then the
sync rounds (tools/benchramp.py); then each stack's memory, while all of
them still run. Progress goes to stderr with the seconds since the start.
"""

import sys
import time
from dataclasses import dataclass

from tools.benchconsistency import SagaTimes, saga_times
from tools.benchkit import measure, turn
from tools.benchmemory import Memory
from tools.benchramp import SyncRound, sync_round
from tools.benchreport import HERE, Round
from tools.benchup import Bench, memory, stacks_up


@dataclass(frozen=True)
class Options:
    """What `make bench` was asked for."""

    compare: str
    rounds: int
    seconds: float
    clients: int
    naive: bool
    sync_rounds: int
    sync_seconds: float
    pull_seconds: float


@dataclass(frozen=True)
class Measured:
    """What a run found: the read rounds, the sync rounds, each stack's memory."""

    reads: list[Round]
    syncs: list[SyncRound]
    memory: dict[str, Memory | None]
    sagas: SagaTimes


class Progress:
    """Say on stderr what the run is doing, with the seconds since it began."""

    def __init__(self) -> None:
        """Start the clock."""
        self.began = time.monotonic()

    def __call__(self, step: str) -> None:
        """Print one step."""
        elapsed = time.monotonic() - self.began
        print(f"{elapsed:4.0f} s  {step}", file=sys.stderr, flush=True)


def measure_round(bench: Bench, *, number: int, clients: int, seconds: float) -> Round:
    """Measure each scenario on every stack that has it, one stack after another."""
    targets = bench.targets
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


def read_rounds(bench: Bench, options: Options, progress: Progress) -> list[Round]:
    """Warm the stacks up with a short round, then measure the read rounds."""
    progress("warming up")
    measure_round(bench, number=0, clients=options.clients, seconds=1.0)
    rounds = []
    for number in range(options.rounds):
        progress(f"read round {number + 1} of {options.rounds}")
        rounds.append(
            measure_round(
                bench, number=number, clients=options.clients, seconds=options.seconds
            )
        )
    return rounds


def sync_rounds(bench: Bench, options: Options, progress: Progress) -> list[SyncRound]:
    """Measure the sync rounds: each style at the steady rate, then ramped up."""
    rounds = []
    for number in range(options.sync_rounds):
        progress(f"sync round {number + 1} of {options.sync_rounds}")
        rounds.append(
            sync_round(
                bench.sync,
                number=number,
                seconds=options.sync_seconds,
                progress=progress,
            )
        )
    return rounds


def measure_all(options: Options) -> Measured:
    """Start the stacks, measure the rounds, then each stack's memory."""
    progress = Progress()
    progress(f"starting this checkout's stacks and {options.compare}")
    with stacks_up(
        compare=options.compare,
        naive=options.naive,
        sync=options.sync_rounds > 0,
        pull_seconds=options.pull_seconds,
    ) as bench:
        progress(f"{len(bench.stacks)} stacks up and filled")
        reads = read_rounds(bench, options, progress)
        progress("timing the credit saga")
        sagas = saga_times(bench.targets[HERE].url, customer=bench.consistency.customer)
        syncs = sync_rounds(bench, options, progress)
        used = memory(bench.stacks)
        progress("stopping the stacks")
    progress("done")
    return Measured(reads, syncs, used, sagas)
