"""Public API: each field takes the JSON type the schema names, and nothing else.

A lenient server teaches clients habits that break the day it is rewritten:
the number 0 as a name, a price as a binary float, "+1" or an Arabic-Indic
digit as a quantity.
"""

from http import HTTPStatus

import pytest

from tests.public_api.payloads import line

NOT_A_STRING = [0, 1.5, True, None]
NOT_AN_INTEGER = ["1", "+1", "\N{ARABIC-INDIC DIGIT ONE}", 1.0, 1e2, True, "1.0"]
NOT_AN_AMOUNT = [
    9.99,
    0,
    "1_000",
    "+1",
    " 1",
    "1 ",
    "-0",
    "1e2",
    ".5",
    "5.",
    "\N{ARABIC-INDIC DIGIT ONE}",
    "123456789",
]


@pytest.mark.parametrize("value", NOT_A_STRING, ids=repr)
@pytest.mark.parametrize("field", ["name", "email"])
def test_user_create_refuses_a_non_string(api, fresh_email, field, value):
    payload = {"name": "Ada", "email": fresh_email, field: value}

    response = api.post("/api/users/", json=payload)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()) == [field]


@pytest.mark.parametrize("value", NOT_A_STRING, ids=repr)
def test_user_update_refuses_a_non_string_name(api, user, value):
    response = api.patch(f"/api/users/{user['id']}/", json={"name": value})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()) == ["name"]


def test_user_create_refuses_an_email_padded_with_spaces(api, fresh_email):
    payload = {"name": "Ada", "email": f" {fresh_email} "}

    response = api.post("/api/users/", json=payload)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()) == ["email"]


def test_user_create_measures_the_name_as_sent(api, fresh_email):
    payload = {"name": "a" * 200 + " ", "email": fresh_email}

    response = api.post("/api/users/", json=payload)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()) == ["name"]


@pytest.mark.parametrize("value", NOT_AN_INTEGER, ids=repr)
def test_order_create_refuses_a_quantity_that_is_not_a_json_integer(api, user, value):
    payload = {"user_id": user["id"], "lines": [line(quantity=value)]}

    response = api.post("/api/orders/", json=payload)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()) == ["lines"]


@pytest.mark.parametrize("value", ["1", 1.0, True], ids=repr)
def test_order_create_refuses_a_user_id_that_is_not_a_json_integer(api, user, value):
    payload = {"user_id": value, "lines": [line()]}

    response = api.post("/api/orders/", json=payload)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()) == ["user_id"]


@pytest.mark.parametrize("value", NOT_AN_AMOUNT, ids=repr)
def test_order_create_refuses_a_price_that_is_not_a_plain_decimal_string(
    api, user, value
):
    payload = {"user_id": user["id"], "lines": [line(unit_price=value)]}

    response = api.post("/api/orders/", json=payload)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()) == ["lines"]


@pytest.mark.parametrize(
    ("sent", "total"), [("0.1", "0.30"), ("99999999.99", "299999999.97")]
)
def test_order_create_keeps_prices_exact(api, user, sent, total):
    payload = {"user_id": user["id"], "lines": [line(unit_price=sent, quantity=3)]}

    response = api.post("/api/orders/", json=payload)

    assert response.status_code == HTTPStatus.CREATED
    assert response.json()["total"] == total


@pytest.mark.parametrize("count", [100, 101])
def test_order_create_takes_at_most_one_hundred_lines(api, user, count):
    payload = {"user_id": user["id"], "lines": [line()] * count}

    response = api.post("/api/orders/", json=payload)

    expected = HTTPStatus.CREATED if count <= 100 else HTTPStatus.BAD_REQUEST
    assert response.status_code == expected


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/orders/", {"user_id": "+1"}),
        ("/api/orders/", {"user_id": " 1"}),
        ("/api/orders/", {"user_id": "1.0"}),
        ("/api/orders/", {"user_id": "\N{ARABIC-INDIC DIGIT ONE}"}),
        ("/api/users/", {"is_active": "yes"}),
        ("/api/users/", {"is_active": "1"}),
        ("/api/users/", {"is_active": "True"}),
    ],
    ids=str,
)
def test_list_refuses_a_filter_spelled_another_way(api, path, params):
    response = api.get(path, params=params)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()) == list(params)


@pytest.mark.parametrize(
    "page", ["+1", "01", "1.0", "last", "", "\N{ARABIC-INDIC DIGIT ONE}"]
)
def test_list_refuses_a_page_number_spelled_another_way(api, page):
    response = api.get("/api/users/", params={"page": page})

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert list(response.json()) == ["detail"]
