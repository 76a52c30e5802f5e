"""Tests of the replica's management commands: replica_backfill, orders_dead_letters.

Backfill talks to the users service over HTTP; here its clients are the
real ones over an httpx.MockTransport, made by the factories below, which
the tests name in USERS_LOOKUP_CLIENT and USERS_FEED.
"""

from io import StringIO

import httpx
import pytest
from django.core.management import CommandError, call_command

from orders.models import Customer, DeadLetter, SyncCursor
from orders.reconcile import USERS_FEED
from orders.sync import dead_letter_record
from orders.tests.factories import user_changed
from shared.events import event_to_json
from shared.users.client import UserSnapshot
from shared.users.feed import HttpChangesFeed
from shared.users.http import HttpUsersClient

pytestmark = pytest.mark.django_db

# 150 users: two pages of the users list.
USERS = [
    {
        "id": n,
        "name": f"User {n}",
        "email": f"user{n}@example.com",
        "is_active": True,
        "version": 1,
    }
    for n in range(1, 151)
]
HEAD = 420


def users_service(request: httpx.Request) -> httpx.Response:
    """Answer as the users service does: its users list, a page of 100, and its feed."""
    if request.url.path == "/internal/changes/":
        return httpx.Response(200, json={"changes": [], "last": 0, "head": HEAD})
    number = int(request.url.params["page"])
    start = (number - 1) * 100
    more = start + 100 < len(USERS)
    return httpx.Response(
        200,
        json={
            "count": len(USERS),
            "next": f"http://users.test/api/users/?page={number + 1}" if more else None,
            "previous": None,
            "results": USERS[start : start + 100],
        },
    )


def refused(request: httpx.Request) -> httpx.Response:
    """Fail as a users service that is not running does."""
    raise httpx.ConnectError("connection refused")


def users_service_client() -> HttpUsersClient:
    """Return the users service's client, answered by `users_service`."""
    return HttpUsersClient(
        base_url="http://users.test",
        deadline=2.0,
        transport=httpx.MockTransport(users_service),
    )


def users_service_feed() -> HttpChangesFeed:
    """Return the users service's feed client, answered by `users_service`."""
    return HttpChangesFeed(
        base_url="http://users.test",
        secret="s3cret",
        deadline=2.0,
        transport=httpx.MockTransport(users_service),
    )


def unreachable_client() -> HttpUsersClient:
    """Return a users service client whose every request is refused."""
    return HttpUsersClient(
        base_url="http://users.test",
        deadline=2.0,
        attempts=1,
        transport=httpx.MockTransport(refused),
    )


def unreachable_feed() -> HttpChangesFeed:
    """Return a feed client whose every request is refused."""
    return HttpChangesFeed(
        base_url="http://users.test",
        secret="s3cret",
        deadline=2.0,
        transport=httpx.MockTransport(refused),
    )


def backfill(settings, *, client: str, feed: str) -> str:
    """Run replica_backfill with the users service clients these factories make."""
    settings.USERS_LOOKUP_CLIENT = f"{__name__}.{client}"
    settings.USERS_FEED = f"{__name__}.{feed}"
    out = StringIO()
    call_command("replica_backfill", stdout=out)
    return out.getvalue()


def test_replica_backfill_stores_every_user_and_says_the_replica_is_verified(
    settings,
):
    output = backfill(
        settings, client="users_service_client", feed="users_service_feed"
    )

    assert "Replica verified: 150 customers (150 stored or updated now)" in output
    assert Customer.objects.count() == 150


def test_replica_backfill_leaves_reconciliation_to_read_on_from_the_head(settings):
    backfill(settings, client="users_service_client", feed="users_service_feed")

    assert SyncCursor.objects.get(feed=USERS_FEED).position == HEAD


def test_replica_backfill_without_the_users_service_says_no_backfill(settings):
    reason = r"No backfill: .*did not answer \(ConnectError\)"

    with pytest.raises(CommandError, match=reason):
        backfill(settings, client="unreachable_client", feed="unreachable_feed")

    assert not Customer.objects.exists()


def test_replica_backfill_refuses_a_lookup_client_that_is_not_the_users_api():
    with pytest.raises(CommandError, match="must be the users service's API"):
        call_command("replica_backfill", stdout=StringIO())


ANN = UserSnapshot(id=7, name="Ann", email="ann@example.com", is_active=True, version=1)
VALID = event_to_json(user_changed(ANN))


def dead_letters(*args: str) -> str:
    """Run orders_dead_letters with these arguments; return what it wrote."""
    out = StringIO()
    call_command("orders_dead_letters", *args, stdout=out)
    return out.getvalue()


def test_orders_dead_letters_lists_the_letters_waiting_with_their_reasons():
    dead_letter_record(message=VALID, reason="User 7 does not exist.")
    dead_letter_record(message="junk", reason="not a UserChanged event")

    output = dead_letters()

    lines = output.splitlines()
    assert lines[0].endswith("User 7 does not exist.")
    assert lines[1].endswith("not a UserChanged event")
    assert lines[2] == "2 dead letters waiting."


def test_orders_dead_letters_replays_one_letter_by_id():
    letter = dead_letter_record(message=VALID, reason="User 7 does not exist.")

    output = dead_letters("--replay", str(letter.pk))

    assert output == f"{letter.pk}: applied\n"
    assert Customer.objects.filter(user_id=ANN.id).exists()


def test_orders_dead_letters_replays_all_and_keeps_those_that_fail_again():
    applied = dead_letter_record(message=VALID, reason="User 7 does not exist.")
    junk = dead_letter_record(message="junk", reason="not a UserChanged event")

    output = dead_letters("--replay", "all")

    assert output == f"{applied.pk}: applied\n{junk.pk}: dead-lettered\n"
    assert list(DeadLetter.objects.filter(replayed_at=None)) == [junk]


@pytest.mark.parametrize(
    ("replay", "message"),
    [("404", "No dead letter 404 is waiting"), ("first", "takes a dead letter's id")],
)
def test_orders_dead_letters_refuses_what_it_cannot_replay(replay, message):
    with pytest.raises(CommandError, match=message):
        dead_letters("--replay", replay)
