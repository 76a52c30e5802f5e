"""Public API: placing, reading and listing orders, and the data they show."""

from datetime import datetime, timedelta
from http import HTTPStatus

import httpx
import pytest

ORDER_FIELDS = {
    "id",
    "user_id",
    "customer",
    "status",
    "lines",
    "total",
    "version",
    "created_at",
    "updated_at",
}
LINES = [
    {"sku": "MUG-1", "name": "Mug", "quantity": 2, "unit_price": "9.99"},
    {"sku": "PEN-1", "name": "Pen", "quantity": 1, "unit_price": "0.50"},
]


def ids(response: httpx.Response) -> list[int]:
    """Return the ids of the results on a list page, sorted."""
    return sorted(item["id"] for item in response.json()["results"])


def test_order_create_returns_pending_order(api, user):
    payload = {"user_id": user["id"], "lines": LINES}

    response = api.post("/api/orders/", json=payload)

    assert response.status_code == HTTPStatus.CREATED
    body = response.json()
    assert body.keys() >= ORDER_FIELDS
    assert isinstance(body["id"], int)
    assert body["user_id"] == user["id"]
    assert body["status"] == "pending"
    assert body["version"] == 1
    assert [{key: line[key] for key in LINES[0]} for line in body["lines"]] == LINES


def test_order_create_embeds_the_customer(api, user):
    payload = {"user_id": user["id"], "lines": LINES}

    customer = api.post("/api/orders/", json=payload).json()["customer"]

    assert customer["id"] == user["id"]
    assert customer["name"] == user["name"]
    assert customer["email"] == user["email"]


def test_order_create_computes_total(api, user):
    payload = {"user_id": user["id"], "lines": LINES}

    response = api.post("/api/orders/", json=payload)

    assert response.json()["total"] == "20.48"


def test_order_total_is_exact_decimal_arithmetic(api, user):
    line = {"sku": "DIME", "name": "Dime", "quantity": 3, "unit_price": "0.10"}

    response = api.post("/api/orders/", json={"user_id": user["id"], "lines": [line]})

    assert response.json()["total"] == "0.30"


def test_order_renders_money_with_two_places(api, user):
    line = {"sku": "HAT-1", "name": "Hat", "quantity": 1, "unit_price": "5"}

    body = api.post(
        "/api/orders/", json={"user_id": user["id"], "lines": [line]}
    ).json()

    assert body["lines"][0]["unit_price"] == "5.00"
    assert body["total"] == "5.00"


@pytest.mark.parametrize(("field", "value"), [("total", "0.01"), ("status", "shipped")])
def test_order_create_refuses_fields_the_server_owns(api, user, field, value):
    payload = {"user_id": user["id"], "lines": LINES, field: value}

    response = api.post("/api/orders/", json=payload)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert field in response.json()
    listed = api.get("/api/orders/", params={"user_id": user["id"]}).json()
    assert listed["count"] == 0


def test_order_create_renders_timestamps_in_utc(api, user):
    payload = {"user_id": user["id"], "lines": LINES}

    body = api.post("/api/orders/", json=payload).json()

    for field in ("created_at", "updated_at"):
        assert body[field].endswith(("Z", "+00:00")), body[field]
        assert datetime.fromisoformat(body[field]).utcoffset() == timedelta(0)


def test_order_retrieve_returns_the_order(api, order):
    response = api.get(f"/api/orders/{order['id']}/")

    assert response.status_code == HTTPStatus.OK
    assert response.json() == order


def test_order_customer_shows_current_user_data(api, shop, user, order):
    new = {"name": "Ada King", "email": f"king-{user['email']}"}
    api.patch(f"/api/users/{user['id']}/", json=new)

    fetched = shop.wait_for_order(
        order["id"], until=lambda found: found["customer"]["name"] == "Ada King"
    )

    assert fetched["customer"] == {"id": user["id"], **new}


def test_order_list_shows_current_user_data(api, shop, user, order):
    api.patch(f"/api/users/{user['id']}/", json={"name": "Ada King"})
    shop.wait_for_order(
        order["id"], until=lambda found: found["customer"]["name"] == "Ada King"
    )

    response = api.get("/api/orders/", params={"user_id": user["id"]})

    assert response.json()["results"][0]["customer"]["name"] == "Ada King"


def test_order_list_is_paginated(api, order):
    response = api.get("/api/orders/")

    assert response.status_code == HTTPStatus.OK
    body = response.json()
    assert body.keys() >= {"count", "next", "previous", "results"}
    assert body["count"] >= 1
    assert body["previous"] is None
    assert isinstance(body["results"], list)


def test_order_list_renders_orders_like_retrieve(api, user, order):
    response = api.get("/api/orders/", params={"user_id": user["id"]})

    assert response.json()["results"] == [order]


def test_order_list_filters_by_user_id(api, shop, user):
    mine = [shop.create_order(user_id=user["id"]) for _ in range(2)]
    shop.create_order()

    response = api.get("/api/orders/", params={"user_id": user["id"]})

    assert response.status_code == HTTPStatus.OK
    assert ids(response) == sorted(order["id"] for order in mine)


def test_order_list_filters_by_status(api, shop, user, order):
    confirmed = shop.order_with_status("confirmed", user_id=user["id"])

    response = api.get(
        "/api/orders/", params={"user_id": user["id"], "status": "confirmed"}
    )

    assert response.status_code == HTTPStatus.OK
    assert ids(response) == [confirmed["id"]]
