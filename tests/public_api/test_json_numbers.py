"""Public API: JSON numbers of any size are read exactly and never break a write."""

from http import HTTPStatus

import pytest

JSON = {"Content-Type": "application/json"}
# Numbers a float cannot hold: parsed as floats they become inf, which the
# server could neither validate nor render.
HUGE_NUMBERS = [b"1e999", b"-1e400", b"1.5e308000"]


@pytest.mark.parametrize("number", HUGE_NUMBERS, ids=bytes.decode)
def test_user_create_with_a_huge_number_as_name_returns_400(api, fresh_email, number):
    body = b'{"name": %s, "email": "%s"}' % (number, fresh_email.encode())

    response = api.post("/api/users/", content=body, headers=JSON)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "name" in response.json()


@pytest.mark.parametrize("number", HUGE_NUMBERS, ids=bytes.decode)
def test_user_create_with_a_huge_number_in_an_unknown_field_returns_400(
    api, fresh_email, number
):
    body = b'{"name": "Ada", "email": "%s", "x": %s}' % (fresh_email.encode(), number)

    response = api.post("/api/users/", content=body, headers=JSON)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "x" in response.json()


@pytest.mark.parametrize("number", HUGE_NUMBERS, ids=bytes.decode)
def test_user_update_with_a_huge_number_returns_400(api, user, number):
    body = b'{"name": %s}' % number

    response = api.patch(f"/api/users/{user['id']}/", content=body, headers=JSON)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "name" in response.json()


# An order body with one field replaced by a raw JSON number, and the key of
# the 400 that must name it.
ORDER_BODIES = {
    "user_id": (b'{"user_id": %(number)s, "lines": [%(line)s]}', "user_id"),
    "quantity": (b'{"user_id": %(user)s, "lines": [%(line_q)s]}', "lines"),
    "unit_price": (b'{"user_id": %(user)s, "lines": [%(line_p)s]}', "lines"),
}
LINE = b'{"sku": "MUG-1", "name": "Mug", "quantity": %s, "unit_price": %s}'


@pytest.mark.parametrize("field", ORDER_BODIES)
@pytest.mark.parametrize("number", HUGE_NUMBERS, ids=bytes.decode)
def test_order_create_with_a_huge_number_returns_400(api, user, field, number):
    template, key = ORDER_BODIES[field]
    body = template % {
        b"number": number,
        b"user": str(user["id"]).encode(),
        b"line": LINE % (b"1", b'"9.99"'),
        b"line_q": LINE % (number, b'"9.99"'),
        b"line_p": LINE % (b"1", number),
    }

    response = api.post("/api/orders/", content=body, headers=JSON)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()) == [key]


def test_a_huge_number_stores_nothing(api, fresh_email):
    body = b'{"name": 1e999, "email": "%s"}' % fresh_email.encode()

    api.post("/api/users/", content=body, headers=JSON)

    listed = api.get("/api/users/", params={"email": fresh_email}).json()
    assert listed["count"] == 0
