"""The lines of an order being placed: their shape, and the rules they must meet."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError

from orders.exceptions import OrderInvalid, OrderLinesMissing
from orders.models import MAX_LINES, OrderLine


@dataclass(frozen=True, kw_only=True)
class NewOrderLine:
    """One line of an order about to be placed."""

    sku: str
    name: str
    quantity: int
    unit_price: Decimal


def order_lines_build(*, lines: Sequence[NewOrderLine]) -> list[OrderLine]:
    """Build the order's lines, applying every rule the models keep, as the API does.

    Texts are trimmed as the API trims them. Raises `OrderLinesMissing`, or
    `OrderInvalid` naming each line at fault by its position.
    """
    if not lines:
        raise OrderLinesMissing
    if len(lines) > MAX_LINES:
        message = f"An order has at most {MAX_LINES} lines, not {len(lines)}."
        raise OrderInvalid(errors={"lines": [message]})
    rows = [
        OrderLine(
            sku=line.sku.strip(),
            name=line.name.strip(),
            quantity=line.quantity,
            unit_price=line.unit_price,
        )
        for line in lines
    ]
    errors: dict[str, dict[str, list[str]]] = {}
    for index, row in enumerate(rows):
        try:
            row.full_clean(exclude=["order"], validate_constraints=False)
        except ValidationError as exc:
            errors[str(index)] = exc.message_dict
    if errors:
        raise OrderInvalid(errors={"lines": errors})
    return rows
