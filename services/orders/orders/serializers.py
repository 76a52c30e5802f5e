"""Serializers of the orders API: the input it takes and the orders it renders."""

from collections.abc import Mapping
from decimal import Decimal

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.utils.serializer_helpers import ReturnDict

from chassis.fields import (
    MAX_ID,
    MoneyField,
    QueryIntegerField,
    StrictIntegerField,
    VisibleTextField,
)
from chassis.serializers import StrictInputSerializer
from orders.models import MAX_LINES, MAX_QUANTITY, Order, OrderLine, OrderStatus
from orders.selectors import order_customers
from shared.users.client import UserSnapshot


class OrderLineInputSerializer(StrictInputSerializer):
    """One line of a new order."""

    sku = VisibleTextField(max_length=64)
    name = VisibleTextField(max_length=200)
    quantity = StrictIntegerField(min_value=1, max_value=MAX_QUANTITY)
    unit_price = MoneyField(max_digits=10, decimal_places=2, min_value=Decimal("0"))


class OrderCreateInputSerializer(StrictInputSerializer):
    """The body of a new order; the server computes the total."""

    user_id = StrictIntegerField(min_value=1, max_value=MAX_ID)
    lines = serializers.ListField(
        child=OrderLineInputSerializer(),
        allow_empty=False,
        min_length=1,
        max_length=MAX_LINES,
        help_text=f"From 1 to {MAX_LINES} lines.",
    )


class OrderFilterSerializer(serializers.Serializer):
    """Query parameters of the order list."""

    user_id = QueryIntegerField(required=False, min_value=1, max_value=MAX_ID)
    status = serializers.ChoiceField(choices=OrderStatus.choices, required=False)


class CustomerOutputSerializer(serializers.Serializer):
    """The ordering user as they are now, embedded in each order."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    email = serializers.EmailField()


class OrderLineOutputSerializer(serializers.ModelSerializer):
    """One line of an order as the public API shows it."""

    class Meta:
        model = OrderLine
        fields = ["sku", "name", "quantity", "unit_price"]
        read_only_fields = fields


class OrderOutputSerializer(serializers.ModelSerializer):
    """An order as the public API shows it."""

    # The docstring above is the schema's description; this is for readers:
    # the customer comes from context["customers"], looked up for a whole page
    # at once (orders_context), not from a join. Orders holds only user_id.
    user_id = serializers.IntegerField(read_only=True)
    customer = serializers.SerializerMethodField()
    lines = OrderLineOutputSerializer(many=True, read_only=True)
    total = serializers.DecimalField(max_digits=None, decimal_places=2, read_only=True)

    class Meta:
        model = Order
        fields = [
            "id",
            "user_id",
            "customer",
            "status",
            "lines",
            "total",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(CustomerOutputSerializer)
    def get_customer(self, order: Order) -> ReturnDict:
        """Render the order's customer as the UsersClient reported them."""
        customers: Mapping[int, UserSnapshot] = self.context["customers"]
        return CustomerOutputSerializer(customers[order.user_id]).data


def orders_context(orders: list[Order]) -> dict[str, object]:
    """Return the serializer context for these orders: their customers, fetched once."""
    return {"customers": order_customers(orders=orders)}


def order_data(order: Order, *, customer: UserSnapshot | None = None) -> ReturnDict:
    """Render one order with its customer, asking the UsersClient unless given."""
    context = (
        orders_context([order])
        if customer is None
        else {"customers": {order.user_id: customer}}
    )
    return OrderOutputSerializer(order, context=context).data
