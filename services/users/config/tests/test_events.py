"""Tests of the users service's publisher: events leave over HTTP after commit.

The subscribers are replaced at the process edge: an httpx.MockTransport
that records each event POSTed. The publisher's background thread is real;
each test gives it an executor of its own, so it can wait for the thread to
finish its work before asserting.
"""

import json
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from http import HTTPStatus

import httpx
import pytest
from django.db import transaction

from config.events import HttpPublisher
from shared.events import Event, UserDeactivated, event_from_json
from users.models import User
from users.services import user_create, user_deactivate, user_update
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

SUBSCRIBERS = ["http://edge.test/internal/events/", "http://other.test/events/"]
# What EVENT_BUS names in these tests; the `subscribers` fixture builds it.
publisher: HttpPublisher | None = None


class Subscribers:
    """Every subscriber at once: records each event POSTed to each URL."""

    def __init__(self) -> None:
        """Start with nothing received, and a delivery thread of the test's own."""
        self.received: list[tuple[str, Event]] = []
        self.transport = httpx.MockTransport(self.receive)
        self.delivery = ThreadPoolExecutor(max_workers=1)

    def receive(self, request: httpx.Request) -> httpx.Response:
        """Accept an event, as the edge does."""
        event = event_from_json(json.loads(request.content))
        self.received.append((str(request.url), event))
        return httpx.Response(HTTPStatus.NO_CONTENT)

    def events(self) -> list[tuple[str, Event]]:
        """Return what has arrived once the delivery thread has done its work."""
        # One thread runs the work in order: once this no-op has run, so has
        # every delivery handed over before it.
        self.delivery.submit(lambda: None).result(timeout=10)
        return list(self.received)


@pytest.fixture
def subscribers(settings, monkeypatch) -> Iterator[Subscribers]:
    """Publish through an HttpPublisher whose subscribers this test reads."""
    fake = Subscribers()
    built = HttpPublisher(transport=fake.transport, delivery=fake.delivery)
    monkeypatch.setattr(sys.modules[__name__], "publisher", built)
    settings.EVENT_SUBSCRIBERS = SUBSCRIBERS
    settings.EVENT_BUS = f"{__name__}.publisher"
    yield fake
    fake.delivery.shutdown()


def test_a_deactivation_is_sent_only_once_it_has_committed(subscribers):
    user = UserFactory()

    with transaction.atomic():
        user_deactivate(user_id=user.pk)
        before_commit = subscribers.events()

    assert before_commit == []
    assert len(subscribers.events()) == len(SUBSCRIBERS)


def test_a_rolled_back_deactivation_sends_nothing(subscribers):
    user = UserFactory()

    with transaction.atomic():
        user_deactivate(user_id=user.pk)
        transaction.set_rollback(True)

    assert subscribers.events() == []
    assert User.objects.get(pk=user.pk).is_active


def test_a_deactivation_sends_one_event_to_each_subscriber(subscribers):
    user = UserFactory()

    user_deactivate(user_id=user.pk)

    received = subscribers.events()
    assert [url for url, _ in received] == SUBSCRIBERS
    (event,) = {event for _, event in received}
    assert isinstance(event, UserDeactivated)
    assert (event.user_id, event.user_version) == (user.pk, 2)


def test_each_deactivation_sends_its_own_event_in_commit_order(subscribers):
    first, second = UserFactory(), UserFactory()

    user_deactivate(user_id=first.pk)
    user_deactivate(user_id=second.pk)

    sent = [event for url, event in subscribers.events() if url == SUBSCRIBERS[0]]
    assert [(e.user_id, e.user_version) for e in sent] == [
        (first.pk, 2),
        (second.pk, 2),
    ]


def test_creating_and_changing_a_user_sends_nothing(subscribers):
    user = user_create(name="Ann", email="ann@example.com")

    user_update(user_id=user.pk, name="Ann B.")

    assert subscribers.events() == []
