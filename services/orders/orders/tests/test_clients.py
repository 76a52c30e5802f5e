"""Tests of how orders finds its UsersClient: one setting, checked at start-up."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from orders.checks import check_users_client
from orders.clients import users_client
from shared.users.fake import FakeUsersClient


def test_users_client_is_the_class_the_setting_names(settings):
    settings.USERS_CLIENT = "shared.users.fake.FakeUsersClient"

    assert isinstance(users_client(), FakeUsersClient)


def test_users_client_is_one_instance_per_setting(settings):
    settings.USERS_CLIENT = "shared.users.fake.FakeUsersClient"

    assert users_client() is users_client()


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("no.such.Client", "cannot be imported"),
        ("shared.users.client.UserSnapshot", "cannot be created without arguments"),
        ("collections.OrderedDict", "does not implement"),
    ],
)
def test_a_wrong_users_client_is_refused_with_the_reason(settings, path, reason):
    settings.USERS_CLIENT = path

    with pytest.raises(ImproperlyConfigured, match=reason):
        users_client()


def test_system_check_reports_a_wrong_users_client(settings):
    settings.USERS_CLIENT = "no.such.Client"

    errors = check_users_client(None)

    assert [error.id for error in errors] == ["orders.E001"]
    assert "no.such.Client" in errors[0].msg


def test_system_check_accepts_a_client_that_keeps_the_contract():
    assert check_users_client(None) == []
