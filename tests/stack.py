"""The stack of the current stage, as real processes for the cross-project tests.

Stage 3: the users service, the orders service and the edge in front of
them, each served by gunicorn (the services with their own databases, the
edge with none), wired to each other as `make run` wires them. This is the
only place the tests learn what "the stack" is.
"""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
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
    """Return the test run's environment without pytest-django's settings module."""
    env = dict(os.environ)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env["PYTHONUNBUFFERED"] = "1"
    return env


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
class Stack:
    """The users and orders services and the edge, wired to each other."""

    users: Server
    orders: Server
    edge: Server

    @property
    def url(self) -> str:
        """Return the public API's base URL: the edge's."""
        return self.edge.url


def build_stack(
    tmp: Path,
    *,
    users_url: str | None = None,
    users_timeout: float = 2.0,
    edge_deadline: float | None = None,
    orders_env: Mapping[str, str] | None = None,
) -> Stack:
    """Describe the stack in tmp; users may be reached through users_url instead.

    users_url (a proxy in front of the users service, say) is where orders
    and the edge both reach users; edge_deadline replaces the edge's own,
    and orders_env adds to the orders service's environment. Orders' breaker
    lets a trial through a second after it opens, so a test sees the stack
    recover at once.
    """
    users_port, orders_port, edge_port = free_port(), free_port(), free_port()
    shared_env = base_env()
    users = Server(
        name="users service",
        manage=[sys.executable, "services/users/manage.py"],
        gunicorn_config="services/users/config/gunicorn.py",
        port=users_port,
        env={
            **shared_env,
            "USERS_DATABASE_PATH": str(tmp / "users.sqlite3"),
            "EVENT_SUBSCRIBERS": f"http://127.0.0.1:{orders_port}/internal/events/",
        },
        log=tmp / "users.log",
    )
    orders = Server(
        name="orders service",
        manage=[sys.executable, "services/orders/manage.py"],
        gunicorn_config="services/orders/config/gunicorn.py",
        port=orders_port,
        env={
            **shared_env,
            "ORDERS_DATABASE_PATH": str(tmp / "orders.sqlite3"),
            "USERS_SERVICE_URL": users_url or users.url,
            "USERS_SERVICE_DEADLINE": str(users_timeout),
            "USERS_BREAKER_RESET_SECONDS": "1",
            **(orders_env or {}),
        },
        log=tmp / "orders.log",
    )
    edge = Server(
        name="edge",
        manage=[sys.executable, "manage.py"],
        gunicorn_config="monolith/config/gunicorn.py",
        port=edge_port,
        env={
            **shared_env,
            "USERS_SERVICE_URL": users_url or users.url,
            "ORDERS_SERVICE_URL": orders.url,
            **({"EDGE_DEADLINE": str(edge_deadline)} if edge_deadline else {}),
        },
        log=tmp / "edge.log",
    )
    return Stack(users=users, orders=orders, edge=edge)


@contextmanager
def running_stack(tmp: Path, *, demo_data: bool = False) -> Iterator[Stack]:
    """Migrate fresh databases in tmp, start the three projects, stop them after."""
    stack = build_stack(tmp)
    with started(stack, demo_data=demo_data):
        yield stack


@contextmanager
def started(stack: Stack, *, demo_data: bool = False) -> Iterator[Stack]:
    """Migrate the services' databases, start the three projects, stop them after."""
    stack.users.run("migrate", "--noinput")
    stack.orders.run("migrate", "--noinput")
    try:
        stack.users.start()
        if demo_data:
            stack.users.run("seed_demo")
            stack.orders.run("seed_demo")
        stack.orders.start()
        stack.edge.start()
        yield stack
    finally:
        stack.edge.stop()
        stack.orders.stop()
        stack.users.stop()
