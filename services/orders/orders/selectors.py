"""Reads of the orders app: orders and their lines, and the customers they name."""

from collections.abc import Iterable, Mapping

from django.db.models import QuerySet

from orders.clients import users_client
from orders.exceptions import OrderCustomerMissing, OrderNotFound, OrderSagaNotFound
from orders.models import CreditSaga, Order, SagaState
from shared.users.client import UserSnapshot


def _orders_with_details() -> QuerySet[Order]:
    """Orders with their lines fetched in one more query."""
    return Order.objects.prefetch_related("lines")


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
    """Return one order with its lines, or raise `OrderNotFound`."""
    try:
        return _orders_with_details().get(pk=order_id)
    except Order.DoesNotExist as exc:
        raise OrderNotFound(order_id=order_id) from exc


def order_customers(*, orders: Iterable[Order]) -> Mapping[int, UserSnapshot]:
    """Return the customers of these orders, keyed by user id, in one lookup.

    This replaces stage 0's join: orders composes user data it asks the
    UsersClient for. See docs/01-modular-monolith.md, "The lost join".
    Raises `OrderCustomerMissing` if an order names a user that does not exist.
    """
    user_ids = {order.user_id for order in orders}
    customers = users_client().user_get_many(user_ids=user_ids)
    if missing := user_ids - customers.keys():
        raise OrderCustomerMissing(user_ids=missing)
    return customers


def saga_get(*, order_id: int) -> CreditSaga:
    """Return an order's credit saga; raise `OrderNotFound` or `OrderSagaNotFound`."""
    # The order first: its lookup answers "none" for an id too large to
    # store, where the saga's (by a one-to-one key) would fail.
    if not Order.objects.filter(pk=order_id).exists():
        raise OrderNotFound(order_id=order_id)
    saga = CreditSaga.objects.filter(order_id=order_id).first()
    if saga is None:
        raise OrderSagaNotFound(order_id=order_id)
    return saga


def saga_list_open() -> QuerySet[CreditSaga]:
    """Return the credit sagas not done (running or parked), oldest order first."""
    return CreditSaga.objects.exclude(state=SagaState.DONE).order_by("order_id")
