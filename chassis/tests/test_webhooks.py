"""Tests of the event receiver: what it publishes, what it refuses, and repeats."""

from collections.abc import Iterator
from http import HTTPStatus

import pytest
from django.conf import settings
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from chassis.urls import internal_patterns
from shared.events import (
    Event,
    EventBus,
    EventHandlerFailed,
    UserDeactivated,
    event_to_json,
)

URL = "/internal/events/"
# The bus EVENT_BUS names in these tests.
bus = EventBus()


def post_event(body, *, secret=None, scheme="Bearer"):
    """POST a body to the receiver with the given secret (the right one by default)."""
    token = settings.EVENTS_SECRET if secret is None else secret
    headers = {"HTTP_AUTHORIZATION": f"{scheme} {token}"} if token else {}
    return APIClient().post(URL, body, format="json", **headers)


@pytest.fixture
def heard(settings) -> Iterator[list[Event]]:
    """Point EVENT_BUS at `bus`; return the list its events land in."""
    settings.EVENT_BUS = "chassis.tests.test_webhooks.bus"
    events: list[Event] = []
    unsubscribe = bus.subscribe(UserDeactivated, events.append)
    yield events
    unsubscribe()


def test_an_event_is_published_on_the_bus_event_bus_names(heard):
    event = UserDeactivated(user_id=7, user_version=2)

    response = post_event(event_to_json(event))

    assert response.status_code == HTTPStatus.NO_CONTENT
    assert heard == [event]


class LatestDeactivations:
    """A handler as every subscriber must be: a second delivery changes nothing.

    It applies a deactivation only at a user version newer than the one it
    has, and counts the deliveries it was handed and the changes it made.
    """

    def __init__(self) -> None:
        """Start with no user deactivated."""
        self.versions: dict[int, int] = {}
        self.deliveries = 0
        self.changes = 0

    def __call__(self, event: UserDeactivated) -> None:
        """Record the deactivation, unless this version is already applied."""
        self.deliveries += 1
        if self.versions.get(event.user_id, 0) >= event.user_version:
            return
        self.versions[event.user_id] = event.user_version
        self.changes += 1


@pytest.fixture
def idempotent_handler(settings) -> Iterator[LatestDeactivations]:
    """Point EVENT_BUS at `bus`, with an idempotent handler there."""
    settings.EVENT_BUS = "chassis.tests.test_webhooks.bus"
    handler = LatestDeactivations()
    unsubscribe = bus.subscribe(UserDeactivated, handler)
    yield handler
    unsubscribe()


def test_a_second_delivery_of_an_event_changes_nothing(idempotent_handler):
    # The contract: the receiver passes on every delivery, keeping no record
    # of event ids; the handlers make the repeat change nothing.
    body = event_to_json(UserDeactivated(user_id=7, user_version=2))

    answers = [post_event(body).status_code, post_event(body).status_code]

    assert answers == [HTTPStatus.NO_CONTENT, HTTPStatus.NO_CONTENT]
    assert idempotent_handler.deliveries == 2
    assert idempotent_handler.changes == 1
    assert idempotent_handler.versions == {7: 2}


def refuse(event: Event) -> None:
    """Fail as a broken handler would."""
    raise RuntimeError("the handler is broken")


@pytest.fixture
def failing_handler(settings) -> Iterator[None]:
    """Point EVENT_BUS at `bus`, with a handler there that always fails."""
    settings.EVENT_BUS = "chassis.tests.test_webhooks.bus"
    unsubscribe = bus.subscribe(UserDeactivated, refuse)
    yield
    unsubscribe()


def test_a_failing_handler_is_left_to_the_projects_exception_handler(
    failing_handler,
):
    # The chassis' test settings name no exception handler, so the failure
    # reaches the test client; a project's handler renders it as a 500.
    event = UserDeactivated(user_id=7, user_version=2)

    with pytest.raises(EventHandlerFailed, match="refuse raised RuntimeError"):
        post_event(event_to_json(event))


@pytest.mark.parametrize("scheme", ["bearer", "BEARER"])
def test_the_scheme_name_is_case_insensitive(heard, scheme):
    event = UserDeactivated(user_id=7, user_version=2)

    response = post_event(event_to_json(event), scheme=scheme)

    assert response.status_code == HTTPStatus.NO_CONTENT


@pytest.mark.parametrize("secret", ["", "wrong"], ids=["missing", "wrong"])
def test_an_event_without_the_secret_is_refused_with_401(heard, secret):
    event = UserDeactivated(user_id=7, user_version=2)

    response = post_event(event_to_json(event), secret=secret)

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response["WWW-Authenticate"] == "Bearer"
    assert list(response.json()) == ["detail"]
    assert heard == []


DEACTIVATED = {"type": "UserDeactivated", "user_id": 7, "user_version": 2}
NOT_EVENTS = [
    ({"type": "UserRenamed"}, "Invalid value 'UserRenamed' - at `$.type`"),
    ({"type": ["UserDeactivated"]}, "at `$.type`"),
    ({"type": "UserDeactivated"}, "missing required field `user_id`"),
    ([1], "Expected `object`"),
    ({**DEACTIVATED, "user_id": 2**63}, "at `$.user_id`"),
    ({**DEACTIVATED, "user_id": "7"}, "Expected `int`, got `str` - at `$.user_id`"),
    ({**DEACTIVATED, "user_version": 0}, "Expected `int` >= 1 - at `$.user_version`"),
    ({**DEACTIVATED, "occurred_at": "2026-01-01T00:00:00"}, "at `$.occurred_at`"),
    ({**DEACTIVATED, "occurred_at": "2026-01-01T00:00:00+02:00"}, "UTC"),
]


@pytest.mark.parametrize(("body", "reason"), NOT_EVENTS, ids=repr)
def test_a_body_that_is_not_an_event_is_refused_with_400_naming_why(
    heard, body, reason
):
    response = post_event(body)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    detail = response.json()["detail"]
    assert detail.startswith("Not an event: ")
    assert reason in detail
    assert heard == []


def test_a_body_that_is_not_json_is_refused_with_415(heard):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {settings.EVENTS_SECRET}"}

    response = APIClient().post(URL, {"type": "UserDeactivated"}, **headers)

    assert response.status_code == HTTPStatus.UNSUPPORTED_MEDIA_TYPE
    assert heard == []


def test_the_receiver_is_left_out_of_the_schema():
    schema = SchemaGenerator(patterns=internal_patterns).get_schema(
        request=None, public=True
    )

    assert schema["paths"] == {}
