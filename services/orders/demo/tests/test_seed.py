"""Tests of the orders service's demo data: finding the customers, placing orders."""

from io import StringIO

import httpx
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from demo.seed import customer_ids, seed_orders
from orders.models import Order, OrderLine, OrderStatus
from shared.users.client import UsersServiceUnavailable

pytestmark = pytest.mark.django_db


def listing(request):
    """Answer the users list as the users service would, for two known emails."""
    known = {"ada@example.com": 4, "grace@example.com": 9}
    email = request.url.params["email"]
    results = [{"id": known[email]}] if email in known else []
    return httpx.Response(200, json={"count": len(results), "results": results})


def test_customer_ids_finds_each_customer_the_users_service_knows():
    found = customer_ids(
        base_url="http://users.test",
        emails=["ada@example.com", "grace@example.com", "nobody@example.com"],
        timeout=1.0,
        transport=httpx.MockTransport(listing),
    )

    assert found == {"ada@example.com": 4, "grace@example.com": 9}


@pytest.mark.parametrize(
    "answer",
    [
        httpx.Response(503, json={"detail": "down"}),
        httpx.Response(200, json=["not", "a", "page"]),
        httpx.Response(200, json={"results": [{"name": "no id"}]}),
    ],
    ids=["503", "list", "no-id"],
)
def test_customer_ids_refuses_an_answer_that_is_not_a_users_list(answer):
    with pytest.raises(UsersServiceUnavailable):
        customer_ids(
            base_url="http://users.test",
            emails=["ada@example.com"],
            timeout=1.0,
            transport=httpx.MockTransport(lambda request: answer),
        )


def test_seed_orders_gives_a_customer_a_shipped_and_a_pending_order(users):
    user_id = users.add().id

    seed_orders(user_id=user_id)

    statuses = sorted(Order.objects.filter(user_id=user_id).values_list("status"))
    assert statuses == [(OrderStatus.PENDING,), (OrderStatus.SHIPPED,)]
    assert OrderLine.objects.count() == 3


def test_seed_orders_leaves_a_customer_with_orders_alone(users):
    user_id = users.add().id
    seed_orders(user_id=user_id)

    seeded_again = seed_orders(user_id=user_id)

    assert seeded_again is False
    assert Order.objects.count() == 2


def test_seed_demo_without_the_users_service_seeds_the_admin_and_says_why(settings):
    settings.DEBUG = True
    settings.USERS_SERVICE_URL = "http://127.0.0.1:9"  # the discard port: refused
    errors = StringIO()

    call_command("seed_demo", stderr=errors)

    assert get_user_model().objects.filter(username="admin").exists()
    assert "No demo orders: The users service is unavailable" in errors.getvalue()
    assert Order.objects.count() == 0


def test_seed_demo_with_an_inactive_customer_says_so_and_places_nothing(
    settings, users, monkeypatch
):
    settings.DEBUG = True
    inactive = users.add(email="ada@example.com", is_active=False)
    found = {"ada@example.com": inactive.id}
    monkeypatch.setattr(
        "demo.management.commands.seed_demo.customer_ids", lambda **kwargs: found
    )
    errors = StringIO()

    call_command("seed_demo", stderr=errors)

    assert (
        f"No demo orders for ada@example.com: User {inactive.id}" in errors.getvalue()
    )
    assert Order.objects.count() == 0
