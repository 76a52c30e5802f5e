"""Tests of the event contracts: what an event is, and what a reader refuses."""

import inspect
import json
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import cast

import pytest

from shared.events import (
    EVENT_TYPES,
    Event,
    EventMalformed,
    UserChanged,
    event_from_json,
    event_to_json,
)


def deactivated(user_id: int = 7, **fields: object) -> UserChanged:
    """Return the event of one user's deactivation."""
    construct = cast(Callable[..., UserChanged], UserChanged)
    values: dict[str, object] = {
        "change": "deactivated",
        "user_id": user_id,
        "user_version": 2,
        "name": "Ann",
        "email": "ann@example.com",
        "is_active": False,
        "sequence": 3,
    }
    return construct(**(values | fields))


def test_events_get_a_unique_id() -> None:
    first, second = deactivated(), deactivated()

    assert first.event_id != second.event_id


def test_events_get_a_utc_timestamp() -> None:
    event = deactivated()

    assert event.occurred_at.utcoffset() == timedelta(0)


def test_events_are_frozen() -> None:
    event = deactivated()

    with pytest.raises(AttributeError, match="immutable"):
        event.user_id = 8  # type: ignore[misc]  # proving it is frozen


def test_events_take_keyword_arguments_only() -> None:
    construct = cast(Callable[..., object], UserChanged)

    with pytest.raises(TypeError):
        construct(7, 2)


@pytest.mark.parametrize("event_type", EVENT_TYPES, ids=lambda kind: kind.__name__)
def test_every_event_type_declares_its_fields_keyword_only(
    event_type: type[Event],
) -> None:
    parameters = inspect.signature(event_type).parameters.values()

    assert {parameter.kind for parameter in parameters} == {
        inspect.Parameter.KEYWORD_ONLY
    }


@pytest.mark.parametrize(
    "occurred_at",
    [datetime(2026, 1, 1), datetime(2026, 1, 1, tzinfo=timezone(timedelta(hours=2)))],
    ids=["naive", "plus-two-hours"],
)
def test_events_refuse_a_timestamp_that_is_not_utc(occurred_at: datetime) -> None:
    with pytest.raises(ValueError, match="UTC"):
        deactivated(occurred_at=occurred_at)


def test_an_event_is_routed_by_what_changed() -> None:
    assert deactivated().routing_key == "user.deactivated"


def test_an_event_survives_the_trip_through_json() -> None:
    event = deactivated()

    data = json.loads(json.dumps(event_to_json(event)))

    assert data["type"] == "UserChanged"
    assert event_from_json(data) == event


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"type": "UserRenamed"}, "Invalid value 'UserRenamed' - at `$.type`"),
        ({"type": ["UserChanged"]}, "Expected `str`, got `list` - at `$.type`"),
        (
            {"type": {"name": "UserChanged"}},
            "Expected `str`, got `dict` - at `$.type`",
        ),
        ({"user_id": "7"}, "Expected `int`, got `str` - at `$.user_id`"),
        ({"event_id": "nope"}, "Invalid UUID - at `$.event_id`"),
        ({"occurred_at": "yesterday"}, "Invalid RFC3339 encoded datetime"),
        ({"occurred_at": "2026-01-01T00:00:00"}, "timezone component"),
        ({"occurred_at": "2026-01-01T00:00:00+02:00"}, "occurred_at must be"),
        ({"user_id": 0}, "Expected `int` >= 1 - at `$.user_id`"),
        ({"user_id": 2**63}, f"Expected `int` <= {2**63 - 1} - at `$.user_id`"),
        ({"user_version": -1}, "Expected `int` >= 1 - at `$.user_version`"),
        ({"user_version": 2**31}, f"<= {2**31 - 1} - at `$.user_version`"),
        ({"user_id": True}, "Expected `int`, got `bool` - at `$.user_id`"),
        ({"change": "renamed"}, "Invalid enum value 'renamed' - at `$.change`"),
        ({"name": ""}, "Expected `str` of length >= 1 - at `$.name`"),
        ({"email": "a" * 255}, "Expected `str` of length <= 254 - at `$.email`"),
        ({"is_active": "false"}, "Expected `bool`, got `str` - at `$.is_active`"),
        ({"sequence": 0}, "Expected `int` >= 1 - at `$.sequence`"),
    ],
    ids=[
        "type",
        "type-list",
        "type-object",
        "user-id",
        "event-id",
        "timestamp",
        "naive",
        "offset",
        "user-id-zero",
        "user-id-too-large",
        "version-negative",
        "version-too-large",
        "user-id-bool",
        "change",
        "name-blank",
        "email-too-long",
        "active-as-text",
        "sequence-zero",
    ],
)
def test_event_from_json_refuses_what_is_not_a_known_event(
    change: dict[str, object], reason: str
) -> None:
    data = {**event_to_json(deactivated()), **change}

    with pytest.raises(EventMalformed) as raised:
        event_from_json(data)

    assert reason in str(raised.value)


def test_event_from_json_refuses_an_event_without_a_required_field() -> None:
    data = event_to_json(deactivated())
    del data["user_version"]

    with pytest.raises(EventMalformed, match="missing required field `user_version`"):
        event_from_json(data)


def test_event_from_json_ignores_fields_a_newer_sender_added() -> None:
    event = deactivated()

    read = event_from_json({**event_to_json(event), "reason": "asked to leave"})

    assert read == event


def test_event_from_json_gives_an_older_senders_event_the_defaults() -> None:
    data = event_to_json(deactivated())
    del data["occurred_at"]

    read = event_from_json(data)

    assert isinstance(read, UserChanged)
    assert read.occurred_at.utcoffset() == timedelta(0)


def test_event_from_json_refuses_a_document_that_is_not_an_object() -> None:
    with pytest.raises(EventMalformed, match="Expected `object`, got `array`"):
        event_from_json(["UserChanged"])
