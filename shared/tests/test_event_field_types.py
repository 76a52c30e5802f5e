"""Tests of the field types later events carry: decimals, booleans and lists.

The event types here exist only for these tests; they show how a real event
with such fields travels, and what a reader refuses.
"""

import json
from decimal import Decimal
from typing import Annotated

import msgspec
import pytest

from shared.events import (
    EntityId,
    Event,
    EventMalformed,
    event_from_json,
    event_to_json,
)


class SampleLine(msgspec.Struct, frozen=True, kw_only=True):
    """One line of a sample order: a small Struct inside an event."""

    sku: str
    quantity: Annotated[int, msgspec.Meta(ge=1)]
    unit_price: Decimal


class SampleOrderPlaced(Event, frozen=True, kw_only=True):
    """An event with money, a flag and lists, as an order's events will have.

    A JSON list is declared as a tuple, so the frozen event's lists cannot
    change under its handlers either.
    """

    order_id: EntityId
    total: Decimal
    is_gift: bool
    lines: tuple[SampleLine, ...]
    discounts: tuple[Decimal, ...] = ()


SAMPLE_TYPES = (SampleOrderPlaced,)


def placed() -> SampleOrderPlaced:
    """Return a sample event with two lines and a discount."""
    return SampleOrderPlaced(
        order_id=3,
        total=Decimal("19.50"),
        is_gift=False,
        lines=(
            SampleLine(sku="MUG-1", quantity=2, unit_price=Decimal("9.99")),
            SampleLine(sku="PEN-1", quantity=1, unit_price=Decimal("0.10")),
        ),
        discounts=(Decimal("0.58"),),
    )


def test_decimals_travel_as_json_strings_never_as_floats() -> None:
    data = json.loads(json.dumps(event_to_json(placed())))

    assert data["total"] == "19.50"
    assert data["discounts"] == ["0.58"]
    assert data["lines"] == [
        {"sku": "MUG-1", "quantity": 2, "unit_price": "9.99"},
        {"sku": "PEN-1", "quantity": 1, "unit_price": "0.10"},
    ]


def test_an_event_with_decimals_booleans_and_lists_survives_json() -> None:
    event = placed()

    data = json.loads(json.dumps(event_to_json(event)))

    assert event_from_json(data, event_types=SAMPLE_TYPES) == event


def test_decimals_keep_their_places_through_json() -> None:
    data = json.loads(json.dumps(event_to_json(placed())))

    read = event_from_json(data, event_types=SAMPLE_TYPES)

    assert isinstance(read, SampleOrderPlaced)
    assert str(read.lines[1].unit_price) == "0.10"


def test_a_missing_list_with_a_default_is_empty() -> None:
    data = event_to_json(placed())
    del data["discounts"]

    read = event_from_json(data, event_types=SAMPLE_TYPES)

    assert isinstance(read, SampleOrderPlaced)
    assert read.discounts == ()


LINE = {"sku": "MUG-1", "quantity": 2, "unit_price": "9.99"}


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"total": "ten"}, "Invalid decimal string - at `$.total`"),
        ({"total": True}, "Expected `decimal`, got `bool` - at `$.total`"),
        ({"total": None}, "Expected `decimal`, got `null` - at `$.total`"),
        ({"is_gift": 1}, "Expected `bool`, got `int` - at `$.is_gift`"),
        ({"is_gift": "true"}, "Expected `bool`, got `str` - at `$.is_gift`"),
        ({"discounts": ["0.5", "x"]}, "Invalid decimal string - at `$.discounts[1]`"),
        ({"discounts": "0.5"}, "Expected `array`, got `str` - at `$.discounts`"),
        (
            {"lines": [{**LINE, "quantity": 0}]},
            "Expected `int` >= 1 - at `$.lines[0].quantity`",
        ),
        (
            {"lines": [LINE, {"sku": "PEN-1", "quantity": 1}]},
            "missing required field `unit_price` - at `$.lines[1]`",
        ),
        ({"lines": [["MUG-1", 2, "9.99"]]}, "got `array` - at `$.lines[0]`"),
    ],
    ids=[
        "decimal-text",
        "decimal-bool",
        "decimal-null",
        "bool-one",
        "bool-text",
        "decimal-in-list",
        "list-text",
        "line-quantity",
        "line-missing-price",
        "line-list",
    ],
)
def test_a_field_of_the_wrong_type_is_refused_naming_where(
    change: dict[str, object], reason: str
) -> None:
    data = {**event_to_json(placed()), **change}

    with pytest.raises(EventMalformed) as raised:
        event_from_json(data, event_types=SAMPLE_TYPES)

    assert reason in str(raised.value)


def test_a_reader_refuses_an_event_type_it_was_not_given() -> None:
    data = event_to_json(placed())

    with pytest.raises(EventMalformed, match="Invalid value 'SampleOrderPlaced'"):
        event_from_json(data)
