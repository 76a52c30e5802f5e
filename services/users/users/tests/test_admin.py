"""Tests of the users admin: staff can browse users but never change them."""

from http import HTTPStatus

import pytest

from users.models import User
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_admin_shows_a_user(staff):
    user = UserFactory(name="Ann")

    response = staff.get(f"/admin/users/user/{user.pk}/change/")

    assert response.status_code == HTTPStatus.OK
    assert "Ann" in response.content.decode()


def test_admin_save_of_a_user_is_refused_and_changes_nothing(staff):
    user = UserFactory(name="Ann")
    form = {"name": "Bob", "email": user.email, "is_active": "on"}

    response = staff.post(f"/admin/users/user/{user.pk}/change/", form)

    assert response.status_code == HTTPStatus.FORBIDDEN
    stored = User.objects.get(pk=user.pk)
    assert (stored.name, stored.version, stored.updated_at) == (
        "Ann",
        1,
        user.updated_at,
    )


def test_admin_cannot_delete_a_user(staff):
    user = UserFactory()

    response = staff.post(f"/admin/users/user/{user.pk}/delete/", {"post": "yes"})

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert User.objects.filter(pk=user.pk).exists()


def test_admin_cannot_add_a_user(staff):
    response = staff.get("/admin/users/user/add/")

    assert response.status_code == HTTPStatus.FORBIDDEN
