"""Tests of the users app's reads: listing, fetching and the email check."""

import pytest

from users.exceptions import UserNotFound
from users.selectors import user_email_taken, user_get, user_list
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_user_list_without_filters_returns_every_user_in_id_order():
    users = [UserFactory(is_active=False), UserFactory(), UserFactory()]

    listed = user_list()

    assert list(listed) == users


def test_user_list_filters_by_email_in_any_case():
    ann = UserFactory(email="ann@example.com")
    UserFactory(email="bob@example.com")

    listed = user_list(email="ANN@Example.COM")

    assert list(listed) == [ann]


def test_user_list_email_filter_treats_wildcards_literally():
    UserFactory(email="ab@example.com")

    listed = user_list(email="a_@example.com")

    assert list(listed) == []


@pytest.mark.parametrize("is_active", [True, False])
def test_user_list_filters_by_is_active(is_active):
    active = UserFactory(is_active=True)
    inactive = UserFactory(is_active=False)

    listed = user_list(is_active=is_active)

    assert list(listed) == [active if is_active else inactive]


def test_user_get_returns_the_user():
    user = UserFactory()

    found = user_get(user_id=user.pk)

    assert found == user


def test_user_get_raises_user_not_found_for_unknown_id():
    with pytest.raises(UserNotFound) as exc_info:
        user_get(user_id=404)

    assert exc_info.value.user_id == 404


def test_user_email_taken_ignores_case():
    UserFactory(email="ann@example.com")

    taken = user_email_taken(email="Ann@EXAMPLE.com")

    assert taken is True


def test_user_email_taken_ignores_the_excluded_user():
    ann = UserFactory(email="ann@example.com")

    taken = user_email_taken(email="ann@example.com", exclude_id=ann.pk)

    assert taken is False
