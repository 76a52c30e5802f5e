"""The clients the orders service builds from its settings, for its apps.

shared/ clients never read settings; this is where the orders service reads them.
"""

from django.conf import settings

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
