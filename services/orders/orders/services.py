"""Writes of the orders app: placing orders and moving them through their life cycle."""

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Literal, NamedTuple

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from chassis.conditional import EntityTags, etag_of
from orders.clients import users_client
from orders.exceptions import (
    OrderCustomerInactive,
    OrderCustomerInvalid,
    OrderCustomerMissing,
    OrderNotAllowed,
    OrderVersionMismatch,
)
from orders.lines import NewOrderLine, order_lines_build
from orders.models import Customer, Order, OrderLine, OrderStatus
from orders.saga import saga_next, saga_start
from orders.selectors import order_get
from shared.users.client import UserNotFound, UserSnapshot

OrderAction = Literal["confirm", "ship", "cancel"]


class Transition(NamedTuple):
    """The statuses an action may start from, and the status it leads to."""

    sources: frozenset[OrderStatus]
    target: OrderStatus


TRANSITIONS: dict[OrderAction, Transition] = {
    "confirm": Transition(frozenset({OrderStatus.PENDING}), OrderStatus.CONFIRMED),
    "ship": Transition(frozenset({OrderStatus.CONFIRMED}), OrderStatus.SHIPPED),
    "cancel": Transition(
        frozenset(
            {OrderStatus.AWAITING_CREDIT, OrderStatus.PENDING, OrderStatus.CONFIRMED}
        ),
        OrderStatus.CANCELLED,
    ),
}


class OrderAndCustomer(NamedTuple):
    """An order after a write, and its customer as asked before the write."""

    order: Order
    customer: UserSnapshot


def _customer_for_order(*, user_id: int) -> UserSnapshot:
    """Ask the UsersClient for the customer; they must exist and be active.

    Since stage 4 the client reads the replica, and asks the users service
    only about a user orders has never heard of. See docs/04-celery-sync.md,
    "The replica".
    """
    try:
        user = users_client().user_get(user_id=user_id)
    except UserNotFound:
        raise OrderCustomerInvalid(user_id=user_id, reason="does not exist") from None
    if not user.is_active:
        raise OrderCustomerInvalid(user_id=user_id, reason="is inactive")
    return user


def _lock_customer(*, user_id: int) -> Customer:
    """Lock the customer's replica row until the transaction ends, and return it.

    Applying a deactivation locks the same row, so a placement and the
    deactivation run one after the other: the placement sees it, or it
    cancels the placement's order. Read under the lock, so a deactivation
    that committed first is always seen.
    """
    customer = Customer.objects.select_for_update().filter(user_id=user_id).first()
    if customer is None:
        raise OrderCustomerMissing(user_ids=[user_id])
    return customer


def order_etag(*, order: Order, customer_version: int) -> str:
    """Return an order's tag: its version and its customer's, as it shows both."""
    return etag_of(order.version, customer_version)


def order_place(
    *,
    user_id: int,
    lines: Sequence[NewOrderLine],
    record: Callable[[OrderAndCustomer], None] | None = None,
) -> OrderAndCustomer:
    """Place an order at version 1 for an active user.

    The order is pending, or, for a customer with a credit limit, awaiting
    credit while the credit saga it starts asks users to reserve its total
    (orders/saga.py).

    The UsersClient is asked before the transaction begins: a transaction
    must never wait on another service, and on SQLite it would hold the one
    write lock all the while. Its answer is returned with the order, so the
    response needs no second call after the write. See
    docs/02-users-service.md, "The race one database prevented".
    `record`, when given, is called with the result inside the transaction:
    the API stores its idempotency key's answer there (chassis/idempotency).
    """
    rows = order_lines_build(lines=lines)
    customer = _customer_for_order(user_id=user_id)
    with transaction.atomic():
        # The UsersClient's answer may predate a deactivation; the replica is
        # read again under the customer's lock, which applying the
        # deactivation takes too, so the two cannot both miss each other.
        locked_customer = _lock_customer(user_id=user_id)
        if not locked_customer.is_active:
            raise OrderCustomerInvalid(user_id=user_id, reason="is inactive")
        checks_credit = locked_customer.credit_limit is not None
        order = Order.objects.create(
            user_id=user_id,
            status=OrderStatus.AWAITING_CREDIT
            if checks_credit
            else OrderStatus.PENDING,
        )
        for row in rows:
            row.order = order
        OrderLine.objects.bulk_create(rows)
        if checks_credit:
            total = sum((row.line_total for row in rows), Decimal("0.00"))
            saga_start(order=order, amount=total)
        placed = OrderAndCustomer(order=order_get(order_id=order.pk), customer=customer)
        if record is not None:
            record(placed)
    return placed


def _order_transition(
    *, order_id: int, action: OrderAction, if_match: EntityTags | None
) -> OrderAndCustomer:
    """Apply an action to an order, or raise `OrderNotAllowed` (a conflict).

    Everything the answer needs is asked of the UsersClient first: if the
    users service is down, the error comes before anything is saved. Only
    a cancellation is allowed once the customer is inactive. With
    `if_match`, the order's tag is compared once both rows are locked, so
    the check and the write are one atomic step (`OrderVersionMismatch`).
    """
    order = order_get(order_id=order_id)
    try:
        customer = users_client().user_get(user_id=order.user_id)
    except UserNotFound:
        raise OrderCustomerMissing(user_ids=[order.user_id]) from None
    with transaction.atomic():
        locked_customer = _lock_customer(user_id=order.user_id)
        deactivated = not locked_customer.is_active
        order = Order.objects.select_for_update().get(pk=order_id)
        etag = order_etag(order=order, customer_version=locked_customer.version)
        if if_match is not None and not if_match.match_strong(etag):
            raise OrderVersionMismatch(
                order_id=order_id,
                version=order.version,
                etag=etag,
                weak=if_match.match_weak(etag),
            )
        sources, target = TRANSITIONS[action]
        if order.status not in sources:
            raise OrderNotAllowed(order_id=order_id, action=action, status=order.status)
        if action != "cancel" and (deactivated or not customer.is_active):
            raise OrderCustomerInactive(
                order_id=order_id, action=action, user_id=order.user_id
            )
        order.status = target
        order.version += 1
        order.save(update_fields=["status", "version", "updated_at"])
        saga_next(order_ids=[order_id], action=action)
    return OrderAndCustomer(order=order_get(order_id=order_id), customer=customer)


def order_confirm(
    *, order_id: int, if_match: EntityTags | None = None
) -> OrderAndCustomer:
    """Confirm a pending order of an active customer."""
    return _order_transition(order_id=order_id, action="confirm", if_match=if_match)


def order_ship(
    *, order_id: int, if_match: EntityTags | None = None
) -> OrderAndCustomer:
    """Ship a confirmed order of an active customer."""
    return _order_transition(order_id=order_id, action="ship", if_match=if_match)


def order_cancel(
    *, order_id: int, if_match: EntityTags | None = None
) -> OrderAndCustomer:
    """Cancel an order awaiting credit, pending or confirmed."""
    return _order_transition(order_id=order_id, action="cancel", if_match=if_match)


def order_cancel_pending(*, user_id: int) -> int:
    """Cancel a user's orders that are pending or awaiting credit; return how many.

    Run under the customer's lock, which placements take too. The credit
    sagas of the cancelled orders release what they hold.
    """
    waiting = Order.objects.filter(
        user_id=user_id,
        status__in=[OrderStatus.PENDING, OrderStatus.AWAITING_CREDIT],
    )
    cancelled = list(waiting.values_list("pk", flat=True))
    waiting.filter(pk__in=cancelled).update(
        status=OrderStatus.CANCELLED,
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    saga_next(order_ids=cancelled, action="cancel")
    return len(cancelled)
