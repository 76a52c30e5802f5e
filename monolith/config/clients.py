"""The clients the edge builds from its settings: one pool per service it forwards to.

shared/ clients never read settings; this is where the edge reads them.
"""

import httpx
from django.conf import settings

from shared.http import pool_limits


def service_http(*, base_url: str) -> httpx.Client:
    """Return the connection pool the edge forwards a route's requests over.

    Its timeout is the edge's deadline; each forwarded call then keeps to
    what is left of it at every step (api/proxy.py).
    """
    timeout = httpx.Timeout(settings.EDGE_DEADLINE)
    return httpx.Client(base_url=base_url, timeout=timeout, limits=pool_limits())
