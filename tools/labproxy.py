"""A proxy a lab's checks put between two of an attendee's services.

The orders service is told (USERS_PORT) that users answers at the proxy's
port. The proxy sends each request on to the real users service and counts
it, so a check sees how many calls a page of orders costs, and which. `hold()` turns
it into a users service that takes requests and never answers, as a hung
process does, until `release()`: the failure a deadline and a circuit
breaker exist for, which a stopped process (refused at once) does not show.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

import httpx

# Headers that belong to one hop, or that the proxy sets itself (httpx hands
# the body over decoded).
HOP_HEADERS = {
    "connection",
    "keep-alive",
    "transfer-encoding",
    "content-length",
    "content-encoding",
}
# How long a held request waits at most, so that no thread outlives a check.
HOLD_SECONDS = 120.0


class LinkProxy:
    """Forward HTTP requests to `upstream`, counting them; hold them on demand."""

    def __init__(self, *, upstream: str) -> None:
        """Bind a free port of 127.0.0.1; requests are served once entered."""
        self.upstream = upstream
        self._calls = 0
        self._requests: list[str] = []
        self._lock = threading.Lock()
        self._open = threading.Event()
        self._open.set()
        self._closing = False
        self._server = QuietServer(("127.0.0.1", 0), _handler(self))
        self.port: int = self._server.server_address[1]

    @property
    def url(self) -> str:
        """Return the proxy's base URL."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def calls(self) -> int:
        """Return how many requests reached the proxy since the last `reset()`."""
        return self._calls

    @property
    def requests(self) -> list[str]:
        """Return `METHOD /path` of each request since the last `reset()`."""
        with self._lock:
            return list(self._requests)

    def reset(self) -> None:
        """Start counting again from zero."""
        with self._lock:
            self._calls = 0
            self._requests.clear()

    def hold(self) -> None:
        """Keep every request from now on unanswered, as a hung service would."""
        self._open.clear()

    def release(self) -> None:
        """Forward requests again, the held ones included."""
        self._open.set()

    def forward(
        self, method: str, path: str, body: bytes, headers: dict[str, str]
    ) -> httpx.Response | None:
        """Count one request, wait while held, and send it on upstream.

        A request still held when the proxy stops is dropped unanswered.
        """
        with self._lock:
            self._calls += 1
            self._requests.append(f"{method} {path}")
        self._open.wait(timeout=HOLD_SECONDS)
        if self._closing:
            return None
        with httpx.Client(base_url=self.upstream, timeout=30.0) as http:
            return http.request(method, path, content=body, headers=headers)

    def __enter__(self) -> "LinkProxy":
        """Serve in a thread of its own."""
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        """Drop what is held and stop listening."""
        self._closing = True
        self.release()
        self._server.shutdown()
        self._server.server_close()


class QuietServer(ThreadingHTTPServer):
    """A threaded HTTP server that drops a connection its client gave up on."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """Say nothing: a client that hung up is what a held request expects."""


def _handler(proxy: LinkProxy) -> type[BaseHTTPRequestHandler]:
    """Return the request handler class that hands every request to proxy."""

    class Handler(BaseHTTPRequestHandler):
        """Relay one request through the proxy and its answer back."""

        def relay(self) -> None:
            """Forward the request; answer what upstream answered, or 502."""
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            headers = {
                name: value
                for name, value in self.headers.items()
                if name.lower() not in HOP_HEADERS | {"host"}
            }
            try:
                answer = proxy.forward(self.command, self.path, body, headers)
            except httpx.HTTPError:
                self.send_error(502)
                return
            if answer is None:
                self.close_connection = True
                return
            self.send_response(answer.status_code)
            for name, value in answer.headers.items():
                if name.lower() not in HOP_HEADERS:
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(answer.content)))
            self.end_headers()
            self.wfile.write(answer.content)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = relay

        def log_message(self, format: str, *args: object) -> None:
            """Keep quiet: the check reports what matters."""

    return Handler
