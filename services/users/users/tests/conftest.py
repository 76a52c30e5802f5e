"""Fixtures of the users tests: a bus of their own that records what users publishes."""

from collections.abc import Iterator

import pytest

from shared.events import Event, EventBus, UserDeactivated

# The users tests publish here instead of the monolith's bus, so no other
# app's handler runs in them.
recording_bus = EventBus()


@pytest.fixture(autouse=True)
def published(settings) -> Iterator[list[Event]]:
    """Route users' events to `recording_bus` and return the list they land in."""
    settings.EVENT_BUS = "users.tests.conftest.recording_bus"
    events: list[Event] = []
    unsubscribe = recording_bus.subscribe(UserDeactivated, events.append)
    yield events
    unsubscribe()
