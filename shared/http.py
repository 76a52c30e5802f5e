"""What every HTTP client between this project's processes has in common.

A kept-alive connection can be closed by either end. The servers here
(gunicorn, chassis/gunicorn.py) close one that has been idle for
`keepalive` seconds. A client that sends a request on such a connection just
as the server closes it gets a reset instead of an answer, which the caller
sees as the other service being unreachable. So the client must give up an
idle connection well before the server does: then it always opens a new one
instead. See docs/02-users-service.md, "Kept-alive connections".

httpx's timeouts are per step: connecting, sending, and each read may take
the whole timeout, so a server that trickles its answer can hold a caller
for far longer. `request_within` bounds the whole call by a `Deadline`
instead: each step gets only the time left, and the answer's body is read
with the clock checked between chunks. See docs/03-orders-service.md, "The
timeout budget".
"""

import time
from collections.abc import Iterator, Mapping

import httpx

# Half of the servers' keepalive (2 s, chassis/gunicorn.py, kept in step by
# chassis/tests/test_gunicorn.py), so a request has a second to reach the
# server before the server may close the connection.
CLIENT_KEEPALIVE_SECONDS = 1.0


def pool_limits() -> httpx.Limits:
    """Return the connection pool limits of a client of another service here.

    The caps are httpx's defaults; a new `httpx.Limits` would have none.
    """
    return httpx.Limits(
        max_connections=100,
        max_keepalive_connections=20,
        keepalive_expiry=CLIENT_KEEPALIVE_SECONDS,
    )


def service_http(
    *,
    base_url: str,
    deadline: float,
    transport: httpx.BaseTransport | None = None,
    secret: str | None = None,
) -> httpx.Client:
    """Return an httpx client of another service here, asking for JSON.

    It keeps `pool_limits()`, times each step out after `deadline`, and, with
    `secret`, sends it as a bearer token, as the internal endpoints require.
    """
    headers = {"Accept": "application/json"}
    if secret is not None:
        headers["Authorization"] = f"Bearer {secret}"
    return httpx.Client(
        base_url=base_url,
        timeout=httpx.Timeout(deadline),
        limits=pool_limits(),
        transport=transport,
        headers=headers,
    )


class Deadline:
    """A moment, on the monotonic clock, by which a call must have its answer."""

    def __init__(self, seconds: float) -> None:
        """Start the clock: the call has `seconds` from now."""
        self.seconds = seconds
        self.expires_at = time.monotonic() + seconds

    def remaining(self) -> float:
        """Return the seconds left, never below zero."""
        return max(0.0, self.expires_at - time.monotonic())

    def timeouts(self) -> "DeadlineTimeouts":
        """Return httpx's per-step timeouts, each the time left when it starts."""
        return DeadlineTimeouts(self)


class DeadlineTimeouts(Mapping[str, float]):
    """The `timeout` extension of an httpx request, read afresh at every step.

    httpx hands this mapping to httpcore, which looks a step's timeout up
    (`connect`, `write`, `read`, `pool`) when it starts the step. Each
    look-up answers the time left until the deadline.
    """

    STEPS = ("connect", "read", "write", "pool")

    def __init__(self, deadline: Deadline) -> None:
        """Answer for this deadline."""
        self.deadline = deadline

    def __getitem__(self, step: str) -> float:
        """Return the seconds left, as the timeout of the step starting now."""
        if step not in self.STEPS:
            raise KeyError(step)
        return self.deadline.remaining()

    def __iter__(self) -> Iterator[str]:
        """Name the steps httpcore times."""
        return iter(self.STEPS)

    def __len__(self) -> int:
        """Count the steps httpcore times."""
        return len(self.STEPS)


def request_within(
    client: httpx.Client,
    method: str,
    url: str,
    *,
    deadline: Deadline,
    content: bytes | None = None,
    params: Mapping[str, int | str | list[int]] | None = None,
    headers: Mapping[bytes, bytes] | Mapping[str, str] | None = None,
) -> httpx.Response:
    """Send a request and read its whole answer before the deadline.

    Raises httpx.ReadTimeout once the deadline passes while the body is
    still arriving, as httpx does when one read takes too long.
    """
    request = client.build_request(
        method,
        url,
        content=content,
        params=params,
        headers=headers,
        extensions={"timeout": DeadlineTimeouts(deadline)},
    )
    response = client.send(request, stream=True)
    try:
        body = bytearray()
        for chunk in response.iter_bytes():
            body += chunk
            if deadline.remaining() <= 0:
                message = f"No whole answer within {deadline.seconds:g} s."
                raise httpx.ReadTimeout(message, request=request)
    finally:
        response.close()
    # The body is decoded already: the headers that described its encoding go.
    kept = [
        (name, value)
        for name, value in response.headers.multi_items()
        if name.lower() not in {"content-encoding", "content-length"}
    ]
    return httpx.Response(
        response.status_code, headers=kept, content=bytes(body), request=request
    )
