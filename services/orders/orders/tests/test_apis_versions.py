"""Tests of versions in the orders API: ETag, If-None-Match and If-Match."""

from http import HTTPStatus

import pytest

from orders.models import Order, OrderStatus
from orders.sync import customer_apply
from orders.tests.factories import OrderLineFactory, line_json

pytestmark = pytest.mark.django_db


def order_of_customer_at_version_1():
    """Return an order at version 1 whose customer is at version 1."""
    return OrderLineFactory().order


def test_order_get_api_tags_the_order_with_its_and_its_customers_version(api_client):
    order = order_of_customer_at_version_1()

    response = api_client.get(f"/api/orders/{order.pk}/")

    assert response["ETag"] == '"1.1"'


def test_order_get_api_answers_304_when_the_clients_copy_is_current(api_client):
    order = order_of_customer_at_version_1()

    response = api_client.get(f"/api/orders/{order.pk}/", HTTP_IF_NONE_MATCH='"1.1"')

    assert response.status_code == HTTPStatus.NOT_MODIFIED
    assert response.content == b""


def test_order_get_api_tag_changes_when_only_the_customer_does(api_client, users):
    order = order_of_customer_at_version_1()
    customer_apply(user=users.rename(user_id=order.user_id, name="Bea"))

    response = api_client.get(f"/api/orders/{order.pk}/", HTTP_IF_NONE_MATCH='"1.1"')

    assert response.status_code == HTTPStatus.OK
    assert response["ETag"] == '"1.2"'
    assert response.json()["customer"]["name"] == "Bea"


def test_order_create_api_tags_the_new_order(api_client, users):
    user = users.add()
    payload = {"user_id": user.id, "lines": [line_json()]}

    response = api_client.post("/api/orders/", payload, format="json")

    assert response["ETag"] == '"1.1"'


def test_order_action_api_with_the_current_tag_moves_the_order(api_client):
    order = order_of_customer_at_version_1()

    response = api_client.post(
        f"/api/orders/{order.pk}/confirm/", HTTP_IF_MATCH='"1.1"'
    )

    assert response.status_code == HTTPStatus.OK
    assert response["ETag"] == '"2.1"'


def test_order_action_api_says_a_weak_current_tag_never_matches(api_client):
    order = order_of_customer_at_version_1()

    response = api_client.post(
        f"/api/orders/{order.pk}/confirm/", HTTP_IF_MATCH='W/"1.1"'
    )

    assert response.status_code == HTTPStatus.PRECONDITION_FAILED
    assert response.json()["detail"] == (
        f"Order {order.pk} is at version 1, but If-Match sent its tag as weak "
        '(W/"1.1"), which never matches. Send "1.1".'
    )


@pytest.mark.parametrize("action", ["confirm", "ship", "cancel"])
def test_order_action_api_with_a_stale_tag_is_412_and_changes_nothing(
    api_client, action
):
    order = order_of_customer_at_version_1()
    Order.objects.filter(pk=order.pk).update(status=OrderStatus.CONFIRMED, version=2)
    if action == "confirm":
        Order.objects.filter(pk=order.pk).update(status=OrderStatus.PENDING)

    response = api_client.post(
        f"/api/orders/{order.pk}/{action}/", HTTP_IF_MATCH='"1.1"'
    )

    assert response.status_code == HTTPStatus.PRECONDITION_FAILED
    body = response.json()
    assert (body["version"], body["etag"]) == (2, '"2.1"')
    assert Order.objects.get(pk=order.pk).version == 2


def test_order_action_api_refuses_a_tag_made_stale_by_the_customer(api_client, users):
    order = order_of_customer_at_version_1()
    customer_apply(user=users.rename(user_id=order.user_id, name="Bea"))

    response = api_client.post(f"/api/orders/{order.pk}/cancel/", HTTP_IF_MATCH='"1.1"')

    assert response.status_code == HTTPStatus.PRECONDITION_FAILED
    assert Order.objects.get(pk=order.pk).status == OrderStatus.PENDING


def test_order_action_api_refuses_a_malformed_if_match_with_400(api_client):
    order = order_of_customer_at_version_1()

    response = api_client.post(f"/api/orders/{order.pk}/cancel/", HTTP_IF_MATCH="1.1")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert Order.objects.get(pk=order.pk).status == OrderStatus.PENDING


def test_order_action_api_without_if_match_is_unconditional(api_client):
    order = order_of_customer_at_version_1()
    Order.objects.filter(pk=order.pk).update(version=5)

    response = api_client.post(f"/api/orders/{order.pk}/cancel/")

    assert response.status_code == HTTPStatus.OK
