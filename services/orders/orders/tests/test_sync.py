"""Tests of applying users' changes: the version compare-and-set, and dead letters."""

import re
from dataclasses import replace

import pytest

from orders.models import Customer, DeadLetter, Order, OrderStatus
from orders.sync import (
    customer_apply,
    dead_letter_record,
    dead_letter_replay,
    user_changed_receive,
)
from orders.tests.factories import OrderFactory, user_changed
from shared.events import event_to_json
from shared.users.client import UserSnapshot, UsersServiceUnavailable

pytestmark = pytest.mark.django_db

ANN = UserSnapshot(id=7, name="Ann", email="ann@example.com", is_active=True, version=1)
# Ann's creation as users sends it: the JSON of a UserChanged event.
VALID = event_to_json(user_changed(ANN))


def stored(user_id: int) -> tuple[str, str, bool, int]:
    """Return the replica's row of a user as (name, email, is_active, version)."""
    return Customer.objects.values_list("name", "email", "is_active", "version").get(
        user_id=user_id
    )


def order_states(user_id: int) -> list[tuple[str, int]]:
    """Return each of the user's orders as (status, version), oldest first."""
    return list(Order.objects.filter(user_id=user_id).values_list("status", "version"))


def test_customer_apply_stores_a_new_user():
    changed = customer_apply(user=ANN)

    assert changed is True
    assert stored(ANN.id) == ("Ann", "ann@example.com", True, 1)


def test_customer_apply_applies_a_newer_version():
    customer_apply(user=ANN)

    changed = customer_apply(user=replace(ANN, name="Ann Lee", version=2))

    assert changed is True
    assert stored(ANN.id) == ("Ann Lee", "ann@example.com", True, 2)


def test_customer_apply_ignores_an_older_version():
    customer_apply(user=replace(ANN, name="Ann Lee", version=2))

    changed = customer_apply(user=ANN)

    assert changed is False
    assert stored(ANN.id) == ("Ann Lee", "ann@example.com", True, 2)


def test_customer_apply_ignores_a_duplicate_of_the_same_version():
    customer_apply(user=ANN)

    changed = customer_apply(user=replace(ANN, name="Not Ann"))

    assert changed is False
    assert stored(ANN.id) == ("Ann", "ann@example.com", True, 1)


def test_customer_apply_out_of_order_ends_at_the_newest_version():
    customer_apply(user=ANN)
    customer_apply(user=replace(ANN, name="Ann Three", version=3))

    customer_apply(user=replace(ANN, name="Ann Two", version=2))

    assert stored(ANN.id) == ("Ann Three", "ann@example.com", True, 3)


def test_customer_apply_of_an_inactive_user_cancels_only_pending_orders():
    customer_apply(user=ANN)
    for status in (OrderStatus.PENDING, OrderStatus.CONFIRMED, OrderStatus.SHIPPED):
        OrderFactory(user_id=ANN.id, status=status)

    customer_apply(user=replace(ANN, is_active=False, version=2))

    assert order_states(ANN.id) == [
        (OrderStatus.CANCELLED, 2),
        (OrderStatus.CONFIRMED, 1),
        (OrderStatus.SHIPPED, 1),
    ]


def test_customer_apply_of_a_deactivation_twice_cancels_nothing_more():
    customer_apply(user=ANN)
    OrderFactory(user_id=ANN.id)
    OrderFactory(user_id=ANN.id)
    deactivated = replace(ANN, is_active=False, version=2)
    customer_apply(user=deactivated)
    before = order_states(ANN.id)

    changed = customer_apply(user=deactivated)

    # Duplicated effects: 0, each order's version is what the first delivery left.
    assert (changed, order_states(ANN.id)) == (False, before)


def test_user_changed_receive_applies_a_valid_event():
    outcome = user_changed_receive(message=VALID)

    assert outcome == "applied"
    assert stored(ANN.id) == ("Ann", "ann@example.com", True, 1)


def test_user_changed_receive_calls_a_repeated_event_stale():
    user_changed_receive(message=VALID)

    outcome = user_changed_receive(message=VALID)

    assert outcome == "stale"


@pytest.mark.parametrize(
    ("message", "reason"),
    [
        (
            {k: v for k, v in VALID.items() if k != "name"},
            "missing required field `name`",
        ),
        ({**VALID, "user_id": "7"}, r"Expected `int`, got `str` - at `\$.user_id`"),
        (
            {**VALID, "type": "OrderPlaced"},
            r"Invalid value 'OrderPlaced' - at `\$.type`",
        ),
        ("UserChanged", "Expected `object`, got `str`"),
    ],
    ids=["missing-field", "wrong-type", "unknown-type", "not-a-dict"],
)
def test_user_changed_receive_sets_a_malformed_message_aside(message, reason):
    outcome = user_changed_receive(message=message)

    letter = DeadLetter.objects.get()
    assert outcome == "dead-lettered"
    assert letter.message == message
    assert re.search(f"^not a UserChanged event: .*{reason}", letter.reason)
    assert not Customer.objects.exists()


def test_user_changed_receive_with_fetch_stores_the_user_fetched(users):
    ann = users.add(name="Ann")
    message = event_to_json(user_changed(ann))
    users.rename(user_id=ann.id, name="Ann Lee")

    outcome = user_changed_receive(
        message=message, fetch=lambda user_id: users.user_get(user_id=user_id)
    )

    assert outcome == "applied"
    assert stored(ann.id) == ("Ann Lee", ann.email, True, 2)


def test_user_changed_receive_raises_when_fetch_finds_users_away(users):
    ann = users.add(name="Ann")
    users.down = True

    with pytest.raises(UsersServiceUnavailable):
        user_changed_receive(
            message=event_to_json(user_changed(ann)),
            fetch=lambda user_id: users.user_get(user_id=user_id),
        )

    assert not DeadLetter.objects.exists()


def test_user_changed_receive_sets_aside_an_event_about_a_user_fetch_cannot_find(
    users,
):
    outcome = user_changed_receive(
        message=VALID, fetch=lambda user_id: users.user_get(user_id=user_id)
    )

    assert outcome == "dead-lettered"
    assert DeadLetter.objects.get().reason == "User 7 does not exist."


def test_dead_letter_replay_applies_the_letter_and_marks_it_replayed():
    letter = dead_letter_record(message=VALID, reason="User 7 does not exist.")

    outcome = dead_letter_replay(letter_id=letter.pk)

    letter.refresh_from_db()
    assert outcome == "applied"
    assert letter.replayed_at is not None
    assert stored(ANN.id) == ("Ann", "ann@example.com", True, 1)


def test_dead_letter_replay_that_fails_keeps_the_letter_with_the_new_reason():
    letter = dead_letter_record(message={**VALID, "user_id": 0}, reason="old reason")

    outcome = dead_letter_replay(letter_id=letter.pk)

    letter.refresh_from_db()
    assert outcome == "dead-lettered"
    assert letter.replayed_at is None
    assert "Expected `int` >= 1 - at `$.user_id`" in letter.reason


def test_dead_letter_replay_of_an_unknown_id_raises_does_not_exist():
    with pytest.raises(DeadLetter.DoesNotExist):
        dead_letter_replay(letter_id=404)


def test_dead_letter_replay_of_a_replayed_letter_raises_does_not_exist():
    letter = dead_letter_record(message=VALID, reason="User 7 does not exist.")
    dead_letter_replay(letter_id=letter.pk)

    with pytest.raises(DeadLetter.DoesNotExist):
        dead_letter_replay(letter_id=letter.pk)
