"""What every HTTP client between this project's processes has in common.

A kept-alive connection can be closed by either end. The servers here
(gunicorn, chassis/gunicorn.py) close one that has been idle for
`keepalive` seconds. A client that sends a request on such a connection just
as the server closes it gets a reset instead of an answer, which the caller
sees as the other service being unreachable. So the client must give up an
idle connection well before the server does: then it always opens a new one
instead. See docs/02-users-service.md, "Kept-alive connections".
"""

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
