"""Tests of pull: reconciliation over the changes feed, backfill and the checksum."""

from dataclasses import replace

import pytest

from orders.models import Customer, Order, OrderStatus, SyncCursor
from orders.reconcile import (
    USERS_FEED,
    replica_backfill,
    replica_checksum,
    replica_reconcile,
    replica_users,
)
from orders.sync import customer_apply
from orders.tests.factories import OrderFactory, user_changed
from orders.tests.feeds import FakeChangesFeed
from shared.users.client import UserSnapshot
from shared.users.fake import FakeUsersClient
from shared.users.feed import ChangesPage

pytestmark = pytest.mark.django_db


def feed_of(*users: UserSnapshot) -> FakeChangesFeed:
    """Return a feed holding these states of users, at sequences 1, 2, 3..."""
    return FakeChangesFeed(
        [user_changed(user, sequence=n) for n, user in enumerate(users, start=1)]
    )


def cursor_position() -> int:
    """Return where the users feed's cursor stands."""
    return SyncCursor.objects.get(feed=USERS_FEED).position


def test_reconcile_applies_missing_and_older_rows_and_reports_them(users):
    ann, bo, cy = users.add(name="Ann"), users.add(name="Bo"), users.add(name="Cy")
    ann_renamed = users.rename(user_id=ann.id, name="Ann Lee")
    customer_apply(user=ann)
    customer_apply(user=bo)

    reconciled = replica_reconcile(feed=feed_of(ann, bo, cy, ann_renamed))

    assert reconciled.repaired == ((cy.id, 1), (ann.id, 2))
    assert sorted(replica_users(), key=lambda user: user.id) == [ann_renamed, bo, cy]


def test_reconcile_skips_customers_already_current(users):
    ann, bo = users.add(name="Ann"), users.add(name="Bo")
    customer_apply(user=ann)
    customer_apply(user=bo)

    reconciled = replica_reconcile(feed=feed_of(ann, bo))

    assert (reconciled.read, reconciled.repaired) == (2, ())


def test_reconcile_moves_the_cursor_to_the_last_sequence(users):
    feed = feed_of(users.add(name="Ann"), users.add(name="Bo"), users.add(name="Cy"))

    reconciled = replica_reconcile(feed=feed)

    assert reconciled.position == cursor_position() == 3


def test_reconcile_pages_through_more_than_one_page(users):
    feed = feed_of(*(users.add(name=f"User {n}") for n in range(5)))

    reconciled = replica_reconcile(feed=feed, page_size=2)

    assert feed.reads == [(0, 2), (2, 2), (4, 2)]
    assert (reconciled.read, len(reconciled.repaired)) == (5, 5)


def test_reconcile_run_again_reads_from_the_cursor_and_repairs_nothing(users):
    feed = feed_of(users.add(name="Ann"), users.add(name="Bo"))
    replica_reconcile(feed=feed)

    again = replica_reconcile(feed=feed)

    assert feed.reads[-1] == (2, 200)
    assert (again.read, again.repaired, again.position) == (0, (), 2)


def test_reconcile_reads_a_feed_behind_the_cursor_from_the_start(users):
    SyncCursor.objects.create(feed=USERS_FEED, position=100)
    ann = users.add(name="Ann")
    feed = feed_of(ann)

    reconciled = replica_reconcile(feed=feed)

    assert feed.reads == [(100, 200), (0, 200)]
    assert reconciled.repaired == ((ann.id, 1),)


def test_reconcile_after_a_feed_restart_misses_no_change_made_since(users):
    SyncCursor.objects.create(feed=USERS_FEED, position=5)
    feed = feed_of(users.add(name="Ann"), users.add(name="Bo"))
    replica_reconcile(feed=feed)
    # The restarted feed grows past where the old one stood.
    for sequence in range(3, 7):
        feed.changes.append(user_changed(users.add(), sequence=sequence))

    again = replica_reconcile(feed=feed)

    assert [user_id for user_id, _ in again.repaired] == [3, 4, 5, 6]


class FeedReadWhileAnotherRunFinishes(FakeChangesFeed):
    """A feed read while a faster reconciliation moves the cursor on to 50."""

    def changes_after(self, *, after: int, limit: int) -> ChangesPage:
        """Let the other run record its cursor, then answer."""
        SyncCursor.objects.filter(feed=USERS_FEED).update(position=50)
        return super().changes_after(after=after, limit=limit)


def test_reconcile_never_moves_the_cursor_back_behind_another_run(users):
    feed = FeedReadWhileAnotherRunFinishes([user_changed(users.add(), sequence=3)])

    replica_reconcile(feed=feed)

    assert cursor_position() == 50


@pytest.fixture
def thirty_changes(users: FakeUsersClient) -> FakeChangesFeed:
    """Ten users created, renamed, some deactivated: 30 changes in sequence order.

    Each of the first five users has a pending order, placed while active.
    """
    states = [users.add(name=f"User {n}") for n in range(10)]
    for user in states[:5]:
        OrderFactory(user_id=user.id)
    for n, user in enumerate(list(states)):
        states.append(users.rename(user_id=user.id, name=f"User {n} renamed"))
        if n % 2 == 0:
            states.append(users.deactivate(user_id=user.id))
        else:
            states.append(users.rename(user_id=user.id, name=f"User {n} again"))
    return feed_of(*states)


def test_pull_alone_converges_to_each_users_last_state(users, thirty_changes):
    replica_reconcile(feed=thirty_changes, page_size=7)

    assert len(thirty_changes.changes) == 30
    assert replica_users() == sorted(users.users.values(), key=lambda user: user.id)


def test_pull_alone_cancels_the_pending_orders_of_deactivated_users(thirty_changes):
    replica_reconcile(feed=thirty_changes, page_size=7)

    statuses = dict(Order.objects.values_list("user_id", "status"))
    # The fake numbers users from 1; users 1, 3, 5, 7 and 9 were deactivated.
    assert statuses == {
        1: OrderStatus.CANCELLED,
        2: OrderStatus.PENDING,
        3: OrderStatus.CANCELLED,
        4: OrderStatus.PENDING,
        5: OrderStatus.CANCELLED,
    }


def test_replica_backfill_applies_every_user_given(users):
    ann, bo = users.add(name="Ann"), users.add(name="Bo")

    changed = replica_backfill(users=[ann, bo], head=42)

    assert (changed, replica_users()) == (2, [ann, bo])


def test_replica_backfill_moves_the_cursor_to_the_head(users):
    replica_backfill(users=[users.add(name="Ann")], head=42)

    assert cursor_position() == 42


def test_replica_backfill_run_again_changes_nothing(users):
    ann = users.add(name="Ann")
    replica_backfill(users=[ann], head=42)

    changed = replica_backfill(users=[ann], head=42)

    assert (changed, Customer.objects.count()) == (0, 1)


ANN = UserSnapshot(id=1, name="Ann", email="ann@example.com", is_active=True, version=3)
BO = UserSnapshot(id=2, name="Bo", email="bo@example.com", is_active=False, version=2)


def test_replica_checksum_is_the_same_for_the_same_users_in_any_order():
    assert replica_checksum(users=[ANN, BO]) == replica_checksum(users=[BO, ANN])


@pytest.mark.parametrize(
    "changes",
    [
        {"name": "Ann Lee"},
        {"email": "ann@example.org"},
        {"is_active": False},
        {"version": 4},
    ],
    ids=["name", "email", "is_active", "version"],
)
def test_replica_checksum_differs_when_one_field_differs(changes):
    assert replica_checksum(users=[ANN, BO]) != replica_checksum(
        users=[replace(ANN, **changes), BO]
    )
