"""Tests of EventSender: what it POSTs, when it retries, and when it gives up."""

import json
import time
from collections.abc import Callable
from http import HTTPStatus

import httpx
import pytest

from shared.events import UserDeactivated, event_from_json
from shared.testing import slow_server
from shared.webhooks import EventSender

Handler = Callable[[httpx.Request], httpx.Response]
EVENT = UserDeactivated(user_id=7, user_version=2)


class FakeTime:
    """A clock that only moves when the sender sleeps."""

    def __init__(self) -> None:
        """Start at zero, having slept for nothing."""
        self.now = 0.0
        self.sleeps: list[float] = []

    def sleep(self, seconds: float) -> None:
        """Move the clock on instead of waiting."""
        self.sleeps.append(seconds)
        self.now += seconds


def sender_over(
    handler: Handler, fake_time: FakeTime, *, retry_for: float = 3.0
) -> EventSender:
    """Return a sender to two subscribers whose requests the handler answers."""
    return EventSender(
        subscribers=["http://a.test/events/", "http://b.test/events/"],
        secret="s3cret",
        timeout=1.0,
        retry_for=retry_for,
        transport=httpx.MockTransport(handler),
        sleep=fake_time.sleep,
        clock=lambda: fake_time.now,
    )


def test_send_posts_the_event_as_json_with_the_secret_to_each_subscriber() -> None:
    seen: list[httpx.Request] = []

    def accept(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(HTTPStatus.NO_CONTENT)

    deliveries = sender_over(accept, FakeTime()).send(EVENT)

    assert [d.delivered for d in deliveries] == [True, True]
    assert [str(r.url) for r in seen] == [
        "http://a.test/events/",
        "http://b.test/events/",
    ]
    assert seen[0].headers["authorization"] == "Bearer s3cret"
    assert event_from_json(json.loads(seen[0].content)) == EVENT


@pytest.mark.parametrize(
    "failure",
    [
        httpx.Response(HTTPStatus.SERVICE_UNAVAILABLE),
        httpx.Response(HTTPStatus.TOO_MANY_REQUESTS),
        httpx.ConnectError("refused"),
    ],
    ids=["503", "429", "refused"],
)
def test_send_retries_with_growing_delays_until_accepted(
    failure: httpx.Response | Exception,
) -> None:
    answers = iter([failure, failure, httpx.Response(HTTPStatus.NO_CONTENT)])

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.host == "b.test":
            return httpx.Response(HTTPStatus.NO_CONTENT)
        reply = next(answers)
        if isinstance(reply, Exception):
            raise reply
        return reply

    fake_time = FakeTime()
    deliveries = sender_over(answer, fake_time).send(EVENT)

    assert (deliveries[0].delivered, deliveries[0].attempts) == (True, 3)
    assert fake_time.sleeps == [0.1, 0.2]


def test_send_gives_up_on_each_subscriber_when_its_time_is_up() -> None:
    fake_time = FakeTime()
    down = httpx.Response(HTTPStatus.SERVICE_UNAVAILABLE)
    sender = sender_over(lambda r: down, fake_time, retry_for=1.0)

    deliveries = sender.send(EVENT)

    assert [(d.delivered, d.error) for d in deliveries] == [(False, "answered 503")] * 2
    assert fake_time.sleeps == [0.1, 0.2, 0.4] * 2


@pytest.mark.parametrize("status", [400, 401, 404])
def test_send_does_not_retry_a_refusal(status: int) -> None:
    fake_time = FakeTime()

    deliveries = sender_over(lambda r: httpx.Response(status), fake_time).send(EVENT)

    assert [d.attempts for d in deliveries] == [1, 1]
    assert fake_time.sleeps == []


def test_a_try_is_given_up_at_its_timeout_however_slowly_the_answer_trickles():
    # The subscriber sends a byte every 0.2 s: no read is slow, the answer is.
    with slow_server(header_delay=0.0, byte_delay=0.2) as url:
        sender = EventSender(
            subscribers=[f"{url}/events/"], secret="s", timeout=0.5, retry_for=0.0
        )
        started = time.monotonic()

        (delivery,) = sender.send(EVENT)

    assert (delivery.delivered, delivery.error) == (False, "ReadTimeout")
    assert time.monotonic() - started < 1.0
