"""Public API: the rules an order must satisfy, and the 400s that name the field."""

from http import HTTPStatus

import pytest

from tests.public_api.payloads import line

NO_SUCH_USER_ID = 999_999_999


def test_order_create_rejects_unknown_user(api):
    payload = {"user_id": NO_SUCH_USER_ID, "lines": [line()]}

    response = api.post("/api/orders/", json=payload)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "user_id" in response.json()


def test_order_create_rejects_inactive_user(shop, user):
    shop.deactivate_user(user["id"])

    response, placed_meanwhile = shop.place_until_refused(user["id"])

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "user_id" in response.json()
    statuses = [shop.wait_for_cancelled(order)["status"] for order in placed_meanwhile]
    assert statuses == ["cancelled"] * len(placed_meanwhile)


def test_order_create_rejects_empty_lines(api, user):
    response = api.post("/api/orders/", json={"user_id": user["id"], "lines": []})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "lines" in response.json()


def test_order_create_rejects_missing_fields(api):
    response = api.post("/api/orders/", json={})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json().keys() >= {"user_id", "lines"}


@pytest.mark.parametrize("quantity", [0, -1])
def test_order_create_rejects_quantity_below_one(api, user, quantity):
    payload = {"user_id": user["id"], "lines": [line(quantity=quantity)]}

    response = api.post("/api/orders/", json=payload)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "lines" in response.json()


def test_order_create_rejects_negative_price(api, user):
    payload = {"user_id": user["id"], "lines": [line(unit_price="-0.01")]}

    response = api.post("/api/orders/", json=payload)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "lines" in response.json()


def test_order_create_rejects_price_with_three_decimal_places(api, user):
    payload = {"user_id": user["id"], "lines": [line(unit_price="9.999")]}

    response = api.post("/api/orders/", json=payload)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "lines" in response.json()


@pytest.mark.parametrize("field", ["sku", "name", "quantity", "unit_price"])
def test_order_create_rejects_line_without_field(api, user, field):
    incomplete = line()
    del incomplete[field]

    response = api.post(
        "/api/orders/", json={"user_id": user["id"], "lines": [incomplete]}
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "lines" in response.json()


def test_rejected_order_is_not_stored(api, user):
    payload = {"user_id": user["id"], "lines": [line(), line(quantity=0)]}

    api.post("/api/orders/", json=payload)

    listed = api.get("/api/orders/", params={"user_id": user["id"]}).json()
    assert listed["results"] == []
