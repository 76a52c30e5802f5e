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

# gunicorn's keepalive in chassis/gunicorn.py; a test there keeps them in step.
SERVER_KEEPALIVE_SECONDS = 2.0
# Half of that: the server checks its idle connections about once a second,
# so it may close one any time after SERVER_KEEPALIVE_SECONDS.
CLIENT_KEEPALIVE_SECONDS = SERVER_KEEPALIVE_SECONDS / 2


def pool_limits() -> httpx.Limits:
    """Return the connection pool limits of a client of another service here."""
    return httpx.Limits(keepalive_expiry=CLIENT_KEEPALIVE_SECONDS)
