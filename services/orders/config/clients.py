"""The clients the orders service builds from its settings, for its apps.

shared/ clients never read settings; this is where the orders service reads
them. Each process has one breaker for the users service, shared by all its
threads. See docs/03-orders-service.md, "API composition with a budget",
and docs/04-celery-sync.md, "The replica".
"""

from django.conf import settings

from orders.clients import lookup_client
from orders.replica import ReplicaUsersClient
from shared.breaker import CircuitBreaker, circuit_breaker
from shared.users.credit import HttpCreditClient
from shared.users.feed import HttpChangesFeed
from shared.users.http import HttpUsersClient, OneByOneHttpUsersClient


def replica_users_client() -> ReplicaUsersClient:
    """Return the UsersClient since stage 4: the replica, asking users only when new."""
    return ReplicaUsersClient(lookup=lookup_client())


def http_users_client() -> HttpUsersClient:
    """Return the users service over HTTP, which the replica asks about new users."""
    return HttpUsersClient(
        base_url=settings.USERS_SERVICE_URL,
        deadline=settings.USERS_SERVICE_DEADLINE,
        attempts=settings.USERS_SERVICE_ATTEMPTS,
        breaker=users_breaker(),
    )


def one_by_one_users_client() -> OneByOneHttpUsersClient:
    """Return the naive client, one request per user: only for `make bench`."""
    return OneByOneHttpUsersClient(
        base_url=settings.USERS_SERVICE_URL,
        deadline=settings.USERS_SERVICE_DEADLINE,
        attempts=settings.USERS_SERVICE_ATTEMPTS,
        breaker=users_breaker(),
    )


def users_changes_feed() -> HttpChangesFeed:
    """Return users' changes feed over HTTP, read with the shared secret."""
    return HttpChangesFeed(
        base_url=settings.USERS_SERVICE_URL,
        secret=settings.EVENTS_SECRET,
        deadline=settings.USERS_SERVICE_DEADLINE,
    )


def http_credit_client() -> HttpCreditClient:
    """Return the users service's credit endpoints, reached with the shared secret."""
    return HttpCreditClient(
        base_url=settings.USERS_SERVICE_URL,
        secret=settings.EVENTS_SECRET,
        deadline=settings.USERS_SERVICE_DEADLINE,
    )


def users_breaker() -> CircuitBreaker:
    """Return a circuit breaker for the users service, as the settings say."""
    return circuit_breaker(
        name="users service",
        failures=settings.USERS_BREAKER_FAILURES,
        reset_seconds=settings.USERS_BREAKER_RESET_SECONDS,
    )
