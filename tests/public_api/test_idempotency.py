"""Public API: an Idempotency-Key makes a create safe to send again.

Since stage 5. A client that got no answer (a timeout, or the edge's 504
"outcome unknown") sends the same request with the same key: the first
answer comes back, and nothing is created twice.
"""

import uuid
from http import HTTPStatus

import httpx

from tests.public_api.conftest import BOOK, Shop, expect, unique_email


def new_key() -> str:
    """Return a key no other request uses."""
    return str(uuid.uuid4())


def test_a_retried_order_with_its_key_gets_the_first_answer(
    api: httpx.Client, shop: Shop
):
    user = shop.create_user()
    payload = {"user_id": user["id"], "lines": [BOOK]}
    headers = {"Idempotency-Key": new_key()}
    first = expect(
        api.post("/api/orders/", json=payload, headers=headers), HTTPStatus.CREATED
    )

    again = api.post("/api/orders/", json=payload, headers=headers)

    assert again.status_code == HTTPStatus.CREATED
    assert again.json()["id"] == first.json()["id"]
    assert again.headers["Location"] == first.headers["Location"]
    listed = api.get("/api/orders/", params={"user_id": user["id"]}).json()
    assert listed["count"] == 1


def test_a_retried_user_with_its_key_gets_the_first_answer(api: httpx.Client):
    payload = {"name": "Once", "email": unique_email()}
    headers = {"Idempotency-Key": new_key()}
    first = expect(
        api.post("/api/users/", json=payload, headers=headers), HTTPStatus.CREATED
    )

    again = api.post("/api/users/", json=payload, headers=headers)

    assert again.status_code == HTTPStatus.CREATED
    assert again.json()["id"] == first.json()["id"]


def test_a_key_sent_again_with_another_body_is_422(api: httpx.Client, shop: Shop):
    user = shop.create_user()
    headers = {"Idempotency-Key": new_key()}
    payload = {"user_id": user["id"], "lines": [BOOK]}
    expect(api.post("/api/orders/", json=payload, headers=headers), HTTPStatus.CREATED)

    changed = {"user_id": user["id"], "lines": [{**BOOK, "quantity": 2}]}
    response = api.post("/api/orders/", json=changed, headers=headers)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    listed = api.get("/api/orders/", params={"user_id": user["id"]}).json()
    assert listed["count"] == 1


def test_a_malformed_key_is_a_400_and_creates_nothing(api: httpx.Client):
    email = unique_email()
    payload = {"name": "Never", "email": email}

    response = api.post(
        "/api/users/", json=payload, headers={"Idempotency-Key": "has space"}
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Idempotency-Key" in response.json()["detail"]
    assert api.get("/api/users/", params={"email": email}).json()["count"] == 0


def test_without_a_key_two_identical_orders_are_two_orders(
    api: httpx.Client, shop: Shop
):
    user = shop.create_user()
    payload = {"user_id": user["id"], "lines": [BOOK]}

    first = expect(api.post("/api/orders/", json=payload), HTTPStatus.CREATED)
    second = expect(api.post("/api/orders/", json=payload), HTTPStatus.CREATED)

    assert first.json()["id"] != second.json()["id"]
