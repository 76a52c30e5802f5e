"""The clients the monolith builds from its settings, for the apps that use them.

shared/ clients never read settings; this is where the monolith reads them.
"""

from django.conf import settings

from shared.users.http import HttpUsersClient


def http_users_client() -> HttpUsersClient:
    """Return the UsersClient of stage 2: the users service over HTTP."""
    return HttpUsersClient(
        base_url=settings.USERS_SERVICE_URL, timeout=settings.USERS_SERVICE_TIMEOUT
    )
