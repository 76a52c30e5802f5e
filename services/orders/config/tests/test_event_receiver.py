"""The orders service's wiring of the chassis' event receiver at /internal/events/.

What the receiver takes and refuses is tested in chassis/tests/test_webhooks.py;
these tests show it mounted here: on the bus orders subscribes to, behind
this service's secret, its failures rendered by its exception handler.
"""

from collections.abc import Iterator
from decimal import Decimal
from http import HTTPStatus

import pytest
from django.conf import settings

from orders.models import Order, OrderStatus
from orders.services import NewOrderLine, order_place
from shared.events import Event, EventBus, UserDeactivated, event_to_json

pytestmark = pytest.mark.django_db

URL = "/internal/events/"
MUG = NewOrderLine(sku="MUG-1", name="Mug", quantity=1, unit_price=Decimal("9.99"))

# A bus of the tests' own, for EVENT_BUS to name instead of the service's.
other_bus = EventBus()


def post_event(api_client, body, *, secret=None):
    """POST a body to the endpoint with the given secret (the right one by default)."""
    token = settings.EVENTS_SECRET if secret is None else secret
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return api_client.post(URL, body, format="json", **headers)


@pytest.fixture
def pending_order(users):
    """Return a pending order of a new, active user."""
    return order_place(user_id=users.add().id, lines=[MUG]).order


def test_a_user_deactivated_event_cancels_the_users_pending_orders(
    api_client, pending_order
):
    event = UserDeactivated(user_id=pending_order.user_id, user_version=2)

    response = post_event(api_client, event_to_json(event))

    assert response.status_code == HTTPStatus.NO_CONTENT
    assert Order.objects.get(pk=pending_order.pk).status == OrderStatus.CANCELLED


def test_a_second_delivery_of_the_same_event_changes_no_order(
    api_client, pending_order
):
    body = event_to_json(UserDeactivated(user_id=pending_order.user_id, user_version=2))
    post_event(api_client, body)
    after_first = Order.objects.get(pk=pending_order.pk)

    response = post_event(api_client, body)

    assert response.status_code == HTTPStatus.NO_CONTENT
    after_second = Order.objects.get(pk=pending_order.pk)
    assert (after_second.version, after_second.updated_at) == (
        after_first.version,
        after_first.updated_at,
    )


def test_an_event_without_the_services_secret_is_refused_with_401(
    api_client, pending_order
):
    event = UserDeactivated(user_id=pending_order.user_id, user_version=2)

    response = post_event(api_client, event_to_json(event), secret="wrong")

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert Order.objects.get(pk=pending_order.pk).status == OrderStatus.PENDING


def refuse(event: Event) -> None:
    """Fail as a broken handler would."""
    raise RuntimeError("orders is broken")


@pytest.fixture
def failing_handler(settings) -> Iterator[None]:
    """Point EVENT_BUS at `other_bus`, with a handler there that always fails."""
    settings.EVENT_BUS = "config.tests.test_event_receiver.other_bus"
    unsubscribe = other_bus.subscribe(UserDeactivated, refuse)
    yield
    unsubscribe()


def test_an_event_a_handler_fails_on_is_answered_500_for_the_sender_to_retry(
    api_client, failing_handler
):
    event = UserDeactivated(user_id=7, user_version=2)

    response = post_event(api_client, event_to_json(event))

    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    assert response.json() == {
        "detail": f"A subscriber could not handle UserDeactivated {event.event_id}; "
        "send it again. The server log names the failure."
    }


def test_the_log_names_the_handler_that_failed(api_client, failing_handler, caplog):
    event = UserDeactivated(user_id=7, user_version=2)

    post_event(api_client, event_to_json(event))

    assert "refuse raised RuntimeError: orders is broken" in caplog.text


def test_the_endpoint_is_not_in_the_public_schema(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()

    assert not [path for path in schema["paths"] if path.startswith("/internal")]


@pytest.mark.parametrize(
    ("method", "path"),
    [("post", "/internal/events"), ("get", "/internal/"), ("post", "/internal/x/")],
)
def test_other_internal_paths_are_a_json_404_even_in_debug(
    api_client, settings, method, path
):
    # In DEBUG, Django's APPEND_SLASH raises on a POST without the slash.
    settings.DEBUG = True

    response = getattr(api_client, method)(path)

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response["Content-Type"] == "application/json"
