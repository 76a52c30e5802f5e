"""A TCP proxy that can make a service slow, or hold its answers, for fault tests.

The edge is pointed at the proxy instead of the users service; the test then
turns a delay on and off, or holds answers at a gate and releases them,
while both processes keep running.
"""

import contextlib
import socket
import threading
import time
from dataclasses import dataclass, field


@dataclass
class SlowProxy:
    """Forward connections to upstream, holding each answer back `delay` seconds.

    The delay applies to every chunk coming back, so connections the client
    keeps open are slowed too, not only new ones. `hold()` closes a gate
    that answers wait at, counted in `held`, until `release()`.
    """

    upstream_port: int
    delay: float = 0.0
    port: int = 0
    held: int = 0
    _server: socket.socket = field(init=False, repr=False)
    _gate: threading.Event = field(init=False, repr=False)
    _counting: threading.Lock = field(
        init=False, repr=False, default_factory=threading.Lock
    )

    def __post_init__(self) -> None:
        """Start with the gate open."""
        self._gate = threading.Event()
        self._gate.set()

    def hold(self) -> None:
        """Keep every answer from here on at the gate, counting them in `held`."""
        self.held = 0
        self._gate.clear()

    def release(self) -> None:
        """Let the held answers, and all later ones, through."""
        self._gate.set()

    def start(self) -> None:
        """Listen on a free port and forward each connection in a thread."""
        self._server = socket.create_server(("127.0.0.1", self.port))
        self.port = self._server.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        """Return the proxy's base URL."""
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        """Stop listening; connections in flight end with their threads."""
        self._server.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        try:
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
        except OSError:
            client.close()
            return
        pipes = ((client, upstream, False), (upstream, client, True))
        for source, target, slowed in pipes:
            args = (source, target, slowed)
            threading.Thread(target=self._pipe, args=args, daemon=True).start()

    def _pipe(self, source: socket.socket, target: socket.socket, slowed: bool) -> None:
        """Copy bytes one way until either side closes, answers held back."""
        try:
            while chunk := source.recv(65536):
                if slowed:
                    self._wait_at_gate()
                    time.sleep(self.delay)
                target.sendall(chunk)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def _wait_at_gate(self) -> None:
        """Wait while the gate is closed, counted as one held answer."""
        if self._gate.is_set():
            return
        with self._counting:
            self.held += 1
        self._gate.wait()
