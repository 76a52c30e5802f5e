"""factory_boy factories for the orders app's models."""

from decimal import Decimal

import factory

from orders.clients import lookup_client
from orders.models import Order, OrderLine
from orders.sync import customer_apply
from shared.events import Change, UserChanged
from shared.users.client import UserSnapshot
from shared.users.fake import FakeUsersClient


def new_customer_id() -> int:
    """Add a user to the fake users service, and to the replica as their event would."""
    users = lookup_client()
    assert isinstance(users, FakeUsersClient), "orders tests use FakeUsersClient"
    user = users.add()
    customer_apply(user=user)
    return user.id


class OrderFactory(factory.django.DjangoModelFactory):
    """A pending order at version 1, for a new customer, with no lines yet."""

    class Meta:
        model = Order

    user_id = factory.LazyFunction(new_customer_id)


class OrderLineFactory(factory.django.DjangoModelFactory):
    """One book at 10.00, on a new order unless one is given."""

    class Meta:
        model = OrderLine

    order = factory.SubFactory(OrderFactory)
    sku = factory.Sequence(lambda n: f"SKU-{n}")
    name = "A book"
    quantity = 1
    unit_price = Decimal("10.00")


def line_json(**changes: object) -> dict[str, object]:
    """Return a valid order line as the API takes it, with the given fields replaced."""
    valid: dict[str, object] = {
        "sku": "MUG-1",
        "name": "Mug",
        "quantity": 2,
        "unit_price": "9.99",
    }
    return valid | changes


def user_changed(user: UserSnapshot, *, sequence: int = 1) -> UserChanged:
    """Return the event users sends for this state of a user, at `sequence`."""
    change: Change
    if not user.is_active:
        change = "deactivated"
    else:
        change = "created" if user.version == 1 else "updated"
    return UserChanged(
        change=change,
        user_id=user.id,
        user_version=user.version,
        name=user.name,
        email=user.email,
        is_active=user.is_active,
        sequence=sequence,
    )
