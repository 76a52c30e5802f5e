"""Tests of the credit saga in the orders API: new statuses and the saga's page."""

from decimal import Decimal
from http import HTTPStatus

import pytest

from orders.saga import saga_run
from orders.tests.factories import line_json

pytestmark = pytest.mark.django_db


@pytest.fixture
def limited(users, credit):
    """Return a customer with a credit limit of 100.00, known to both fakes."""
    user = users.add(credit_limit=Decimal("100.00"))
    credit.limits[user.id] = Decimal("100.00")
    return user


def place(api_client, user):
    """Place a 19.98 order through the API; return its body."""
    payload = {"user_id": user.id, "lines": [line_json()]}
    return api_client.post("/api/orders/", payload, format="json").json()


def test_an_order_under_a_limit_is_placed_awaiting_credit(api_client, limited):
    assert place(api_client, limited)["status"] == "awaiting_credit"


def test_the_saga_of_an_order_shows_its_step_and_outcome(api_client, limited, credit):
    order = place(api_client, limited)
    saga_run(order_id=order["id"], credit=credit)

    body = api_client.get(f"/api/orders/{order['id']}/saga/").json()

    assert body["order_id"] == order["id"]
    assert (body["step"], body["state"], body["outcome"]) == ("reserve", "done", "")
    assert body["amount"] == "19.98"


def test_an_order_without_a_saga_answers_404_saying_why(api_client, users):
    order = place(api_client, users.add())

    response = api_client.get(f"/api/orders/{order['id']}/saga/")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "no credit limit" in response.json()["detail"]


@pytest.mark.parametrize("order_id", [999, 10**30], ids=["unknown", "huge"])
def test_the_saga_of_an_unknown_order_is_404(api_client, order_id):
    response = api_client.get(f"/api/orders/{order_id}/saga/")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert f"Order {order_id} does not exist" in response.json()["detail"]


def test_orders_awaiting_credit_can_be_listed_by_status(api_client, limited):
    place(api_client, limited)

    listed = api_client.get("/api/orders/", {"status": "awaiting_credit"}).json()

    assert listed["count"] == 1


def test_an_order_awaiting_credit_cannot_be_confirmed_yet(api_client, limited):
    order = place(api_client, limited)

    response = api_client.post(f"/api/orders/{order['id']}/confirm/")

    assert response.status_code == HTTPStatus.CONFLICT
    assert "awaiting_credit" in response.json()["detail"]
