"""Tests of the proxy lab checks put between two services: it counts, and it holds."""

import threading
from collections.abc import Iterator
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from tools.labproxy import LinkProxy


class Upstream(BaseHTTPRequestHandler):
    """Answer every GET with its path and query, as JSON."""

    def do_GET(self):
        """Answer with the path asked for."""
        body = f'{{"path": "{self.path}"}}'.encode()
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        """Keep quiet."""


@pytest.fixture
def upstream() -> Iterator[str]:
    """Serve Upstream on a free port; return its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_the_proxy_forwards_and_counts_each_request(upstream):
    with LinkProxy(upstream=upstream) as link:
        answers = [httpx.get(f"{link.url}/api/users/?id=1&id=2") for _ in range(3)]
        counted = link.calls

    assert [answer.json() for answer in answers] == [
        {"path": "/api/users/?id=1&id=2"}
    ] * 3
    assert counted == 3


def test_reset_counts_from_zero_again(upstream):
    with LinkProxy(upstream=upstream) as link:
        httpx.get(f"{link.url}/api/users/")
        link.reset()
        httpx.get(f"{link.url}/api/users/")
        counted = link.calls

    assert counted == 1


def test_a_held_request_gets_no_answer_until_released(upstream):
    with LinkProxy(upstream=upstream) as link:
        link.hold()
        with pytest.raises(httpx.ReadTimeout):
            httpx.get(f"{link.url}/api/users/", timeout=0.3)
        link.release()
        answer = httpx.get(f"{link.url}/api/users/", timeout=5)

    assert answer.status_code == HTTPStatus.OK
