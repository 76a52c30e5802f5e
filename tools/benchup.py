"""The stacks `make bench` starts, all at once, each with a Redis of its own.

For the read comparison: this checkout, and the compared stage checked out
in a temporary worktree; with `naive`, this checkout with the client that
asks for each customer on its own too. For the sync bench: one more stack
of this checkout per style (tools/benchramp.py), the pull stack's beat
reconciling every `pull_seconds`. Each stack runs its tree's own `make run`
(tools/benchstack.py) with REDIS_URL naming a redis-server of its own on a
free port, never the machine's Redis; a stage before 4 ignores it. They
start together, so their starts overlap the compared stage's building of
its virtual environment, and each is filled over the public API.
"""

import tempfile
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import redis

from tools.benchconsistency import Consistency, consistency_target, with_consistency
from tools.benchkit import LIST, Target, fill, target
from tools.benchmemory import Memory, tree_memory
from tools.benchramp import STYLES, SyncStack
from tools.benchreaders import listed_users
from tools.benchreport import HERE
from tools.benchstack import (
    REPO_ROOT,
    Ports,
    Running,
    stack,
    stack_ports,
    wait_for,
    worktree,
)
from tools.benchwork import QueuedMessages
from tools.redisserver import RedisServer

NAIVE = "this checkout, one request per customer"
NAIVE_CLIENT = {"USERS_CLIENT": "config.clients.one_by_one_users_client"}
DIRECT = "this checkout, straight from the orders service"


def sync_label(style: str) -> str:
    """Return the label of a sync style's stack, in the memory table."""
    return f"this checkout, sync by {style}"


@dataclass(frozen=True)
class Plan:
    """A stack to start: its label, its tree, its environment and make variables."""

    label: str
    tree: Path
    env: dict[str, str] = field(default_factory=dict)
    make_vars: tuple[str, ...] = ()


def plans(
    *, compare: str, tree: Path, naive: bool, sync: bool, pull_seconds: float
) -> list[Plan]:
    """Return the stacks to start for the read comparison and the sync bench."""
    # As many web processes as stage 3's make run started (two per project),
    # so the read comparison compares the code, not how many processes
    # serve it; the sync stacks run make run's own default, one.
    found = [
        Plan(HERE, REPO_ROOT, make_vars=("WEB_CONCURRENCY=2",)),
        Plan(compare, tree),
    ]
    if naive:
        found.append(Plan(NAIVE, REPO_ROOT, NAIVE_CLIENT))
    for style, events in STYLES.items() if sync else ():
        clock = (f"RECONCILE_SECONDS={pull_seconds:g}",) if events == "off" else ()
        found.append(Plan(sync_label(style), REPO_ROOT, {"USER_EVENTS": events}, clock))
    return found


@dataclass(frozen=True)
class Up:
    """A stack that runs: its `make run`, and its Redis."""

    running: Running
    redis: RedisServer


@contextmanager
def started(plan: Plan, folder: Path, *, ports: Ports) -> Iterator[Up]:
    """Start the plan's Redis, then its `make run` with REDIS_URL; stop both after."""
    folder.mkdir()
    with (
        RedisServer(directory=folder, fsync_always=False) as server,
        stack(
            plan.tree,
            folder / "stack",
            ports=ports,
            make_vars=plan.make_vars,
            REDIS_URL=server.url,
            **plan.env,
        ) as running,
    ):
        yield Up(running, server)


def without_edge(here: Target, ports: Ports) -> Target:
    """Return the order list of a filled stack, asked of its orders service."""
    orders = f"http://127.0.0.1:{ports.orders}"
    return Target(orders, {LIST: here.requests[LIST]})


def read_targets(
    stacks: dict[str, Up], *, compare: str, consistency: Consistency
) -> dict[str, Target]:
    """Fill the read comparison's stacks; return what to measure on each.

    This checkout also gets the scenarios of consistency.
    """
    here = target(stacks[HERE].running.url)
    targets = {
        HERE: Target(here.url, with_consistency(here.requests, consistency)),
        DIRECT: without_edge(here, stacks[HERE].running.ports),
        compare: target(stacks[compare].running.url),
    }
    if NAIVE in stacks:
        targets[NAIVE] = target(stacks[NAIVE].running.url, only=[LIST])
    return targets


def sync_stacks(stacks: dict[str, Up], *, up: ExitStack) -> list[SyncStack]:
    """Fill the sync stacks; count their queued messages from now on."""
    found = []
    for style in STYLES:
        each = stacks.get(sync_label(style))
        if each is None:
            continue
        fill(each.running.url)
        messages = up.enter_context(QueuedMessages(each.redis.url))
        users = listed_users(each.running.url)
        found.append(
            SyncStack(style, each.running.url, each.running.log, messages, users)
        )
    return found


@dataclass(frozen=True)
class Bench:
    """The stacks `make bench` started, by label, and what it measures on them."""

    stacks: dict[str, Up]
    targets: dict[str, Target]
    sync: list[SyncStack]
    consistency: Consistency


@contextmanager
def stacks_up(
    *, compare: str, naive: bool, sync: bool, pull_seconds: float
) -> Iterator[Bench]:
    """Start every stack at once, wait for all, fill them; stop them after."""
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch, ExitStack() as up:
        tree = up.enter_context(worktree(compare))
        planned = plans(
            compare=compare,
            tree=tree,
            naive=naive,
            sync=sync,
            pull_seconds=pull_seconds,
        )
        ports = stack_ports(len(planned))
        stacks = {
            plan.label: up.enter_context(
                started(plan, Path(scratch) / str(index), ports=ports[index])
            )
            for index, plan in enumerate(planned)
        }
        for each in stacks.values():
            wait_for(each.running)
        consistency = consistency_target(stacks[HERE].running.url)
        targets = read_targets(stacks, compare=compare, consistency=consistency)
        yield Bench(stacks, targets, sync_stacks(stacks, up=up), consistency)


def uses_redis(server: RedisServer) -> bool:
    """Return whether anyone but this question is connected to the Redis."""
    with redis.Redis.from_url(server.url) as client:
        return int(client.info("clients")["connected_clients"]) > 1


def memory(stacks: dict[str, Up]) -> dict[str, Memory | None]:
    """Sum each stack's memory: its `make run`, and its Redis if the stack uses it."""
    found: dict[str, Memory | None] = {}
    for label, each in stacks.items():
        server: Sequence[int] = ()
        if each.redis.pid is not None and uses_redis(each.redis):
            server = (each.redis.pid,)
        found[label] = tree_memory(each.running.process.pid, also=server)
    return found
