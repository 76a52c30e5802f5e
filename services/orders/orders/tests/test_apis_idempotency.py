"""Tests of the Idempotency-Key on order placement: one order per key."""

from http import HTTPStatus

import pytest

from orders.models import Order
from orders.tests.factories import line_json

pytestmark = pytest.mark.django_db


def place(api_client, *, user_id, key, quantity=1):
    """POST a one-line order with this Idempotency-Key."""
    payload = {"user_id": user_id, "lines": [line_json(quantity=quantity)]}
    return api_client.post(
        "/api/orders/", payload, format="json", HTTP_IDEMPOTENCY_KEY=key
    )


def test_order_create_api_replays_the_first_answer_to_a_retry(api_client, users):
    user = users.add()
    first = place(api_client, user_id=user.id, key="k-1")

    again = place(api_client, user_id=user.id, key="k-1")

    assert again.status_code == HTTPStatus.CREATED
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Order.objects.count() == 1


def test_order_create_api_refuses_a_key_reused_with_another_body(api_client, users):
    user = users.add()
    place(api_client, user_id=user.id, key="k-1")

    response = place(api_client, user_id=user.id, key="k-1", quantity=2)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert Order.objects.count() == 1


def test_order_create_api_places_one_order_per_key(api_client, users):
    user = users.add()

    place(api_client, user_id=user.id, key="k-1")
    place(api_client, user_id=user.id, key="k-2")

    assert Order.objects.count() == 2
