"""The credit saga: orders asks users to hold credit for an order, step by step.

An orchestrated saga, owned by orders. Placing an order for a customer with
a credit limit starts it (`saga_start`): the order waits (awaiting_credit)
while the users service is asked to reserve its total (the try). Its answer
approves the order (pending) or rejects it. Confirming the order then
confirms the reservation, shipping settles it, and cancelling releases it
(`saga_next`). Each step runs as the task `orders.run_credit_saga`, keyed by
the order, which calls `saga_run`.

Every step is safe to run twice: the users service answers a repeated step
with the reservation as it stands, and the saga records a step's result
only while it is still on that step (a compare-and-set). A failure that
may pass is tried again with growing waits. A try that never gets through
is compensated: released, and the order rejected. A confirm, settle or
release that keeps failing is parked: logged as an error, shown by the API
and by `orders_credit_sagas`, for a person to look at. See
docs/05-consistency.md, "The saga".
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from http import HTTPStatus

from celery import current_app
from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from kombu.exceptions import OperationalError

from orders.models import (
    CreditSaga,
    Order,
    OrderStatus,
    SagaOutcome,
    SagaState,
    SagaStep,
)
from shared.users.credit import (
    CreditClient,
    CreditStepRefused,
    CreditUnavailable,
    Reservation,
    Step,
)

logger = logging.getLogger(__name__)

RUN_TASK = "orders.run_credit_saga"
# What each action on an order asks of its reservation.
NEXT_STEP = {
    "confirm": SagaStep.CONFIRM,
    "ship": SagaStep.SETTLE,
    "cancel": SagaStep.RELEASE,
}
# The users service's name of each step after the try.
CREDIT_STEP: dict[str, Step] = {
    SagaStep.CONFIRM: "confirm",
    SagaStep.SETTLE: "settle",
    SagaStep.RELEASE: "release",
}
# The reservation states in which a step is done, and the saga's outcome then.
DONE_WHEN: dict[str, tuple[frozenset[str], str]] = {
    SagaStep.CONFIRM: (frozenset({"confirmed", "settled"}), SagaOutcome.OPEN),
    SagaStep.SETTLE: (frozenset({"settled"}), SagaOutcome.SETTLED),
    SagaStep.RELEASE: (frozenset({"released", "refused"}), SagaOutcome.COMPENSATED),
}

Send = Callable[[int], None]
# Refusals of this service's credentials, not of the step: a configuration
# error that no order should be rejected for. The step is parked.
NOT_ALLOWED_TO_ASK = frozenset({HTTPStatus.UNAUTHORIZED, HTTPStatus.FORBIDDEN})


@dataclass(frozen=True)
class Retry:
    """Run the saga's step again in `seconds`: it met a failure that may pass."""

    seconds: float


def saga_send(order_id: int) -> None:
    """Queue the saga's current step for the orders worker; else the sweep will.

    Sent by name: the tasks module imports this one, not the other way round.
    It runs after the change has committed, often inside a request: a
    broker that cannot be reached must not turn a saved change into an
    error answer, so it is logged, and the sweep sends the step later.
    """
    try:
        current_app.send_task(
            RUN_TASK, kwargs={"order_id": order_id}, queue="orders", retry=False
        )
    except OperationalError as exc:
        logger.warning(
            "The saga of order %s was not sent (%s); the sweep will.", order_id, exc
        )


def saga_start(*, order: Order, amount: Decimal, send: Send = saga_send) -> CreditSaga:
    """Start the saga of an order being placed; its try is sent once that commits."""
    saga = CreditSaga.objects.create(
        order=order,
        user_id=order.user_id,
        amount=amount,
        step=SagaStep.RESERVE,
        state=SagaState.RUNNING,
    )
    transaction.on_commit(partial(send, order.pk))
    return saga


def saga_next(*, order_ids: list[int], action: str, send: Send = saga_send) -> None:
    """Move these orders' sagas to the step `action` asks for; the rest have none.

    Run in the transaction that changes the orders: each step is sent once it
    commits. A step still running is superseded: its task, when it comes,
    finds the saga on another step and records nothing.
    """
    moved = list(
        CreditSaga.objects.filter(order_id__in=order_ids)
        .exclude(outcome=SagaOutcome.REJECTED)
        .values_list("order_id", flat=True)
    )
    CreditSaga.objects.filter(order_id__in=moved).update(
        step=NEXT_STEP[action],
        state=SagaState.RUNNING,
        attempts=0,
        last_error="",
        updated_at=timezone.now(),
    )
    for order_id in moved:
        transaction.on_commit(partial(send, order_id))


def saga_run(*, order_id: int, credit: CreditClient) -> Retry | None:
    """Run the saga's current step once; return when to try again, if it must."""
    saga = CreditSaga.objects.filter(pk=order_id, state=SagaState.RUNNING).first()
    if saga is None:
        return None
    try:
        reservation = _call(saga=saga, credit=credit)
    except CreditUnavailable as exc:
        return _failed_for_now(saga=saga, error=str(exc))
    except CreditStepRefused as exc:
        if saga.step == SagaStep.RESERVE and exc.status not in NOT_ALLOWED_TO_ASK:
            # A refused request changed nothing: there is no reservation.
            _decided(saga=saga, status=OrderStatus.REJECTED, error=str(exc))
        else:
            _park(saga=saga, error=str(exc))
        return None
    _answered(saga=saga, reservation=reservation)
    return None


def _call(*, saga: CreditSaga, credit: CreditClient) -> Reservation:
    """Send the saga's current step to the users service."""
    if saga.step == SagaStep.RESERVE:
        return credit.reserve(key=saga.key, user_id=saga.user_id, amount=saga.amount)
    return credit.advance(key=saga.key, step=CREDIT_STEP[saga.step])


def _still_on(*, saga: CreditSaga) -> QuerySet[CreditSaga]:
    """Select the saga's row only while it runs the step this run ran."""
    return CreditSaga.objects.filter(
        pk=saga.pk, step=saga.step, state=SagaState.RUNNING
    )


def _answered(*, saga: CreditSaga, reservation: Reservation) -> None:
    """Record what the users service answered to the saga's step."""
    if saga.step == SagaStep.RESERVE:
        approved = reservation.state == "held"
        status = OrderStatus.PENDING if approved else OrderStatus.REJECTED
        _decided(saga=saga, status=status, error=reservation.reason)
        return
    done_states, outcome = DONE_WHEN[saga.step]
    if reservation.state not in done_states:
        _park(saga=saga, error=f"{saga.step} left the reservation {reservation.state}")
        return
    _still_on(saga=saga).update(
        state=SagaState.DONE, outcome=outcome, updated_at=timezone.now()
    )


def _decided(*, saga: CreditSaga, status: OrderStatus, error: str) -> None:
    """Approve or reject the order as the try's answer says, if still waiting.

    A cancellation or a deactivation that came first moved the saga on to
    its release: then the compare-and-set finds nothing, and this answer
    is left to that release.
    """
    outcome = (
        SagaOutcome.OPEN if status == OrderStatus.PENDING else SagaOutcome.REJECTED
    )
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=saga.pk)
        decided = _still_on(saga=saga).update(
            state=SagaState.DONE,
            outcome=outcome,
            last_error=error,
            updated_at=timezone.now(),
        )
        if decided and order.status == OrderStatus.AWAITING_CREDIT:
            order.status = status
            order.version += 1
            order.save(update_fields=["status", "version", "updated_at"])


def _failed_for_now(*, saga: CreditSaga, error: str) -> Retry | None:
    """Count a failure that may pass; retry later, or compensate, or park.

    Returns None if the saga has moved on meanwhile.
    """
    attempts = saga.attempts + 1
    if attempts < settings.CREDIT_SAGA_ATTEMPTS:
        counted = _still_on(saga=saga).update(
            attempts=attempts, last_error=error, updated_at=timezone.now()
        )
        wait = min(2.0**attempts, settings.CREDIT_SAGA_RETRY_CAP_SECONDS)
        return Retry(seconds=wait) if counted else None
    if saga.step != SagaStep.RESERVE:
        _park(saga=saga, error=f"gave up after {attempts} tries: {error}")
        return None
    # The try may have reached the users service all the same: release it.
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=saga.pk)
        compensating = _still_on(saga=saga).update(
            step=SagaStep.RELEASE,
            attempts=0,
            last_error=f"credit could not be checked: {error}",
            updated_at=timezone.now(),
        )
        if compensating and order.status == OrderStatus.AWAITING_CREDIT:
            order.status = OrderStatus.REJECTED
            order.version += 1
            order.save(update_fields=["status", "version", "updated_at"])
    return Retry(seconds=0) if compensating else None


def _park(*, saga: CreditSaga, error: str) -> None:
    """Stop retrying a step that keeps failing, and say so loudly."""
    parked = _still_on(saga=saga).update(
        state=SagaState.PARKED, last_error=error, updated_at=timezone.now()
    )
    if parked:
        logger.error(
            "Credit saga of order %s parked at %s: %s", saga.pk, saga.step, error
        )
