"""Tests of the orders admin: staff can browse orders but never change them."""

from http import HTTPStatus

import pytest

from orders.models import Order
from orders.tests.factories import OrderLineFactory

pytestmark = pytest.mark.django_db


def test_admin_cannot_delete_an_order(staff):
    order = OrderLineFactory().order

    response = staff.post(f"/admin/orders/order/{order.pk}/delete/", {"post": "yes"})

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert Order.objects.filter(pk=order.pk).exists()


def test_admin_bulk_delete_action_is_not_offered(staff):
    order = OrderLineFactory().order
    form = {"action": "delete_selected", "_selected_action": [order.pk], "post": "yes"}

    staff.post("/admin/orders/order/", form)

    assert Order.objects.filter(pk=order.pk).exists()


def test_admin_save_of_an_order_is_refused(staff):
    order = OrderLineFactory().order

    response = staff.post(
        f"/admin/orders/order/{order.pk}/change/", {"status": "shipped"}
    )

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert Order.objects.get(pk=order.pk).status == "pending"


def test_admin_cannot_add_an_order(staff):
    response = staff.get("/admin/orders/order/add/")

    assert response.status_code == HTTPStatus.FORBIDDEN
