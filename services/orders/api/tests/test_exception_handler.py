"""Tests of the mapping from domain exceptions to HTTP responses."""

from http import HTTPStatus

import pytest

from api.exception_handler import domain_exception_handler
from orders.exceptions import (
    OrderCustomerInvalid,
    OrderInvalid,
    OrderLinesMissing,
    OrderNotAllowed,
    OrderNotFound,
)
from shared.users.client import UsersServiceUnavailable


def handle(exc):
    """Run the project's exception handler outside any view."""
    return domain_exception_handler(exc, {})


@pytest.mark.parametrize("exc", [OrderNotFound(order_id=7)], ids=repr)
def test_not_found_errors_become_404_with_the_message(exc):
    response = handle(exc)

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.data == {"detail": str(exc)}


def test_order_not_allowed_becomes_409_with_the_message():
    exc = OrderNotAllowed(order_id=7, action="ship", status="pending")

    response = handle(exc)

    assert response.status_code == HTTPStatus.CONFLICT
    assert response.data == {"detail": "Cannot ship order 7: it is pending."}


@pytest.mark.parametrize(
    ("exc", "field"),
    [
        (OrderCustomerInvalid(user_id=7, reason="is inactive"), "user_id"),
        (OrderLinesMissing(), "lines"),
    ],
    ids=["customer-invalid", "lines-missing"],
)
def test_other_domain_errors_become_400_naming_the_field(exc, field):
    response = handle(exc)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.data == {field: [str(exc)]}


def test_errors_outside_the_domain_are_left_to_django():
    response = handle(ValueError("a bug"))

    assert response is None


def test_invalid_order_becomes_400_with_the_apis_shape_for_lines():
    errors = {"lines": {"1": {"sku": ["This field cannot be blank."]}}}

    response = handle(OrderInvalid(errors=errors))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.data == errors


def test_users_service_unavailable_becomes_503_naming_it_with_retry_after():
    exc = UsersServiceUnavailable(reason="no answer within 2 s")

    response = handle(exc)

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response.data == {
        "detail": "The users service is unavailable. Try again shortly."
    }
    assert response["Retry-After"] == "5"


def test_users_service_unavailable_is_logged_but_not_told_the_client(caplog):
    reason = "cannot reach http://10.0.0.5:8001 (ConnectError)"

    response = handle(UsersServiceUnavailable(reason=reason))

    assert "10.0.0.5" not in response.data["detail"]
    assert "ConnectError" not in response.data["detail"]
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("WARNING", f"The users service is unavailable: {reason}.")
    ]
