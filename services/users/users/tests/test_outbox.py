"""Tests of the outbox: what a relay sends, in which order, and what pruning keeps."""

from datetime import timedelta

import pytest
from django.utils import timezone

from shared.events import UserChanged
from users.models import OutboxEvent
from users.outbox import outbox_event, outbox_prune, outbox_record, outbox_relay
from users.services import user_create, user_deactivate, user_update
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class BrokenBroker(Exception):
    """The broker refused a message."""


@pytest.mark.django_db(transaction=True)
def test_outbox_record_refuses_to_write_outside_a_transaction():
    user = UserFactory()

    with pytest.raises(RuntimeError, match="transaction"):
        outbox_record(user=user, change="updated")


def test_outbox_event_is_the_event_subscribers_receive():
    user = user_create(name="Ann", email="ann@example.com")
    row = OutboxEvent.objects.get()

    event = outbox_event(row=row)

    assert event == UserChanged(
        event_id=row.event_id,
        occurred_at=row.created_at,
        change="created",
        user_id=user.pk,
        user_version=1,
        name="Ann",
        email="ann@example.com",
        is_active=True,
        sequence=row.pk,
    )


def test_relay_sends_every_waiting_event_oldest_first_and_marks_it():
    ann = user_create(name="Ann", email="ann@example.com")
    user_update(user_id=ann.pk, name="Ann Lee")
    user_deactivate(user_id=ann.pk)
    sent: list[UserChanged] = []

    count = outbox_relay(send=sent.append, batch=2)

    assert count == 3
    assert [(event.change, event.user_version) for event in sent] == [
        ("created", 1),
        ("updated", 2),
        ("deactivated", 3),
    ]
    assert not OutboxEvent.objects.filter(published_at=None).exists()


def test_relay_run_again_sends_nothing_twice():
    user_create(name="Ann", email="ann@example.com")
    outbox_relay(send=lambda event: None)
    sent: list[UserChanged] = []

    count = outbox_relay(send=sent.append)

    assert (count, sent) == (0, [])


def test_relay_that_fails_to_send_leaves_the_batch_waiting():
    user_create(name="Ann", email="ann@example.com")
    user_create(name="Bo", email="bo@example.com")

    def refuse(event: UserChanged) -> None:
        raise BrokenBroker

    with pytest.raises(BrokenBroker):
        outbox_relay(send=refuse)

    assert OutboxEvent.objects.filter(published_at=None).count() == 2


def test_prune_deletes_long_published_events_but_each_users_newest():
    ann = user_create(name="Ann", email="ann@example.com")
    user_update(user_id=ann.pk, name="Ann Lee")
    bo = user_create(name="Bo", email="bo@example.com")
    outbox_relay(send=lambda event: None)
    OutboxEvent.objects.update(published_at=timezone.now() - timedelta(days=8))

    deleted = outbox_prune(older_than=timedelta(days=7))

    assert deleted == 1
    assert list(OutboxEvent.objects.values_list("user_id", "user_version")) == [
        (ann.pk, 2),
        (bo.pk, 1),
    ]


def test_prune_keeps_events_not_yet_published_or_published_lately():
    ann = user_create(name="Ann", email="ann@example.com")
    user_update(user_id=ann.pk, name="Ann Lee")
    OutboxEvent.objects.filter(user_version=1).update(published_at=timezone.now())

    deleted = outbox_prune(older_than=timedelta(days=7))

    assert (deleted, OutboxEvent.objects.count()) == (0, 2)
