"""Tests of credit reservations: the try, confirm, settle and release steps."""

from decimal import Decimal

import pytest

from users.credit import credit_advance, credit_reserve
from users.exceptions import (
    CreditKeyReused,
    CreditReservationNotFound,
    CreditStepNotAllowed,
    UserCreditBelowReserved,
)
from users.models import ReservationState
from users.selectors import credit_reserved, user_credit
from users.services import user_deactivate, user_update
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HELD = ReservationState.HELD


def reserve(user, amount, key="order-1"):
    """Reserve an amount of the user's credit under key."""
    return credit_reserve(key=key, user_id=user.pk, amount=Decimal(amount))


def test_credit_reserve_holds_an_amount_within_the_limit():
    user = UserFactory(credit_limit=Decimal("100.00"))

    reservation = reserve(user, "60.00")

    assert reservation.state == HELD
    assert credit_reserved(user_id=user.pk) == Decimal("60.00")


def test_credit_reserve_refuses_an_amount_beyond_what_is_left():
    user = UserFactory(credit_limit=Decimal("100.00"))
    reserve(user, "60.00", key="order-1")

    refused = reserve(user, "50.00", key="order-2")

    assert refused.state == ReservationState.REFUSED
    assert "40.00 of 100.00" in refused.reason
    assert credit_reserved(user_id=user.pk) == Decimal("60.00")


def test_credit_reserve_refuses_an_inactive_user():
    user = UserFactory(credit_limit=Decimal("100.00"), is_active=False)

    assert reserve(user, "1.00").state == ReservationState.REFUSED


def test_credit_reserve_holds_any_amount_for_a_user_without_a_limit():
    user = UserFactory(credit_limit=None)

    assert reserve(user, "1000000.00").state == HELD


def test_credit_reserve_sent_again_returns_the_same_reservation():
    user = UserFactory(credit_limit=Decimal("100.00"))
    first = reserve(user, "60.00")

    again = reserve(user, "60.00")

    assert again.pk == first.pk
    assert credit_reserved(user_id=user.pk) == Decimal("60.00")


def test_credit_reserve_refuses_a_key_sent_again_for_another_amount():
    user = UserFactory(credit_limit=Decimal("100.00"))
    reserve(user, "60.00")

    with pytest.raises(CreditKeyReused):
        reserve(user, "61.00")


def test_a_release_that_arrives_first_makes_the_late_reservation_hold_nothing():
    user = UserFactory(credit_limit=Decimal("100.00"))
    credit_advance(key="order-1", step="release")

    late = reserve(user, "60.00")

    assert late.state == ReservationState.RELEASED
    assert credit_reserved(user_id=user.pk) == Decimal("0.00")


@pytest.mark.parametrize(
    ("steps", "state"),
    [
        (["confirm"], ReservationState.CONFIRMED),
        (["confirm", "settle"], ReservationState.SETTLED),
        (["settle"], ReservationState.SETTLED),
        (["release"], ReservationState.RELEASED),
        (["confirm", "release"], ReservationState.RELEASED),
    ],
)
def test_credit_advance_moves_a_reservation(steps, state):
    user = UserFactory(credit_limit=Decimal("100.00"))
    reserve(user, "60.00")

    for step in steps:
        reservation = credit_advance(key="order-1", step=step)

    assert reservation.state == state


@pytest.mark.parametrize(
    ("steps", "state"),
    [
        (["confirm", "confirm"], ReservationState.CONFIRMED),
        (["settle", "settle"], ReservationState.SETTLED),
        (["settle", "confirm"], ReservationState.SETTLED),
        (["release", "release"], ReservationState.RELEASED),
    ],
)
def test_credit_advance_repeated_or_late_leaves_the_reservation_as_it_is(steps, state):
    user = UserFactory(credit_limit=Decimal("100.00"))
    reserve(user, "60.00")
    for step in steps[:-1]:
        credit_advance(key="order-1", step=step)

    reservation = credit_advance(key="order-1", step=steps[-1])

    assert reservation.state == state


@pytest.mark.parametrize(
    ("state", "held"),
    [
        (ReservationState.CONFIRMED, Decimal("60.00")),
        (ReservationState.SETTLED, Decimal("0.00")),
        (ReservationState.RELEASED, Decimal("0.00")),
    ],
)
def test_only_held_and_confirmed_reservations_count_against_the_limit(state, held):
    user = UserFactory(credit_limit=Decimal("100.00"))
    reservation = reserve(user, "60.00")
    reservation.state = state
    reservation.save()

    assert credit_reserved(user_id=user.pk) == held


def test_a_settled_reservation_is_never_released():
    user = UserFactory(credit_limit=Decimal("100.00"))
    reserve(user, "60.00")
    credit_advance(key="order-1", step="settle")

    with pytest.raises(CreditStepNotAllowed):
        credit_advance(key="order-1", step="release")


def test_a_released_reservation_is_never_confirmed():
    user = UserFactory(credit_limit=Decimal("100.00"))
    reserve(user, "60.00")
    credit_advance(key="order-1", step="release")

    with pytest.raises(CreditStepNotAllowed):
        credit_advance(key="order-1", step="confirm")


def test_releasing_a_refused_reservation_changes_nothing():
    user = UserFactory(credit_limit=Decimal("10.00"))
    reserve(user, "60.00")

    assert credit_advance(key="order-1", step="release").state == "refused"


def test_confirming_an_unknown_key_is_not_found():
    with pytest.raises(CreditReservationNotFound):
        credit_advance(key="order-9", step="confirm")


def test_a_limit_cannot_go_below_what_is_reserved():
    user = UserFactory(credit_limit=Decimal("100.00"))
    reserve(user, "60.00")

    with pytest.raises(UserCreditBelowReserved):
        user_update(user_id=user.pk, credit_limit=Decimal("59.99"))


def test_a_limit_may_be_lowered_to_what_is_reserved_or_removed():
    user = UserFactory(credit_limit=Decimal("100.00"))
    reserve(user, "60.00")

    lowered = user_update(user_id=user.pk, credit_limit=Decimal("60.00"))
    removed = user_update(user_id=user.pk, credit_limit=None)

    assert (lowered.version, removed.version) == (2, 3)
    assert removed.credit_limit is None


def test_a_deactivation_leaves_reservations_to_the_saga():
    user = UserFactory(credit_limit=Decimal("100.00"))
    reserve(user, "60.00")

    user_deactivate(user_id=user.pk)

    assert credit_reserved(user_id=user.pk) == Decimal("60.00")


def test_user_credit_says_what_is_left():
    user = UserFactory(credit_limit=Decimal("100.00"))
    reserve(user, "60.00")

    credit = user_credit(user_id=user.pk)

    assert (credit.reserved, credit.available) == (Decimal("60.00"), Decimal("40.00"))
