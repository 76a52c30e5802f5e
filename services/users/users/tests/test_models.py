"""Tests of the guards the User model keeps in the database itself."""

import pytest
from django.db import IntegrityError, transaction

from users.models import User
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_user_email_constraint_rejects_case_variant_duplicate():
    UserFactory(email="ann@example.com")

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(name="Ann", email="ANN@Example.com")


def test_user_name_constraint_rejects_blank_name():
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(name="", email="ann@example.com")


def test_user_version_constraint_rejects_zero():
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(version=0)


def test_user_str_shows_name_and_email():
    user = UserFactory.build(name="Ann", email="ann@example.com")

    assert str(user) == "Ann <ann@example.com>"
