"""HTTP API of the orders app: validate input, call a service or selector, render."""

from collections.abc import Mapping
from decimal import Decimal

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.utils.serializer_helpers import ReturnDict
from rest_framework.views import APIView

from api.fields import (
    MoneyField,
    QueryIntegerField,
    StrictIntegerField,
    VisibleTextField,
)
from api.pagination import PageNumberPagination, paginated_response
from api.serializers import (
    CONFLICT,
    LOCATION,
    NOT_FOUND,
    PAGE_NOT_FOUND,
    StrictInputSerializer,
    validation_error,
)
from orders.models import MAX_LINES, MAX_QUANTITY, Order, OrderLine, OrderStatus
from orders.selectors import order_customers, order_get, order_list
from orders.services import (
    NewOrderLine,
    order_cancel,
    order_confirm,
    order_place,
    order_ship,
)
from shared.users.client import UserSnapshot

MAX_ID = 2**63 - 1  # the largest id a database integer column can hold


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


def order_data(order: Order) -> ReturnDict:
    """Render one order with its customer."""
    return OrderOutputSerializer(order, context=orders_context([order])).data


class OrderListCreateApi(APIView):
    """`/api/orders/`: list orders, place an order."""

    # Tells drf-spectacular that the list is paginated (see paginated_response).
    pagination_class = PageNumberPagination

    @extend_schema(
        operation_id="orders_list",
        summary="List orders",
        description="Orders in id order with their customer and lines, paginated.",
        parameters=[OrderFilterSerializer],
        responses={
            200: OrderOutputSerializer(many=True),
            400: validation_error({"status": ['"lost" is not a valid choice.']}),
            404: PAGE_NOT_FOUND,
        },
    )
    def get(self, request: Request) -> Response:
        """Return a page of orders matching the filters."""
        filters = OrderFilterSerializer(data=request.query_params.dict())
        filters.is_valid(raise_exception=True)
        return paginated_response(
            queryset=order_list(**filters.validated_data),
            serializer_class=OrderOutputSerializer,
            request=request,
            view=self,
            context=orders_context,
        )

    @extend_schema(
        operation_id="orders_create",
        summary="Place an order",
        description=(
            "Place a pending order for an active user. The server computes the "
            "total from the lines."
        ),
        request=OrderCreateInputSerializer,
        parameters=[LOCATION],
        responses={
            201: OrderOutputSerializer,
            400: validation_error({"user_id": ["User 7 is inactive."]}),
        },
    )
    def post(self, request: Request) -> Response:
        """Place an order from `{user_id, lines}`."""
        data = OrderCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        order = order_place(
            user_id=data.validated_data["user_id"],
            lines=[NewOrderLine(**line) for line in data.validated_data["lines"]],
        )
        location = reverse(
            "orders:detail", kwargs={"order_id": order.pk}, request=request
        )
        return Response(
            order_data(order),
            status=status.HTTP_201_CREATED,
            headers={"Location": location},
        )


class OrderRetrieveApi(APIView):
    """`/api/orders/{id}/`: read one order."""

    @extend_schema(
        operation_id="orders_retrieve",
        summary="Get an order",
        description="One order with its customer's current name and email.",
        responses={200: OrderOutputSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, order_id: int) -> Response:
        """Return one order."""
        return Response(order_data(order_get(order_id=order_id)))


TRANSITION_RESPONSES = {200: OrderOutputSerializer, 404: NOT_FOUND, 409: CONFLICT}


class OrderConfirmApi(APIView):
    """`/api/orders/{id}/confirm/`: pending -> confirmed."""

    @extend_schema(
        operation_id="orders_confirm",
        summary="Confirm an order",
        description="Move a pending order to confirmed; any other status is a 409.",
        request=None,
        responses=TRANSITION_RESPONSES,
    )
    def post(self, request: Request, order_id: int) -> Response:
        """Confirm the order."""
        return Response(order_data(order_confirm(order_id=order_id)))


class OrderShipApi(APIView):
    """`/api/orders/{id}/ship/`: confirmed -> shipped."""

    @extend_schema(
        operation_id="orders_ship",
        summary="Ship an order",
        description="Move a confirmed order to shipped; any other status is a 409.",
        request=None,
        responses=TRANSITION_RESPONSES,
    )
    def post(self, request: Request, order_id: int) -> Response:
        """Ship the order."""
        return Response(order_data(order_ship(order_id=order_id)))


class OrderCancelApi(APIView):
    """`/api/orders/{id}/cancel/`: pending or confirmed -> cancelled."""

    @extend_schema(
        operation_id="orders_cancel",
        summary="Cancel an order",
        description="Cancel a pending or confirmed order; any other status is a 409.",
        request=None,
        responses=TRANSITION_RESPONSES,
    )
    def post(self, request: Request, order_id: int) -> Response:
        """Cancel the order."""
        return Response(order_data(order_cancel(order_id=order_id)))
