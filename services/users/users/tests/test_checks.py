"""Tests of the users app's start-up check of EVENT_BUS."""

import pytest

from users.checks import check_event_bus


@pytest.mark.parametrize(
    ("path", "reason"),
    [("no.such.bus", "cannot be imported"), ("decimal.Decimal", "has no publish")],
)
def test_check_reports_an_event_bus_that_cannot_publish(settings, path, reason):
    settings.EVENT_BUS = path

    errors = check_event_bus(None)

    assert [error.id for error in errors] == ["users.E001"]
    assert reason in errors[0].msg


def test_check_accepts_the_services_publisher(settings):
    settings.EVENT_BUS = "config.events.publisher"

    assert check_event_bus(None) == []
