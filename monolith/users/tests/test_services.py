"""Tests of the users app's writes: create, update and deactivate."""

import pytest

from orders.models import OrderStatus
from orders.tests.factories import OrderFactory
from users.exceptions import UserEmailTaken, UserNotFound
from users.models import User
from users.services import user_create, user_deactivate, user_update
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_user_create_makes_an_active_user_at_version_one():
    user = user_create(name="Ann", email="ann@example.com")

    user.refresh_from_db()
    assert (user.name, user.email) == ("Ann", "ann@example.com")
    assert user.is_active is True
    assert user.version == 1


def test_user_create_rejects_email_taken_in_another_case():
    UserFactory(email="ann@example.com")

    with pytest.raises(UserEmailTaken) as exc_info:
        user_create(name="Ann", email="ANN@example.com")

    assert exc_info.value.field == "email"
    assert User.objects.count() == 1


def test_user_create_rejects_non_ascii_case_variant_of_taken_email():
    UserFactory(email="ann@éxample.com")

    with pytest.raises(UserEmailTaken):
        user_create(name="Ann", email="ann@Éxample.com")


def test_user_update_bumps_version_by_exactly_one():
    user = UserFactory(name="Ann", email="ann@example.com")

    updated = user_update(user_id=user.pk, name="Annie", email="annie@example.com")

    user.refresh_from_db()
    assert (user.name, user.email) == ("Annie", "annie@example.com")
    assert updated.version == user.version == 2


def test_user_update_with_equal_values_keeps_version_and_timestamp():
    user = UserFactory(name="Ann", email="ann@example.com")
    updated_at = user.updated_at

    updated = user_update(user_id=user.pk, name="Ann", email="ann@example.com")

    user.refresh_from_db()
    assert (updated.version, user.version) == (1, 1)
    assert user.updated_at == updated_at


def test_user_update_rejects_email_of_another_user():
    UserFactory(email="bob@example.com")
    ann = UserFactory(email="ann@example.com")

    with pytest.raises(UserEmailTaken):
        user_update(user_id=ann.pk, email="Bob@example.com")


def test_user_update_rejected_email_leaves_the_user_unchanged():
    UserFactory(email="bob@example.com")
    ann = UserFactory(name="Ann", email="ann@example.com")

    with pytest.raises(UserEmailTaken):
        user_update(user_id=ann.pk, name="Annie", email="bob@example.com")

    ann.refresh_from_db()
    assert (ann.name, ann.email, ann.version) == ("Ann", "ann@example.com", 1)


def test_user_update_allows_changing_the_case_of_own_email():
    ann = UserFactory(email="ann@example.com")

    updated = user_update(user_id=ann.pk, email="Ann@example.com")

    assert (updated.email, updated.version) == ("Ann@example.com", 2)


def test_user_update_keeps_version_when_only_the_domain_case_differs():
    ann = UserFactory(email="ann@example.com")

    updated = user_update(user_id=ann.pk, email="ann@EXAMPLE.com")

    assert (updated.email, updated.version) == ("ann@example.com", 1)


def test_user_update_raises_user_not_found_for_unknown_id():
    with pytest.raises(UserNotFound):
        user_update(user_id=404, name="Nobody")


def test_user_deactivate_marks_the_user_inactive_and_bumps_version():
    user = UserFactory()

    user_deactivate(user_id=user.pk)

    user.refresh_from_db()
    assert (user.is_active, user.version) == (False, 2)


def test_user_deactivate_cancels_pending_orders_and_bumps_their_version():
    user = UserFactory()
    orders = OrderFactory.create_batch(2, user_id=user.pk)

    user_deactivate(user_id=user.pk)

    for order in orders:
        order.refresh_from_db()
        assert (order.status, order.version) == (OrderStatus.CANCELLED, 2)


@pytest.mark.parametrize(
    "status", [OrderStatus.CONFIRMED, OrderStatus.SHIPPED, OrderStatus.CANCELLED]
)
def test_user_deactivate_leaves_orders_that_are_not_pending_alone(status):
    order = OrderFactory(user_id=UserFactory().pk, status=status)

    user_deactivate(user_id=order.user_id)

    order.refresh_from_db()
    assert (order.status, order.version) == (status, 1)


def test_user_deactivate_leaves_other_users_orders_alone():
    user = UserFactory()
    other_order = OrderFactory(user_id=UserFactory().pk)

    user_deactivate(user_id=user.pk)

    other_order.refresh_from_db()
    assert (other_order.status, other_order.version) == (OrderStatus.PENDING, 1)


def test_user_deactivate_twice_keeps_the_version():
    user = UserFactory()
    user_deactivate(user_id=user.pk)

    again = user_deactivate(user_id=user.pk)

    user.refresh_from_db()
    assert (again.is_active, again.version, user.version) == (False, 2, 2)


def test_user_deactivate_raises_user_not_found_for_unknown_id():
    with pytest.raises(UserNotFound):
        user_deactivate(user_id=404)
