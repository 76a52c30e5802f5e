"""Writes of users' credit: reservations for the orders saga (try-confirm-cancel).

The orders service asks for credit to be held for an order (`credit_reserve`,
the try), then confirmed, settled when the order ships, or released when it
is cancelled (`credit_advance`). Every call is idempotent by the
reservation's key, the saga's own name for it, so the saga may send a step
again whenever it did not hear the answer. A reservation locks its user's
row, so one user's reservations are decided one at a time and never hold
more than the limit together. See docs/05-consistency.md, "The saga".
"""

from decimal import Decimal
from typing import Literal

from django.db import IntegrityError, transaction

from users.exceptions import (
    CreditKeyReused,
    CreditReservationNotFound,
    CreditStepNotAllowed,
    UserNotFound,
)
from users.models import CreditReservation, ReservationState, User
from users.selectors import credit_reserved

CreditStep = Literal["confirm", "settle", "release"]

# For each step: the states it moves on from, the state it leads to, and
# the states in which it has already been done (sent again, it changes
# nothing). Any other state refuses the step.
STEPS: dict[CreditStep, tuple[frozenset[str], str, frozenset[str]]] = {
    "confirm": (
        frozenset({ReservationState.HELD}),
        ReservationState.CONFIRMED,
        frozenset({ReservationState.CONFIRMED, ReservationState.SETTLED}),
    ),
    # Settling implies confirming: the two steps may arrive in either order.
    "settle": (
        frozenset({ReservationState.HELD, ReservationState.CONFIRMED}),
        ReservationState.SETTLED,
        frozenset({ReservationState.SETTLED}),
    ),
    # A refused reservation holds nothing, so releasing it is already done.
    "release": (
        frozenset({ReservationState.HELD, ReservationState.CONFIRMED}),
        ReservationState.RELEASED,
        frozenset({ReservationState.RELEASED, ReservationState.REFUSED}),
    ),
}


def _decision(*, user: User, amount: Decimal) -> tuple[str, str]:
    """Decide a new reservation for a locked user: its state and, if refused, why."""
    if not user.is_active:
        return ReservationState.REFUSED, f"User {user.pk} is inactive."
    if user.credit_limit is None:
        return ReservationState.HELD, ""
    available = user.credit_limit - credit_reserved(user_id=user.pk)
    if amount > available:
        reason = (
            f"Insufficient credit: {available} of {user.credit_limit} is available."
        )
        return ReservationState.REFUSED, reason
    return ReservationState.HELD, ""


@transaction.atomic
def credit_reserve(*, key: str, user_id: int, amount: Decimal) -> CreditReservation:
    """Hold `amount` of a user's credit under `key`, or record why not (the try).

    Sent again with the same key, it returns the reservation as it is now,
    whatever happened to it since; with another user or amount it raises
    `CreditKeyReused`. A key already released (its release came first)
    holds nothing.
    """
    try:
        user = User.objects.select_for_update().get(pk=user_id)
    except User.DoesNotExist:
        raise UserNotFound(user_id=user_id) from None
    if existing := CreditReservation.objects.filter(key=key).first():
        return _same_reservation(existing=existing, user_id=user_id, amount=amount)
    state, reason = _decision(user=user, amount=amount)
    created = _created(key=key, user=user, amount=amount, state=state, reason=reason)
    # None: a release of the key (which locks no user) came in between.
    return created or _same_reservation(
        existing=CreditReservation.objects.get(key=key),
        user_id=user_id,
        amount=amount,
    )


def _same_reservation(
    *, existing: CreditReservation, user_id: int, amount: Decimal
) -> CreditReservation:
    """Return the reservation a repeated try finds, if it was made for the same."""
    released_first = existing.user_id is None
    if not released_first and (existing.user_id, existing.amount) != (user_id, amount):
        raise CreditKeyReused(key=existing.key)
    return existing


def _created(**fields: object) -> CreditReservation | None:
    """Insert a reservation; None if its key was taken meanwhile."""
    try:
        with transaction.atomic():
            return CreditReservation.objects.create(**fields)
    except IntegrityError:
        return None


@transaction.atomic
def credit_advance(*, key: str, step: CreditStep) -> CreditReservation:
    """Confirm, settle or release the reservation under `key`; idempotent.

    Raises `CreditReservationNotFound` for a key never reserved, except
    for a release, which leaves a released mark so that a reservation
    arriving later holds nothing; `CreditStepNotAllowed` if the
    reservation's state forbids the step (a settled one is never released).
    """
    reservation = CreditReservation.objects.select_for_update().filter(key=key).first()
    if reservation is None and step == "release":
        released_first = _created(
            key=key, user=None, amount=Decimal("0"), state=ReservationState.RELEASED
        )
        if released_first is not None:
            return released_first
        # The reservation was made meanwhile: release it as usual.
        reservation = CreditReservation.objects.select_for_update().get(key=key)
    if reservation is None:
        raise CreditReservationNotFound(key=key)
    sources, target, done = STEPS[step]
    if reservation.state in done:
        return reservation
    if reservation.state not in sources:
        raise CreditStepNotAllowed(key=key, step=step, state=reservation.state)
    reservation.state = target
    reservation.save(update_fields=["state", "updated_at"])
    return reservation
