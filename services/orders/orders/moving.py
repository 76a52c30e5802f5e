"""What moves from the monolith's database into this service's: orders and their lines.

The chassis' mover (chassis/moving/) plans, copies and verifies; this says
what each table holds, in the order they move (an order before its lines),
and the rules a row must meet that stage 2's code always met. The
deactivations orders had heard of, and its customers' locks, stay behind:
since stage 4 the replica of customers holds both, built from the users
service (docs/04-celery-sync.md, "Backfill"). See orders_move_from_monolith
for the command.
"""

from decimal import Decimal, InvalidOperation

from chassis.moving.spec import Move, Parent, Table
from orders.models import MAX_QUANTITY, Order, OrderLine, OrderStatus


def _is_status(value: object) -> bool:
    """Tell whether a value is one of the order statuses."""
    return value in OrderStatus.values


def _is_text(value: object) -> bool:
    """Tell whether a value is text that is not blank, as a SKU or a name is."""
    return isinstance(value, str) and bool(value.strip())


def _is_quantity(value: object) -> bool:
    """Tell whether a value is a quantity an order line may have."""
    return type(value) is int and 1 <= value <= MAX_QUANTITY


def _is_price(value: object) -> bool:
    """Tell whether a value reads as a price that is not negative."""
    try:
        return Decimal(str(value)) >= 0
    except InvalidOperation:
        return False


ORDERS_MOVE = Move(
    tables=(
        Table(
            source="orders_order",
            model=Order,
            columns=("id", "user_id", "status", "version", "created_at", "updated_at"),
            ids=("user_id",),
            timestamps=("created_at", "updated_at"),
            version="version",
            created="created_at",
            checks={"status": _is_status},
        ),
        Table(
            source="orders_orderline",
            model=OrderLine,
            columns=("id", "order_id", "sku", "name", "quantity", "unit_price"),
            decimals=("unit_price",),
            parent=Parent("order_id", "orders_order"),
            checks={
                "sku": _is_text,
                "name": _is_text,
                "quantity": _is_quantity,
                "unit_price": _is_price,
            },
        ),
    )
)
