"""The orders stage 2 left behind, as its databases hold them and as the API shows them.

Both sides become the same plain record, so a move is checked by comparing
records: an order's customer, status, version, creation time, lines and
total, and its customer's name and email. The public API fixes the served
side; stage 2's tables fix the other.
"""

from dataclasses import dataclass, fields
from datetime import UTC, datetime
from decimal import Decimal
from http import HTTPStatus
from pathlib import Path

import httpx
import msgspec

from tools.labkit import CheckFailed, table_rows

CENTS = Decimal("0.01")
ORDERS = "SELECT id, user_id, status, version, created_at FROM orders_order"
LINES = "SELECT order_id, sku, name, quantity, unit_price FROM orders_orderline"
USERS = "SELECT id, name, email FROM users_user"


@dataclass(frozen=True)
class Record:
    """One order with its lines, total and customer, as plain values."""

    user_id: int
    status: str
    version: int
    created_at: datetime
    lines: tuple[tuple[str, str, int, Decimal], ...]
    total: Decimal
    customer: tuple[int, str, str]


class ServedLine(msgspec.Struct):
    """An order line as the public API renders it."""

    sku: str
    name: str
    quantity: int
    unit_price: Decimal


class ServedCustomer(msgspec.Struct):
    """An order's customer as the public API renders it."""

    id: int
    name: str
    email: str


class ServedOrder(msgspec.Struct):
    """An order as the public API renders it (the fields a move must keep)."""

    id: int
    user_id: int
    status: str
    version: int
    created_at: datetime
    lines: list[ServedLine]
    total: Decimal
    customer: ServedCustomer


class ServedPage(msgspec.Struct):
    """A page of the order list."""

    results: list[ServedOrder]


def left_behind(*, orders: Path, users: Path) -> dict[int, Record]:
    """Return, by id, the orders in stage 2's databases (the monolith's, users')."""
    customers = {row[0]: row for row in table_rows(users, USERS)}
    lines: dict[object, list[tuple[str, str, int, Decimal]]] = {}
    for order_id, sku, name, quantity, price in table_rows(orders, LINES):
        line = (str(sku), str(name), int(str(quantity)), _money(price))
        lines.setdefault(order_id, []).append(line)
    records = {}
    for order_id, user_id, status, version, created_at in table_rows(orders, ORDERS):
        mine = sorted(lines.get(order_id, []))
        user, name, email = customers[user_id]
        records[int(str(order_id))] = Record(
            user_id=int(str(user_id)),
            status=str(status),
            version=int(str(version)),
            created_at=datetime.fromisoformat(str(created_at)).replace(tzinfo=UTC),
            lines=tuple(mine),
            total=sum((quantity * price for _, _, quantity, price in mine), Decimal()),
            customer=(int(str(user)), str(name), str(email)),
        )
    return records


def served(url: str) -> dict[int, Record]:
    """Return, by id, the orders of one page of the order list at url."""
    response = httpx.get(url, timeout=30)
    if response.status_code != HTTPStatus.OK:
        raise CheckFailed(f"GET {url} answered {response.status_code}")
    try:
        page = msgspec.json.decode(response.content, type=ServedPage)
    except msgspec.ValidationError as error:
        detail = f"GET {url}: the orders are not as the API says: {error}"
        raise CheckFailed(detail) from None
    return {
        order.id: Record(
            user_id=order.user_id,
            status=order.status,
            version=order.version,
            created_at=order.created_at,
            lines=tuple(
                sorted((n.sku, n.name, n.quantity, n.unit_price) for n in order.lines)
            ),
            total=order.total,
            customer=(order.customer.id, order.customer.name, order.customer.email),
        )
        for order in page.results
    }


def differences(expected: dict[int, Record], seen: dict[int, Record]) -> list[str]:
    """Say which orders are missing, added, or differ, and how."""
    found = []
    if missing := sorted(set(expected) - set(seen)):
        found.append(f"orders missing: {missing}")
    if added := sorted(set(seen) - set(expected)):
        found.append(f"orders that were not there: {added}")
    for order_id in sorted(set(expected) & set(seen)):
        was, now = expected[order_id], seen[order_id]
        for field in fields(Record):
            old, new = getattr(was, field.name), getattr(now, field.name)
            if old != new:
                found.append(f"order {order_id}: {field.name} was {old!r}, is {new!r}")
    return found


def _money(value: object) -> Decimal:
    """Read a price as SQLite returns it (a number or text) to the cent."""
    return Decimal(str(value)).quantize(CENTS)
