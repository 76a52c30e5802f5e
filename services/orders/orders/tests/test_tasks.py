"""Tests of the orders app's Celery tasks, run in this process with `apply()`.

`apply()` runs a task at once, in this process, without a broker; a retry
runs the task again at once, so a whole series of retries runs in one call.
"""

import pytest
from celery.exceptions import Retry

from orders.models import Customer, DeadLetter
from orders.tasks import RETRIES, apply_user_changed, reconcile_users
from orders.tests.factories import user_changed
from orders.tests.feeds import FakeChangesFeed
from shared.events import event_to_json
from shared.users.client import UserSnapshot

pytestmark = pytest.mark.django_db


def stored_name(user_id: int) -> str:
    """Return the replica's name of a user."""
    return Customer.objects.get(user_id=user_id).name


def test_apply_user_changed_applies_the_user_the_event_carries(users):
    ann = users.add(name="Ann")

    result = apply_user_changed.apply(
        kwargs={"event": event_to_json(user_changed(ann))}
    )

    assert result.get() == "applied"
    assert stored_name(ann.id) == "Ann"
    assert users.lookups == []


def test_apply_user_changed_in_notify_mode_asks_users_for_the_user(settings, users):
    settings.USER_EVENTS = "notify"
    ann = users.add(name="Ann")
    event = event_to_json(user_changed(ann))
    users.rename(user_id=ann.id, name="Ann Lee")

    result = apply_user_changed.apply(kwargs={"event": event})

    assert result.get() == "applied"
    assert stored_name(ann.id) == "Ann Lee"
    assert users.lookups == [(ann.id,)]


def test_apply_user_changed_retries_while_users_is_down_in_notify_mode(settings, users):
    settings.USER_EVENTS = "notify"
    event = event_to_json(user_changed(users.add(name="Ann")))
    users.down = True

    with pytest.raises(Retry):
        apply_user_changed.apply(kwargs={"event": event}, throw=True)

    assert not DeadLetter.objects.exists()


def test_apply_user_changed_sets_the_event_aside_after_its_last_retry(settings, users):
    settings.USER_EVENTS = "notify"
    event = event_to_json(user_changed(users.add(name="Ann")))
    users.down = True

    result = apply_user_changed.apply(kwargs={"event": event})

    letter = DeadLetter.objects.get()
    assert result.get() == "dead-lettered"
    assert (letter.message, letter.reason) == (
        event,
        f"gave up after {RETRIES + 1} tries: The users service is unavailable: "
        "it is down (a test said so).",
    )


def two_new_users() -> FakeChangesFeed:
    """Return a feed holding the creation of two users, at sequences 1 and 2."""
    return FakeChangesFeed(
        [
            user_changed(
                UserSnapshot(
                    id=n,
                    name=f"User {n}",
                    email=f"user{n}@example.com",
                    is_active=True,
                    version=1,
                ),
                sequence=n,
            )
            for n in (1, 2)
        ]
    )


def test_reconcile_users_returns_how_many_customers_it_repaired(settings):
    settings.USERS_FEED = f"{__name__}.two_new_users"

    result = reconcile_users.apply()

    assert result.get() == 2
    assert Customer.objects.count() == 2
