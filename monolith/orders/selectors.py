"""Reads of the orders app; every query joins the user for the embedded customer."""

from django.db.models import QuerySet

from orders.exceptions import OrderNotFound
from orders.models import Order


def _orders_with_details() -> QuerySet[Order]:
    """Orders with their user joined and their lines fetched in one more query."""
    return Order.objects.select_related("user").prefetch_related("lines")


def order_list(
    *, user_id: int | None = None, status: str | None = None
) -> QuerySet[Order]:
    """Return orders in id order, filtered by user and status."""
    orders = _orders_with_details()
    if user_id is not None:
        orders = orders.filter(user_id=user_id)
    if status is not None:
        orders = orders.filter(status=status)
    return orders


def order_get(*, order_id: int) -> Order:
    """Return one order with its customer and lines, or raise `OrderNotFound`."""
    try:
        return _orders_with_details().get(pk=order_id)
    except Order.DoesNotExist as exc:
        raise OrderNotFound(order_id=order_id) from exc
