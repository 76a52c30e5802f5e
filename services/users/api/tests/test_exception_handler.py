"""Tests of the users service's mapping from domain exceptions to HTTP responses."""

from http import HTTPStatus

import pytest

from api.exception_handler import domain_exception_handler
from users.exceptions import UserEmailTaken, UserError, UserInvalid, UserNotFound


def handle(exc):
    """Run the project's exception handler outside any view."""
    return domain_exception_handler(exc, {})


@pytest.mark.parametrize("exc", [UserNotFound(user_id=7)], ids=repr)
def test_not_found_errors_become_404_with_the_message(exc):
    response = handle(exc)

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.data == {"detail": str(exc)}


@pytest.mark.parametrize(
    ("exc", "field"),
    [
        (UserEmailTaken(email="ann@example.com"), "email"),
        (UserError("Something is wrong."), "non_field_errors"),
    ],
    ids=["email-taken", "base-error"],
)
def test_other_domain_errors_become_400_naming_the_field(exc, field):
    response = handle(exc)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.data == {field: [str(exc)]}


def test_errors_outside_the_domain_are_left_to_django():
    response = handle(ValueError("a bug"))

    assert response is None


def test_invalid_user_becomes_400_with_the_errors_of_each_field():
    errors = {
        "name": ["This field cannot be blank."],
        "email": ["Enter a valid email."],
    }

    response = handle(UserInvalid(errors=errors))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.data == errors
