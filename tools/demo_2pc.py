"""Two-phase commit, run for real: a credit moved between two PostgreSQL databases.

`make demo-2pc` runs it. Two databases stand for two services' own:
`twophase_a` and `twophase_b`, each with a table of credit. A move takes
an amount from user 1's credit in one and adds it in the other, in one
distributed transaction: phase 1 prepares it in both (PREPARE TRANSACTION,
each database's vote), phase 2 commits both (COMMIT PREPARED).

Then a coordinator is killed between the phases. Each database keeps its
prepared transaction, and its locks, until someone decides: other writers
of those rows are blocked, however long that takes. The demo shows it in
pg_prepared_xacts and pg_locks, catches a writer in pg_locks while it waits
and lets it time out, recovers by hand, and times the writer's retry. See
docs/05-consistency.md, "Two-phase commit, for real".
"""

import argparse
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from decimal import Decimal

import psycopg

from tools.demo_2pc_locks import (
    LOCK_TIMEOUT,
    Waiting,
    Write,
    credit_write,
    credit_write_watched,
    locks_of_prepared,
)
from tools.postgres import NoPostgres, Server, two_phase_server

DATABASES = ("twophase_a", "twophase_b")
GID_PREFIX = "move-"
PREPARED_SECONDS = 15.0


@dataclass
class Outcome:
    """What the demo saw, for its test to check."""

    prepared_after_kill: dict[str, list[str]] = field(default_factory=dict)
    locks_after_kill: list[str] = field(default_factory=list)
    writer_waiting: Waiting | None = None
    writer_blocked: bool = False
    balances: list[tuple[Decimal, Decimal]] = field(default_factory=list)
    prepared_after_recovery: int = -1
    retry: Write | None = None


def say(text: str = "") -> None:
    """Print a line of the demo's story at once."""
    print(text, flush=True)


def databases_fresh(server: Server) -> None:
    """Drop the demo's databases, resolving any transaction a past run left prepared."""
    with server.connect("postgres") as admin:
        for name in DATABASES:
            exists = admin.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [name]
            ).fetchone()
            if exists:
                with server.connect(name) as db:
                    for (gid,) in prepared(db):
                        db.execute(f"ROLLBACK PREPARED '{gid}'")
                admin.execute(f"DROP DATABASE {name} WITH (FORCE)")
            admin.execute(f"CREATE DATABASE {name}")
    for name, amount in zip(DATABASES, ("100.00", "0.00"), strict=True):
        with server.connect(name) as db:
            db.execute(
                "CREATE TABLE credit (user_id int PRIMARY KEY, "
                "amount numeric(12, 2) NOT NULL CHECK (amount >= 0))"
            )
            db.execute("INSERT INTO credit VALUES (1, %s)", [amount])


def prepared(db: psycopg.Connection) -> list[tuple[str]]:
    """Return the gids of the demo's transactions prepared in this database."""
    return db.execute(
        "SELECT gid FROM pg_prepared_xacts WHERE database = current_database() "
        "AND gid LIKE %s ORDER BY gid",
        [f"{GID_PREFIX}%"],
    ).fetchall()


def balances(server: Server) -> tuple[Decimal, Decimal]:
    """Return user 1's credit in each database, as a reader sees it now."""
    found = []
    for name in DATABASES:
        with server.connect(name) as db:
            row = db.execute("SELECT amount FROM credit WHERE user_id = 1").fetchone()
            found.append(Decimal(row[0]) if row else Decimal(0))
    return found[0], found[1]


def branch(gid: str, name: str) -> str:
    """Return the id of one database's part of a move: ids are unique per server."""
    return f"{gid}@{name}"


def prepare_move(server: Server, *, gid: str, amount: str) -> list[psycopg.Connection]:
    """Phase 1: change both databases and prepare the change in each; keep them open."""
    sessions = []
    for name, change in zip(
        DATABASES, (-Decimal(amount), Decimal(amount)), strict=True
    ):
        db = psycopg.connect(server.conninfo, dbname=name)
        db.execute("UPDATE credit SET amount = amount + %s WHERE user_id = 1", [change])
        db.execute(f"PREPARE TRANSACTION '{branch(gid, name)}'")
        say(
            f"   phase 1: PREPARE TRANSACTION '{branch(gid, name)}' in {name}: "
            "prepared (its yes vote)"
        )
        sessions.append(db)
    return sessions


def move_that_commits(server: Server, outcome: Outcome) -> None:
    """Move 30.00 in two phases, and see both databases change together."""
    say(
        "1. A move that commits: 30.00 of user 1's credit from twophase_a to twophase_b"
    )
    sessions = prepare_move(server, gid=f"{GID_PREFIX}1", amount="30.00")
    for db, name in zip(sessions, DATABASES, strict=True):
        db.autocommit = True
        db.execute(f"COMMIT PREPARED '{branch(f'{GID_PREFIX}1', name)}'")
        say(f"   phase 2: COMMIT PREPARED '{branch(f'{GID_PREFIX}1', name)}' in {name}")
        db.close()
    outcome.balances.append(balances(server))
    say(f"   credit now: a {outcome.balances[-1][0]}, b {outcome.balances[-1][1]}")
    say()


def coordinator_killed(server: Server, outcome: Outcome) -> None:
    """Prepare a move in a process of its own, kill it before phase 2, look around."""
    say("2. The coordinator dies between the phases")
    coordinator_run_and_killed(server, gid=f"{GID_PREFIX}2", amount="20.00")
    for name in DATABASES:
        with server.connect(name) as db:
            gids = [gid for (gid,) in prepared(db)]
            outcome.prepared_after_kill[name] = gids
            say(f"   pg_prepared_xacts in {name}: {', '.join(gids) or 'none'}")
    with server.connect(DATABASES[0]) as db:
        outcome.locks_after_kill = locks_of_prepared(db)
    say(f"   locks it still holds in {DATABASES[0]}, with no session behind them:")
    for lock in outcome.locks_after_kill:
        say(f"     {lock}")
    writer_blocked(server, outcome)
    outcome.balances.append(balances(server))
    say(
        f"   a reader still sees a {outcome.balances[-1][0]}, "
        f"b {outcome.balances[-1][1]}: the move is neither done nor undone"
    )
    say()


def coordinator_run_and_killed(server: Server, *, gid: str, amount: str) -> None:
    """Start a coordinator process, and SIGKILL it once both databases prepared."""
    args = ["--conninfo", server.conninfo, "--gid", gid, "--amount", amount]
    coordinator = subprocess.Popen(
        [sys.executable, "-m", "tools.demo_2pc", "coordinator", *args],
        stdout=subprocess.PIPE,
        text=True,
    )
    for line in coordinator.stdout or ():
        say(line.rstrip())
        if line.startswith("   prepared in both"):
            break
    coordinator.send_signal(signal.SIGKILL)
    coordinator.wait()
    say(f"   the coordinator (pid {coordinator.pid}) is SIGKILLed before phase 2")


def writer_blocked(server: Server, outcome: Outcome) -> None:
    """Write the locked row; from another session, catch the writer waiting."""
    with (
        server.connect(DATABASES[0]) as writer,
        server.connect(DATABASES[0]) as watcher,
    ):
        say(
            f"   another writer (pid {writer.info.backend_pid}) in {DATABASES[0]}: "
            "UPDATE credit ... WHERE user_id = 1"
        )
        done, outcome.writer_waiting = credit_write_watched(writer, watcher)
    outcome.writer_blocked = not done.went_through
    if waiting := outcome.writer_waiting:
        say("   while it waits, its own row in pg_locks (WHERE NOT granted):")
        say(
            f"     {waiting.mode} on {waiting.locktype} {waiting.transaction}, "
            f"granted = {str(waiting.granted).lower()}"
        )
        say(
            f"   and pg_prepared_xacts says transaction {waiting.transaction} is "
            f"{waiting.held_by or 'not a prepared one'}"
        )
    say(f"   it {how_it_went(done)}")


def how_it_went(write: Write) -> str:
    """Say how a write went, and how long it took."""
    if write.went_through:
        return f"went through in {write.ms:.1f} ms"
    return f"gave up after {write.ms:.0f} ms (lock_timeout {LOCK_TIMEOUT})"


def recovered_by_hand(server: Server, outcome: Outcome) -> None:
    """Decide the move in doubt, as an operator does, and see everything go on."""
    gid = f"{GID_PREFIX}2"
    say("3. Recovery, by hand")
    say("   Both databases voted yes, so committing is allowed; a coordinator")
    say("   that had written its decision down would say which. In each database:")
    for name in DATABASES:
        with server.connect(name) as db:
            db.execute(f"COMMIT PREPARED '{branch(gid, name)}'")
            say(f"     {name}=# COMMIT PREPARED '{branch(gid, name)}';")
    remaining = 0
    for name in DATABASES:
        with server.connect(name) as db:
            remaining += len(prepared(db))
    outcome.prepared_after_recovery = remaining
    outcome.balances.append(balances(server))
    say(f"   pg_prepared_xacts: {remaining} left")
    say(f"   credit now: a {outcome.balances[-1][0]}, b {outcome.balances[-1][1]}")
    with server.connect(DATABASES[0]) as db:
        outcome.retry = credit_write(db)
    say(f"   the writer retries: it {how_it_went(outcome.retry)}")


def demo(server: Server) -> Outcome:
    """Run the three parts of the demo on a server; return what it saw."""
    outcome = Outcome()
    say(f"Two-phase commit between {' and '.join(DATABASES)}, on {server.how}")
    if server.note:
        say(f"(started because {server.note})")
    say()
    databases_fresh(server)
    try:
        move_that_commits(server, outcome)
        coordinator_killed(server, outcome)
        recovered_by_hand(server, outcome)
    finally:
        databases_fresh(server)
    return outcome


def coordinator(conninfo: str, gid: str, amount: str) -> None:
    """Phase 1 of a move, then wait for a phase 2 that never comes."""
    server = Server(conninfo, "the demo's server")
    prepare_move(server, gid=gid, amount=amount)
    say("   prepared in both; phase 2 would come next")
    time.sleep(PREPARED_SECONDS)


def main() -> int:
    """Run the demo, or, as `coordinator`, the process the demo kills."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("role", nargs="?", choices=["coordinator"])
    parser.add_argument("--conninfo")
    parser.add_argument("--gid")
    parser.add_argument("--amount")
    args = parser.parse_args()
    if args.role == "coordinator":
        coordinator(args.conninfo, args.gid, args.amount)
        return 0
    try:
        with two_phase_server() as server:
            demo(server)
    except NoPostgres as exc:
        say(f"SKIPPED: the two-phase commit demo needs PostgreSQL: {exc}.")
        return 0
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
