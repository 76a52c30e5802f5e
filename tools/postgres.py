"""A PostgreSQL that allows prepared transactions, for the two-phase commit demo.

The demo uses the server DATABASE_URL names, or else the one POSTGRES_HOST,
POSTGRES_PORT and POSTGRES_USER name (the lock tests' server, by default
127.0.0.1:5432 as postgres). PREPARE TRANSACTION needs
max_prepared_transactions above 0, and PostgreSQL ships with 0; if that
server has 0, the demo starts a private, throwaway server with it on, from
the binaries of the PostgreSQL installed here. Where neither can be had,
`NoPostgres` says exactly what to install or change. See
docs/05-consistency.md, "Two-phase commit, for real".
"""

import contextlib
import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg

CONNECT_SECONDS = 3
START_SECONDS = 30.0
STOP_SECONDS = 15.0
INSTALL = (
    "install PostgreSQL (Debian or Ubuntu: sudo apt install postgresql; "
    "Fedora: sudo dnf install postgresql-server; macOS: brew install postgresql)"
)


class NoPostgres(Exception):
    """No PostgreSQL with prepared transactions can be had; the message says why."""


@dataclass(frozen=True)
class Server:
    """Where a PostgreSQL answers, and how the demo found it."""

    conninfo: str
    how: str
    # Why the demo could not use the configured server, if it could not.
    note: str = ""

    def connect(self, dbname: str) -> psycopg.Connection:
        """Connect to one database of the server, in autocommit mode."""
        return psycopg.connect(self.conninfo, dbname=dbname, autocommit=True)


def configured_conninfo() -> str:
    """Return the configured server's connection string (its postgres database)."""
    if url := os.environ.get("DATABASE_URL"):
        return url
    host = os.environ.get("POSTGRES_HOST", "127.0.0.1")
    port = os.environ.get("POSTGRES_PORT", "5432")
    user = os.environ.get("POSTGRES_USER", "postgres")
    return f"host={host} port={port} user={user} dbname=postgres"


def prepared_transactions_allowed(conninfo: str) -> int:
    """Return the server's max_prepared_transactions; raise psycopg.Error if none."""
    with psycopg.connect(conninfo, connect_timeout=CONNECT_SECONDS) as conn:
        row = conn.execute("SHOW max_prepared_transactions").fetchone()
    return int(row[0]) if row else 0


def find_binaries() -> Path | None:
    """Return the folder of initdb and postgres: on the PATH, or Debian's place."""
    if found := shutil.which("initdb"):
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(versions[-1]).parent if versions else None


def _run_as() -> list[str]:
    """Return the prefix that runs PostgreSQL's programs as a user allowed to.

    PostgreSQL refuses to run as root; as root, they run as `postgres`.
    """
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        raise NoPostgres(
            "PostgreSQL will not run as root, and there is no postgres user "
            "to run it as: run the demo as another user"
        ) from None
    runuser = shutil.which("runuser")
    if runuser is None:
        raise NoPostgres("running PostgreSQL as the postgres user needs runuser")
    return [runuser, "-u", "postgres", "--"]


def _free_port() -> int:
    """Return a port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def private_server(binaries: Path, *, why: str) -> Iterator[Server]:
    """Start a throwaway PostgreSQL with prepared transactions on; remove it after."""
    prefix = _run_as()
    folder = Path(tempfile.mkdtemp(prefix="pg-2pc-"))
    if prefix:
        shutil.chown(folder, user="postgres")
    data, port = folder / "data", _free_port()
    subprocess.run(
        [
            *prefix,
            str(binaries / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "--auth=trust",
            "--no-sync",
        ],
        check=True,
        capture_output=True,
    )
    server = subprocess.Popen(
        [
            *prefix,
            str(binaries / "postgres"),
            "-D",
            str(data),
            "-p",
            str(port),
            "-k",
            str(folder),
            "-c",
            "listen_addresses=127.0.0.1",
            "-c",
            "max_prepared_transactions=10",
            "-c",
            "fsync=off",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        # A session of its own: the stop reaches postgres, not only runuser.
        start_new_session=True,
    )
    conninfo = f"host=127.0.0.1 port={port} user=postgres dbname=postgres"
    try:
        _wait_until_up(conninfo, server)
        yield Server(conninfo, f"a private PostgreSQL on port {port}", note=why)
    finally:
        _stop(server)
        shutil.rmtree(folder, ignore_errors=True)


def _stop(server: subprocess.Popen[bytes]) -> None:
    """Stop the private server at once (SIGINT: fast shutdown), or kill it."""
    os.killpg(server.pid, signal.SIGINT)
    try:
        server.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def _wait_until_up(conninfo: str, server: subprocess.Popen[bytes]) -> None:
    """Wait until the private server takes connections, or say it did not start."""
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise NoPostgres("the private PostgreSQL exited at its start")
        with contextlib.suppress(psycopg.OperationalError):
            psycopg.connect(conninfo, connect_timeout=1).close()
            return
        time.sleep(0.2)
    raise NoPostgres(f"the private PostgreSQL did not answer in {START_SECONDS:g} s")


@contextlib.contextmanager
def two_phase_server() -> Iterator[Server]:
    """Yield a server with prepared transactions: the configured one, or a private one.

    Raises `NoPostgres`, saying what to install or change, when neither works.
    """
    conninfo = configured_conninfo()
    try:
        allowed = prepared_transactions_allowed(conninfo)
    except psycopg.Error:
        allowed = None
    if allowed:
        yield Server(conninfo, "the configured PostgreSQL")
        return
    why = (
        "no PostgreSQL answers at DATABASE_URL or POSTGRES_HOST:POSTGRES_PORT"
        if allowed is None
        else "the configured PostgreSQL has max_prepared_transactions = 0, which "
        "turns PREPARE TRANSACTION off (to turn it on there: ALTER SYSTEM SET "
        "max_prepared_transactions = 10; then restart the server)"
    )
    binaries = find_binaries()
    if binaries is None:
        raise NoPostgres(
            f"{why}; no initdb was found to start a private one: {INSTALL}"
        )
    with private_server(binaries, why=why) as server:
        yield server
