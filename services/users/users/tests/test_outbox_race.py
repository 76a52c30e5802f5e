"""Two relays at once on PostgreSQL send each outbox row once, in each user's order.

SQLite lets one transaction write at a time, which hides the race. On
PostgreSQL a relay claims its batch with SELECT ... FOR UPDATE, so a
second relay that starts while the first is still sending waits for the
rows, and then finds them marked sent. The test holds relay A in its
`send`, after its first event, starts relay B, sees B wait for a lock,
then lets A go on. `make pytest-postgres` runs it.
"""

import threading
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
from django.db import connection

from chassis.pglocks import (
    WAIT_SECONDS,
    in_own_connection,
    sessions_waiting,
    watcher_connection,
)
from shared.events import UserChanged
from users.models import OutboxEvent
from users.outbox import outbox_relay
from users.services import user_create, user_update

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def watcher() -> Iterator[psycopg.Connection]:
    """Return a connection of its own, to see which sessions wait for a lock."""
    if connection.vendor != "postgresql":
        pytest.skip("shows PostgreSQL's locking: make pytest-postgres")
    with watcher_connection() as watching:
        yield watching


class HeldRelay:
    """A relay's `send` that records each event, and stops after the first one.

    It waits there until `release` is set, holding its batch's transaction
    open: the window in which a second relay must not send the same rows.
    """

    def __init__(self, *, sent: list[UserChanged]) -> None:
        """Record into `sent`, shared with the other relay."""
        self.sent = sent
        self.holding = threading.Event()
        self.release = threading.Event()

    def __call__(self, event: UserChanged) -> None:
        """Record the event; after the first, wait to be released."""
        self.sent.append(event)
        if not self.holding.is_set():
            self.holding.set()
            assert self.release.wait(WAIT_SECONDS), "relay A was never released"


@pytest.fixture
def six_changes() -> list[int]:
    """Create three users and rename each: six outbox rows; return their sequences."""
    users = [
        user_create(name=name, email=f"{name.lower()}@example.com")
        for name in ("Ann", "Bo", "Cy")
    ]
    for user in users:
        user_update(user_id=user.pk, name=f"{user.name} Renamed")
    return list(OutboxEvent.objects.values_list("pk", flat=True))


def test_two_relays_at_once_send_each_row_once_in_each_users_order(
    six_changes, watcher
):
    sent: list[UserChanged] = []
    relay_a = HeldRelay(sent=sent)
    with ThreadPoolExecutor(max_workers=2) as pool:
        a = pool.submit(in_own_connection(lambda: outbox_relay(send=relay_a, batch=2)))
        assert relay_a.holding.wait(WAIT_SECONDS), "relay A never sent"
        b = pool.submit(
            in_own_connection(lambda: outbox_relay(send=sent.append, batch=2))
        )
        b_waited = sessions_waiting(watcher, count=1, done=b)
        relay_a.release.set()
        counts = (a.result(timeout=WAIT_SECONDS), b.result(timeout=WAIT_SECONDS))

    times_sent = Counter(event.sequence for event in sent)
    versions: dict[int, list[int]] = {}
    for event in sent:
        versions.setdefault(event.user_id, []).append(event.user_version)
    # Without the claim's lock B does not wait, and sends again the rows A
    # holds: (False, 8), and a user's version 1 arrives after their version 2.
    assert (b_waited, sum(counts)) == (True, 6)
    assert times_sent == Counter(six_changes)
    assert all(found == [1, 2] for found in versions.values())
