"""Tests of the credit saga: its steps, compensation and parking, without Celery.

Each test runs the saga's steps by calling `saga_run` as the task would,
against a fake of the users service's credit reservations.
"""

import logging
from decimal import Decimal

import pytest

from orders.lines import NewOrderLine
from orders.models import CreditSaga, Order, OrderStatus, SagaOutcome, SagaState
from orders.saga import Retry, saga_run
from orders.saga_sweep import saga_resume_stalled, saga_unpark
from orders.services import (
    order_cancel,
    order_confirm,
    order_place,
    order_ship,
)
from orders.sync import customer_apply

pytestmark = pytest.mark.django_db

# 2 x 30.00 = 60.00
LINE = NewOrderLine(sku="MUG-1", name="Mug", quantity=2, unit_price=Decimal("30.00"))


@pytest.fixture
def limited(users, credit):
    """Return a customer with a credit limit of 100.00, known to both fakes."""
    user = users.add(credit_limit=Decimal("100.00"))
    credit.limits[user.id] = Decimal("100.00")
    return user


def place(user):
    """Place a 60.00 order for the user; return its id."""
    return order_place(user_id=user.id, lines=[LINE]).order.pk


def run(order_id, credit):
    """Run the saga's current step once, as the task does."""
    return saga_run(order_id=order_id, credit=credit)


def status_of(order_id):
    """Return the order's status as stored."""
    return Order.objects.get(pk=order_id).status


def test_an_order_of_a_customer_with_a_limit_awaits_credit(limited):
    order_id = place(limited)

    saga = CreditSaga.objects.get(pk=order_id)
    assert status_of(order_id) == OrderStatus.AWAITING_CREDIT
    assert (saga.step, saga.state, saga.amount) == ("reserve", "running", 60)


def test_an_order_of_a_customer_without_a_limit_has_no_saga(users):
    order_id = place(users.add())

    assert status_of(order_id) == OrderStatus.PENDING
    assert not CreditSaga.objects.exists()


def test_the_try_sends_its_step_once_the_order_is_committed(
    limited, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        place(limited)

    assert len(callbacks) == 1


def test_credit_held_approves_the_order(limited, credit):
    order_id = place(limited)

    run(order_id, credit)

    order = Order.objects.get(pk=order_id)
    assert (order.status, order.version) == (OrderStatus.PENDING, 2)
    assert credit.held(limited.id) == Decimal("60.00")
    assert CreditSaga.objects.get(pk=order_id).state == SagaState.DONE


def test_credit_refused_rejects_the_order_saying_why(limited, credit):
    place(limited)
    run(CreditSaga.objects.get().pk, credit)
    second = place(limited)

    run(second, credit)

    saga = CreditSaga.objects.get(pk=second)
    assert status_of(second) == OrderStatus.REJECTED
    assert saga.outcome == SagaOutcome.REJECTED
    assert "Insufficient credit" in saga.last_error
    assert credit.held(limited.id) == Decimal("60.00")


def test_a_step_run_twice_holds_credit_once_and_moves_the_order_once(limited, credit):
    order_id = place(limited)

    run(order_id, credit)
    run(order_id, credit)

    assert Order.objects.get(pk=order_id).version == 2
    assert credit.calls == [("reserve", f"order-{order_id}")]


def test_confirming_an_order_confirms_its_reservation(limited, credit):
    order_id = place(limited)
    run(order_id, credit)

    order_confirm(order_id=order_id)
    run(order_id, credit)

    saga = CreditSaga.objects.get(pk=order_id)
    assert credit.reservations[saga.key].state == "confirmed"
    assert (saga.step, saga.outcome) == ("confirm", SagaOutcome.OPEN)
    assert credit.held(limited.id) == Decimal("60.00")


def test_shipping_an_order_settles_its_reservation(limited, credit):
    order_id = place(limited)
    run(order_id, credit)
    order_confirm(order_id=order_id)
    run(order_id, credit)

    order_ship(order_id=order_id)
    run(order_id, credit)

    saga = CreditSaga.objects.get(pk=order_id)
    assert credit.reservations[saga.key].state == "settled"
    assert (saga.step, saga.outcome) == ("settle", SagaOutcome.SETTLED)
    assert credit.held(limited.id) == 0


def test_cancelling_an_approved_order_releases_its_credit(limited, credit):
    order_id = place(limited)
    run(order_id, credit)

    order_cancel(order_id=order_id)
    run(order_id, credit)

    assert credit.held(limited.id) == 0
    assert CreditSaga.objects.get(pk=order_id).outcome == SagaOutcome.COMPENSATED


def test_cancelling_while_the_try_is_in_flight_releases_what_it_holds(limited, credit):
    order_id = place(limited)
    saga = CreditSaga.objects.get(pk=order_id)
    order_cancel(order_id=order_id)

    # The try reaches users after the cancellation: it is released.
    credit.reserve(key=saga.key, user_id=limited.id, amount=saga.amount)
    run(order_id, credit)

    assert status_of(order_id) == OrderStatus.CANCELLED
    assert credit.held(limited.id) == 0


def test_a_release_that_reaches_users_first_leaves_the_late_try_holding_nothing(
    limited, credit
):
    order_id = place(limited)
    saga = CreditSaga.objects.get(pk=order_id)
    order_cancel(order_id=order_id)
    run(order_id, credit)

    late = credit.reserve(key=saga.key, user_id=limited.id, amount=saga.amount)

    assert late.state == "released"
    assert credit.held(limited.id) == 0


def test_users_down_makes_the_step_wait_longer_each_time(limited, credit):
    order_id = place(limited)
    credit.down = True

    waits = [run(order_id, credit), run(order_id, credit), run(order_id, credit)]

    assert waits == [Retry(2.0), Retry(4.0), Retry(8.0)]
    assert status_of(order_id) == OrderStatus.AWAITING_CREDIT
    assert "down" in CreditSaga.objects.get(pk=order_id).last_error


def test_users_back_lets_the_waiting_try_complete(limited, credit):
    order_id = place(limited)
    credit.down = True
    run(order_id, credit)

    credit.down = False
    run(order_id, credit)

    assert status_of(order_id) == OrderStatus.PENDING


def test_a_try_that_never_gets_through_is_compensated(limited, credit, settings):
    settings.CREDIT_SAGA_ATTEMPTS = 3
    order_id = place(limited)
    credit.down = True
    outcomes = [run(order_id, credit) for _ in range(3)]

    credit.down = False
    run(order_id, credit)

    saga = CreditSaga.objects.get(pk=order_id)
    assert outcomes[-1] == Retry(0)
    assert status_of(order_id) == OrderStatus.REJECTED
    assert (saga.step, saga.outcome) == ("release", SagaOutcome.COMPENSATED)
    assert credit.reservations[saga.key].state == "released"


def test_a_release_that_keeps_failing_is_parked_and_logged(
    limited, credit, settings, caplog
):
    settings.CREDIT_SAGA_ATTEMPTS = 2
    order_id = place(limited)
    run(order_id, credit)
    order_cancel(order_id=order_id)
    credit.down = True

    with caplog.at_level(logging.ERROR, logger="orders.saga"):
        outcomes = [run(order_id, credit) for _ in range(2)]

    saga = CreditSaga.objects.get(pk=order_id)
    assert outcomes == [Retry(2.0), None]
    assert (saga.step, saga.state) == ("release", SagaState.PARKED)
    assert f"order {order_id} parked at release" in caplog.text


def test_a_step_the_users_service_refuses_is_parked(limited, credit):
    order_id = place(limited)
    run(order_id, credit)
    saga = CreditSaga.objects.get(pk=order_id)
    credit.advance(key=saga.key, step="release")

    order_confirm(order_id=order_id)
    run(order_id, credit)

    saga.refresh_from_db()
    assert (saga.step, saga.state) == ("confirm", SagaState.PARKED)
    assert "409" in saga.last_error


def test_a_parked_saga_runs_again_when_unparked(limited, credit, settings):
    settings.CREDIT_SAGA_ATTEMPTS = 1
    order_id = place(limited)
    run(order_id, credit)
    order_cancel(order_id=order_id)
    credit.down = True
    run(order_id, credit)
    credit.down = False
    sent = []

    assert saga_unpark(order_id=order_id, send=sent.append)
    run(order_id, credit)

    assert credit.held(limited.id) == 0
    assert CreditSaga.objects.get(pk=order_id).outcome == SagaOutcome.COMPENSATED


def test_a_deactivation_cancels_waiting_orders_and_releases_their_credit(
    limited, credit, users
):
    approved = place(limited)
    run(approved, credit)
    waiting = place(limited)

    customer_apply(user=users.deactivate(user_id=limited.id))
    run(approved, credit)
    run(waiting, credit)

    assert {status_of(approved), status_of(waiting)} == {OrderStatus.CANCELLED}
    assert credit.held(limited.id) == 0


def test_the_sweep_sends_again_only_steps_gone_quiet(limited, credit):
    quiet, fresh = place(limited), place(limited)
    CreditSaga.objects.filter(pk=quiet).update(
        updated_at=CreditSaga.objects.get(pk=quiet).updated_at.replace(year=2000)
    )
    sent = []

    assert saga_resume_stalled(quiet_for=60, send=sent.append) == 1

    assert sent == [quiet]
    assert fresh not in sent


@pytest.mark.parametrize("status", [401, 403])
def test_a_try_refused_for_this_services_credentials_is_parked_not_rejected(
    limited, credit, status
):
    order_id = place(limited)
    credit.refuse_with = status

    run(order_id, credit)

    saga = CreditSaga.objects.get(pk=order_id)
    assert status_of(order_id) == OrderStatus.AWAITING_CREDIT
    assert (saga.step, saga.state) == ("reserve", SagaState.PARKED)


def test_a_try_the_users_service_refuses_rejects_the_order(limited, credit):
    order_id = place(limited)
    credit.refuse_with = 404

    run(order_id, credit)

    assert status_of(order_id) == OrderStatus.REJECTED
