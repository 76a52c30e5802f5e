"""Tests of the orders HTTP API: status codes, bodies and query counts."""

from http import HTTPStatus

import pytest

from orders.models import OrderStatus
from orders.sync import customer_apply
from orders.tests.factories import OrderFactory, OrderLineFactory, line_json

pytestmark = pytest.mark.django_db

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
HUGE_ID = 10**30


def test_order_create_api_returns_201_with_customer_and_total(api_client, users):
    user = users.add(name="Ann", email="ann@example.com")
    lines = [line_json(), line_json(quantity=1, unit_price="42.50")]

    response = api_client.post(
        "/api/orders/", {"user_id": user.id, "lines": lines}, format="json"
    )

    assert response.status_code == HTTPStatus.CREATED
    body = response.json()
    assert set(body) == ORDER_FIELDS
    customer = {"id": user.id, "name": "Ann", "email": "ann@example.com"}
    assert body["customer"] == customer
    assert (body["user_id"], body["status"], body["version"]) == (user.id, "pending", 1)
    assert body["total"] == "62.48"


def test_order_create_api_renders_prices_as_strings_with_two_places(api_client, users):
    user = users.add()
    payload = {"user_id": user.id, "lines": [line_json(unit_price="5")]}

    response = api_client.post("/api/orders/", payload, format="json")

    assert response.json()["lines"] == [
        {"sku": "MUG-1", "name": "Mug", "quantity": 2, "unit_price": "5.00"}
    ]
    assert response.json()["total"] == "10.00"


def test_order_create_api_rejects_unknown_user_naming_user_id(api_client):
    response = api_client.post(
        "/api/orders/", {"user_id": 404, "lines": [line_json()]}, format="json"
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json() == {"user_id": ["User 404 does not exist."]}


def test_order_create_api_rejects_inactive_user_naming_user_id(api_client, users):
    user = users.add(is_active=False)

    response = api_client.post(
        "/api/orders/", {"user_id": user.id, "lines": [line_json()]}, format="json"
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json() == {"user_id": [f"User {user.id} is inactive."]}


def test_order_create_api_rejects_an_order_without_lines(api_client, users):
    user = users.add()

    response = api_client.post(
        "/api/orders/", {"user_id": user.id, "lines": []}, format="json"
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()) == ["lines"]


@pytest.mark.parametrize(
    ("bad_line", "field"),
    [
        (line_json(quantity=0), "quantity"),
        (line_json(quantity=1.5), "quantity"),
        (line_json(unit_price="-0.01"), "unit_price"),
        (line_json(unit_price="1.005"), "unit_price"),
        (line_json(sku=""), "sku"),
        (line_json(colour="red"), "colour"),
    ],
    ids=["zero", "fraction", "negative", "three-places", "blank-sku", "unknown"],
)
def test_order_create_api_names_the_bad_field_of_a_line(
    api_client, bad_line, field, users
):
    user = users.add()
    payload = {"user_id": user.id, "lines": [line_json(), bad_line]}

    response = api_client.post("/api/orders/", payload, format="json")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    errors = response.json()["lines"]
    assert {index: list(fields) for index, fields in errors.items()} == {"1": [field]}


def test_order_create_api_rejects_a_total_sent_by_the_client(api_client, users):
    user = users.add()
    payload = {"user_id": user.id, "lines": [line_json()], "total": "0.01"}

    response = api_client.post("/api/orders/", payload, format="json")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()) == ["total"]


def test_order_create_api_rejects_a_huge_user_id(api_client):
    payload = {"user_id": HUGE_ID, "lines": [line_json()]}

    response = api_client.post("/api/orders/", payload, format="json")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()) == ["user_id"]


def test_order_create_api_rejects_malformed_json(api_client):
    response = api_client.post(
        "/api/orders/", b'{"user_id": 1,', content_type="application/json"
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "detail" in response.json()


def test_order_create_api_rejects_a_json_list(api_client):
    response = api_client.post("/api/orders/", [{"user_id": 1}], format="json")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()) == ["non_field_errors"]


@pytest.mark.parametrize("order_count", [1, 4, 20])
def test_order_list_api_costs_the_same_however_many_orders(
    api_client, django_assert_num_queries, users, order_count
):
    for order in OrderFactory.create_batch(order_count):
        OrderLineFactory.create_batch(3, order=order)
    users.lookups.clear()

    # Count, orders, their lines and their customers, from the replica: the
    # users service is not asked.
    with django_assert_num_queries(4):
        response = api_client.get("/api/orders/")

    assert users.lookups == []
    assert response.status_code == HTTPStatus.OK
    totals = [order["total"] for order in response.json()["results"]]
    assert totals == ["30.00"] * order_count


def test_order_list_api_filters_by_user_id(api_client):
    order = OrderFactory()
    OrderFactory()

    response = api_client.get("/api/orders/", {"user_id": order.user_id})

    assert [found["id"] for found in response.json()["results"]] == [order.pk]


def test_order_list_api_filters_by_status(api_client):
    OrderFactory()
    shipped = OrderFactory(status=OrderStatus.SHIPPED)

    response = api_client.get("/api/orders/", {"status": "shipped"})

    assert [found["id"] for found in response.json()["results"]] == [shipped.pk]


@pytest.mark.parametrize(
    ("params", "field"),
    [({"status": "lost"}, "status"), ({"user_id": HUGE_ID}, "user_id")],
    ids=["unknown-status", "huge-user-id"],
)
def test_order_list_api_rejects_an_invalid_filter(api_client, params, field):
    response = api_client.get("/api/orders/", params)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()) == [field]


def test_order_retrieve_api_shows_the_customer_as_the_replica_knows_them(
    api_client, users
):
    order = OrderFactory()
    customer_apply(user=users.rename(user_id=order.user_id, name="Annie"))

    response = api_client.get(f"/api/orders/{order.pk}/")

    assert response.status_code == HTTPStatus.OK
    assert response.json()["customer"]["name"] == "Annie"


@pytest.mark.parametrize("order_id", [404, HUGE_ID], ids=["unknown", "huge"])
def test_order_retrieve_api_returns_404_json_for_unknown_id(api_client, order_id):
    response = api_client.get(f"/api/orders/{order_id}/")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.json() == {"detail": f"Order {order_id} does not exist."}


@pytest.mark.parametrize(
    ("action", "status", "new_status"),
    [
        ("confirm", "pending", "confirmed"),
        ("ship", "confirmed", "shipped"),
        ("cancel", "confirmed", "cancelled"),
    ],
)
def test_order_transition_api_returns_200_with_the_moved_order(
    api_client, action, status, new_status
):
    order = OrderFactory(status=status)

    response = api_client.post(f"/api/orders/{order.pk}/{action}/")

    assert response.status_code == HTTPStatus.OK
    assert (response.json()["status"], response.json()["version"]) == (new_status, 2)


def test_order_transition_api_returns_409_when_not_allowed(api_client):
    order = OrderFactory(status=OrderStatus.SHIPPED)

    response = api_client.post(f"/api/orders/{order.pk}/cancel/")

    assert response.status_code == HTTPStatus.CONFLICT
    assert response.json() == {
        "detail": f"Cannot cancel order {order.pk}: it is shipped."
    }


@pytest.mark.parametrize("order_id", [404, HUGE_ID], ids=["unknown", "huge"])
@pytest.mark.parametrize("action", ["confirm", "ship", "cancel"])
def test_order_transition_api_returns_404_for_unknown_id(api_client, action, order_id):
    response = api_client.post(f"/api/orders/{order_id}/{action}/")

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_order_list_api_answers_500_in_json_naming_a_missing_customer(api_client):
    OrderFactory(user_id=999)

    response = api_client.get("/api/orders/")

    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    assert response.json() == {"detail": "Orders name users that do not exist: 999."}
