"""The processes a stack is made of, for the cross-project tests to start and stop.

`Server` is a Django project served by gunicorn on a port bound before it
starts; `Worker` is a Celery process (a worker or beat). Both log to a file
the test can read, and stop cleanly, or can be killed as a crash would; a
worker can also be paused, as a stalled process is, and resumed.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import httpx

REPO_ROOT = Path(__file__).resolve().parents[1]
STARTUP_SECONDS = 30.0


class StackError(Exception):
    """A process of the stack did not start; the message holds its log."""


# Ports handed out by `free_port`, each held by a socket bound to it, so no
# other process can take it before its server starts. The socket does not
# listen: until the server does, a connection to the port is refused.
_reserved: dict[int, socket.socket] = {}


def free_port() -> int:
    """Reserve a TCP port on 127.0.0.1 and return it; a Server on it takes it over."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port: int = sock.getsockname()[1]
    _reserved[port] = sock
    return port


def bound_socket(port: int) -> socket.socket:
    """Return the socket reserving port, or bind one to it (a restart on it)."""
    if (reserved := _reserved.pop(port, None)) is not None:
        return reserved
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # The stopped server's last connections linger on the port (TIME_WAIT).
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(("127.0.0.1", port))
    except OSError as exc:
        sock.close()
        raise StackError(f"port {port} was taken while its server was down") from exc
    return sock


def base_env() -> dict[str, str]:
    """Return the test run's environment without pytest-django's settings module.

    REDIS_URL names a port reserved and never listened on, so a process a
    test starts reaches no Redis the test did not start (a stack gives its
    own); a write it nudges finds the broker away, as when Redis is down.
    """
    env = dict(os.environ)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env["PYTHONUNBUFFERED"] = "1"
    env["REDIS_URL"] = f"redis://127.0.0.1:{_no_redis_port()}/0"
    return env


@cache
def _no_redis_port() -> int:
    """Return a port reserved for the whole test run, where nothing listens."""
    return free_port()


@dataclass
class Server:
    """One Django project served by gunicorn on a port of its own."""

    name: str
    manage: list[str]
    gunicorn_config: str
    port: int
    env: dict[str, str]
    log: Path
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        """Return the server's base URL."""
        return f"http://127.0.0.1:{self.port}"

    def run(self, *args: str) -> None:
        """Run one of the project's manage.py commands; fail with its output."""
        result = subprocess.run(
            [*self.manage, *args],
            cwd=REPO_ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            message = (
                f"{self.name}: {args[0]} failed:\n{result.stdout}\n{result.stderr}"
            )
            raise StackError(message)

    def start(self) -> None:
        """Start gunicorn on the port's bound socket and wait until it answers."""
        # gunicorn listens on the socket it inherits (fd://), so the port is
        # never free between this process and gunicorn; this copy is closed.
        with bound_socket(self.port) as sock, self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [
                    *(sys.executable, "-m", "gunicorn", "-c", self.gunicorn_config),
                    *("--bind", f"fd://{sock.fileno()}"),
                ],
                cwd=REPO_ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                pass_fds=(sock.fileno(),),
            )
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise StackError(f"{self.name} exited:\n{self.log.read_text()}")
            try:
                httpx.get(f"{self.url}/api/", timeout=1.0)
            except httpx.TransportError:
                time.sleep(0.1)
            else:
                return
        raise StackError(f"{self.name} did not answer:\n{self.log.read_text()}")

    def stop(self) -> None:
        """Stop gunicorn, killing it if it has not stopped after ten seconds."""
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None


@dataclass
class Worker:
    """A Celery process (a worker or beat), started in a process group of its own.

    `ready` is a line its log prints once it takes work: a worker's
    "ready.", beat's "beat: Starting...".
    """

    name: str
    argv: list[str]
    env: dict[str, str]
    log: Path
    ready: str
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    def start(self) -> None:
        """Start it and wait until its log says it is ready."""
        offset = self.log.stat().st_size if self.log.exists() else 0
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                self.argv,
                cwd=REPO_ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise StackError(f"{self.name} exited:\n{self.log.read_text()}")
            if self.ready in self.log.read_text(errors="replace")[offset:]:
                return
            time.sleep(0.1)
        raise StackError(f"{self.name} was not ready:\n{self.log.read_text()}")

    def stop(self) -> None:
        """Stop it as an operator does (TERM), killing it after ten seconds."""
        self._end(signal.SIGTERM)

    def kill(self) -> None:
        """Kill it and its pool's processes at once (SIGKILL), as a crash does."""
        self._end(signal.SIGKILL)

    def pause(self) -> None:
        """Freeze it and its pool (SIGSTOP), as a long stall would; see `resume`."""
        if self.process is not None:
            os.killpg(self.process.pid, signal.SIGSTOP)

    def resume(self) -> None:
        """Let a paused process run on (SIGCONT)."""
        if self.process is not None:
            os.killpg(self.process.pid, signal.SIGCONT)

    def _end(self, stop: signal.Signals) -> None:
        """Send the signal to its process group and wait for its end."""
        if self.process is None:
            return
        os.killpg(self.process.pid, stop)
        if stop != signal.SIGKILL:
            # A paused process acts on the signal only once it runs on.
            os.killpg(self.process.pid, signal.SIGCONT)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.process = None
