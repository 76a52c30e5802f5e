"""Requests sent exactly as written, for what httpx would tidy up first.

httpx resolves `..` in paths, refuses header values that are not ASCII and
always frames a body with Content-Length; the standard library's
http.client does none of that. Plain data only, like the rest of the suite.
"""

import json
from dataclasses import dataclass
from http.client import HTTPConnection
from urllib.parse import urlsplit


@dataclass(frozen=True)
class RawAnswer:
    """A status, and the body read as JSON (None if it is not JSON)."""

    status: int
    body: object


def raw_request(
    base_url: str,
    method: str,
    path: str,
    *,
    headers: dict[str, str] | None = None,
    chunks: list[bytes] | None = None,
) -> RawAnswer:
    """Send one request as written; chunks, if given, go as a chunked body."""
    connection = HTTPConnection(urlsplit(base_url).netloc, timeout=30)
    try:
        connection.putrequest(method, path, skip_accept_encoding=True)
        for name, value in (headers or {}).items():
            connection.putheader(name, value.encode("latin-1"))
        if chunks is not None:
            connection.putheader("Transfer-Encoding", "chunked")
        connection.endheaders()
        for chunk in chunks or []:
            connection.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        if chunks is not None:
            connection.send(b"0\r\n\r\n")
        response = connection.getresponse()
        content = response.read()
    finally:
        connection.close()
    try:
        body = json.loads(content)
    except ValueError:
        body = None
    return RawAnswer(response.status, body)
