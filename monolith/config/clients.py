"""The clients the monolith builds from its settings, for the apps that use them.

shared/ clients never read settings; this is where the monolith reads them.
"""

import httpx
from django.conf import settings

from shared.http import pool_limits
from shared.users.http import HttpUsersClient, OneByOneHttpUsersClient


def http_users_client() -> HttpUsersClient:
    """Return the UsersClient of stage 2: the users service over HTTP."""
    return HttpUsersClient(
        base_url=settings.USERS_SERVICE_URL, timeout=settings.USERS_SERVICE_TIMEOUT
    )


def one_by_one_users_client() -> OneByOneHttpUsersClient:
    """Return the naive client, one request per user: only for `make bench`."""
    return OneByOneHttpUsersClient(
        base_url=settings.USERS_SERVICE_URL, timeout=settings.USERS_SERVICE_TIMEOUT
    )


def users_proxy_http() -> httpx.Client:
    """Return the connection pool the edge forwards /api/users/ over."""
    return httpx.Client(
        base_url=settings.USERS_SERVICE_URL,
        timeout=httpx.Timeout(settings.USERS_SERVICE_TIMEOUT),
        limits=pool_limits(),
    )
