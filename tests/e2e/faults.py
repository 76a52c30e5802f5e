"""A TCP proxy that can make a service slow, for the failure tests.

The edge is pointed at the proxy instead of the users service; the test then
turns a delay on and off while both processes keep running.
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
    keeps open are slowed too, not only new ones.
    """

    upstream_port: int
    delay: float = 0.0
    port: int = 0
    _server: socket.socket = field(init=False, repr=False)

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
                    time.sleep(self.delay)
                target.sendall(chunk)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
