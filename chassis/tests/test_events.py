"""Tests of how a project finds the event bus that settings.EVENT_BUS names."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from chassis.events import (
    event_bus,
    event_publisher,
    load_event_bus,
    load_event_publisher,
)
from shared.events import EventBus

# A bus for EVENT_BUS to name in these tests.
a_bus = EventBus()


class PublishOnly:
    """Something with a publish method and nothing to subscribe with."""

    def publish(self, event):
        """Drop the event."""


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("no.such.bus", "cannot be imported"),
        ("decimal.Decimal", "has no publish"),
        ("chassis.tests.test_events.PublishOnly", "has no subscribe"),
    ],
)
def test_a_wrong_event_bus_is_refused_saying_why(path, reason):
    with pytest.raises(ImproperlyConfigured, match=reason):
        load_event_bus(path=path)


def test_the_bus_the_setting_names_is_returned(settings):
    settings.EVENT_BUS = "chassis.tests.test_events.a_bus"

    assert event_bus() is a_bus


@pytest.mark.parametrize(
    ("path", "reason"),
    [("no.such.bus", "cannot be imported"), ("decimal.Decimal", "has no publish")],
)
def test_a_wrong_event_publisher_is_refused_saying_why(path, reason):
    with pytest.raises(ImproperlyConfigured, match=reason):
        load_event_publisher(path=path)


def test_a_publisher_needs_no_subscribe(settings):
    settings.EVENT_BUS = "chassis.tests.test_events.PublishOnly"

    assert event_publisher() is PublishOnly
