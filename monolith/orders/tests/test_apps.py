"""Tests of how the orders app finds the bus it subscribes to at start-up."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.events import bus
from orders.apps import subscribe_to


@pytest.mark.parametrize(
    ("path", "reason"),
    [("no.such.bus", "cannot be imported"), ("decimal.Decimal", "has no subscribe")],
)
def test_a_wrong_event_bus_stops_start_up_saying_why(path, reason):
    with pytest.raises(ImproperlyConfigured, match=reason):
        subscribe_to(path)


def test_the_monolith_bus_is_accepted():
    assert subscribe_to("config.events.bus") is bus
