"""URLs of the orders API, mounted at /api/orders/."""

from django.urls import path

from orders.apis import (
    OrderCancelApi,
    OrderConfirmApi,
    OrderListCreateApi,
    OrderRetrieveApi,
    OrderShipApi,
)
from orders.saga_apis import OrderSagaApi

app_name = "orders"

urlpatterns = [
    path("", OrderListCreateApi.as_view(), name="list"),
    path("<int:order_id>/", OrderRetrieveApi.as_view(), name="detail"),
    path("<int:order_id>/confirm/", OrderConfirmApi.as_view(), name="confirm"),
    path("<int:order_id>/ship/", OrderShipApi.as_view(), name="ship"),
    path("<int:order_id>/cancel/", OrderCancelApi.as_view(), name="cancel"),
    path("<int:order_id>/saga/", OrderSagaApi.as_view(), name="saga"),
]
