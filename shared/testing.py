"""Local HTTP servers for tests of how this project's clients use connections.

`KeepAliveServer` answers on kept-alive HTTP/1.1 connections and counts the
connections it was opened, so a test can tell whether a client reused one.
`slow_server` answers one request late, or trickles its body out.
"""

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SLOW_BODY_BYTES = 10
USER = {
    "id": 7,
    "name": "Ann",
    "email": "ann@example.com",
    "is_active": True,
    "version": 1,
}
FEED_PAGE = {"changes": [], "last": 0, "head": 0}


class KeepAliveServer(ThreadingHTTPServer):
    """A server that answers every request on a kept-alive connection."""

    def __init__(self) -> None:
        """Listen on a free port of 127.0.0.1, with no connection yet."""
        super().__init__(("127.0.0.1", 0), KeepAliveHandler)
        self.connections = 0
        self.requests = 0

    @property
    def url(self) -> str:
        """Return the server's base URL."""
        return f"http://127.0.0.1:{self.server_address[1]}"


class KeepAliveHandler(BaseHTTPRequestHandler):
    """Answer a GET with a user or a page of changes, keeping the connection."""

    protocol_version = "HTTP/1.1"
    server: KeepAliveServer

    def setup(self) -> None:
        """Count a new connection."""
        super().setup()
        self.server.connections += 1

    def do_GET(self) -> None:
        """Answer as the users service would: a user, or its changes feed."""
        self.server.requests += 1
        answer = FEED_PAGE if self.path.startswith("/internal/changes/") else USER
        body = json.dumps(answer).encode()
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test's output quiet."""


@contextmanager
def keep_alive_server() -> Iterator[KeepAliveServer]:
    """Run a KeepAliveServer in a thread; stop it afterwards."""
    server = KeepAliveServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def slow_server(*, header_delay: float, byte_delay: float) -> Iterator[str]:
    """Serve one answer: headers after header_delay, then a byte every byte_delay."""
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def answer() -> None:
        connection, _ = listener.accept()
        with connection:
            connection.recv(65536)
            time.sleep(header_delay)
            head = f"HTTP/1.1 200 OK\r\nContent-Length: {SLOW_BODY_BYTES}\r\n\r\n"
            connection.sendall(head.encode())
            for _ in range(SLOW_BODY_BYTES):
                time.sleep(byte_delay)
                try:
                    connection.sendall(b"x")
                except OSError:
                    return

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        listener.close()
