"""A private redis-server for tests and the sync bench, on a free port of its own.

The test that starts it may kill it and start it again, with its data kept
or emptied. It never touches a Redis it did not start: it waits for its own
process, not for any Redis, to answer on its port.
"""

import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Self

import redis

from tools.redis import HOST, find_redis_server, install_hint, server_args

START_SECONDS = 10.0
# How many ports are tried when the one chosen was taken before redis-server
# could bind it.
BIND_ATTEMPTS = 5


class RedisNotFound(Exception):
    """No redis-server to start; the message says what to install."""


class RedisServerFailed(Exception):
    """redis-server did not start; the message holds its log."""


class _PortTaken(Exception):
    """Another process bound the port first."""


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _served_by(client: redis.Redis, pid: int) -> bool:
    """Return whether the Redis the client reaches is the process with this pid."""
    # Another Redis may hold the port: PING alone would let the owner use,
    # and empty, a Redis it did not start.
    try:
        return bool(client.info("server")["process_id"] == pid)
    except redis.RedisError:
        return False


class RedisServer:
    """A redis-server on 127.0.0.1, started and stopped by its owner.

    It writes every command to disk before answering unless told
    `fsync_always=False`.
    """

    def __init__(
        self,
        *,
        directory: Path | None = None,
        choose_port: Callable[[], int] = free_port,
        fsync_always: bool = True,
    ) -> None:
        binary = find_redis_server()
        if binary is None:
            raise RedisNotFound(install_hint())
        self._binary = binary
        self._scratch: tempfile.TemporaryDirectory[str] | None = None
        if directory is None:
            self._scratch = tempfile.TemporaryDirectory(prefix="redis-server-")
            directory = Path(self._scratch.name)
        self.directory = directory / "data"
        self._log = directory / "redis-server.log"
        self._choose_port = choose_port
        self._fsync_always = fsync_always
        self._process: subprocess.Popen[bytes] | None = None
        self.port = 0

    @property
    def url(self) -> str:
        """Return the URL clients connect to."""
        return f"redis://{HOST}:{self.port}/0"

    @property
    def pid(self) -> int | None:
        """Return the process id of redis-server while it runs, else None."""
        if self._process is None or self._process.poll() is not None:
            return None
        return self._process.pid

    def start(self, *, keep_data: bool = True) -> None:
        """Start it: on a free port the first time, on the same port after."""
        if self._process is not None and self._process.poll() is None:
            raise RedisServerFailed(f"redis-server already runs on port {self.port}")
        if not keep_data:
            shutil.rmtree(self.directory, ignore_errors=True)
        self.directory.mkdir(parents=True, exist_ok=True)
        if self.port:
            self._restart()
            return
        for _ in range(BIND_ATTEMPTS):
            port = self._choose_port()
            try:
                self._run(port)
            except _PortTaken:
                continue
            self.port = port
            return
        raise RedisServerFailed(f"every port tried was taken ({BIND_ATTEMPTS} tries)")

    def _restart(self) -> None:
        """Start it again on its port: clients hold the URL, so it cannot move."""
        try:
            self._run(self.port)
        except _PortTaken:
            raise RedisServerFailed(
                f"port {self.port} was taken while redis-server was down"
            ) from None

    def stop(self) -> None:
        """Stop it as an operator does (SIGTERM) and wait until it has ended."""
        self._end(signal.SIGTERM)

    def kill(self) -> None:
        """Kill it at once (SIGKILL), as a crash does, and wait until it has ended."""
        self._end(signal.SIGKILL)

    def close(self) -> None:
        """Stop it and delete the folder it made for itself, if it made one."""
        self.stop()
        if self._scratch is not None:
            self._scratch.cleanup()

    def __enter__(self) -> Self:
        """Start it, unless it runs already."""
        if self._process is None or self._process.poll() is not None:
            self.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Stop it and delete what it made."""
        self.close()

    def _run(self, port: int) -> None:
        """Start redis-server on the port and wait until it answers."""
        command = [str(self._binary), *server_args(port=port, directory=self.directory)]
        # Every write reaches the disk before Redis acknowledges it, so a test
        # that kills the server finds every acknowledged write after a restart
        # (the default, everysec, may lose the last second). The sync bench
        # keeps the default, as the Redis `make run` starts does: a disk
        # write per command would be the bench's cost, not the stack's.
        if self._fsync_always:
            command += ["--appendfsync", "always"]
        with self._log.open("wb") as log:
            process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        self._process = process
        if self._answers(process, port):
            return
        output = self._log.read_text(errors="replace")
        if "Address already in use" in output:
            raise _PortTaken
        raise RedisServerFailed(f"redis-server did not start on port {port}:\n{output}")

    def _answers(self, process: subprocess.Popen[bytes], port: int) -> bool:
        """Wait until this process, not any Redis on the port, answers."""
        deadline = time.monotonic() + START_SECONDS
        with redis.Redis(
            host=HOST, port=port, socket_connect_timeout=0.5, socket_timeout=0.5
        ) as client:
            while process.poll() is None and time.monotonic() < deadline:
                if _served_by(client, process.pid):
                    return True
                time.sleep(0.05)
        self._end(signal.SIGKILL)
        return False

    def _end(self, stop: signal.Signals) -> None:
        """Send the signal to redis-server, if it runs, and wait for its end."""
        if self._process is None or self._process.poll() is not None:
            return
        self._process.send_signal(stop)
        try:
            self._process.wait(timeout=START_SECONDS)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
