"""HTTP API of the orders app: validate input, call a service or selector, render."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from chassis.conditional import if_match, not_modified, tagged
from chassis.idempotency.api import (
    IDEMPOTENCY_KEY,
    IDEMPOTENCY_RESPONSES,
    REPLAYED_HEADER,
    idempotent,
)
from chassis.pagination import PageNumberPagination, paginated_response
from chassis.serializers import (
    BAD_CONDITION,
    CONFLICT,
    IF_MATCH,
    IF_NONE_MATCH,
    LOCATION,
    NOT_FOUND,
    NOT_MODIFIED,
    PAGE_NOT_FOUND,
    PRECONDITION_FAILED,
    ErrorDetailSerializer,
    etag_header,
    validation_error,
)
from chassis.views import ActionApi
from orders.lines import NewOrderLine
from orders.selectors import order_customers, order_get, order_list
from orders.serializers import (
    OrderCreateInputSerializer,
    OrderFilterSerializer,
    OrderOutputSerializer,
    order_data,
    orders_context,
)
from orders.services import (
    OrderAndCustomer,
    order_cancel,
    order_confirm,
    order_etag,
    order_place,
    order_ship,
)


def order_response(
    result: OrderAndCustomer, *, status_code: int = status.HTTP_200_OK
) -> Response:
    """Render one order with its customer, and the ETag the two versions give it."""
    order, customer = result
    response = Response(order_data(order, customer=customer), status=status_code)
    return tagged(response, order_etag(order=order, customer_version=customer.version))


def order_placed_response(placed: OrderAndCustomer, *, request: Request) -> Response:
    """Render a new order: 201, its Location and its ETag."""
    response = order_response(placed, status_code=status.HTTP_201_CREATED)
    response["Location"] = reverse(
        "orders:detail", kwargs={"order_id": placed.order.pk}, request=request
    )
    return response


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
            "Place an order for an active user: pending, or, for a user with a "
            "credit limit, awaiting_credit until the users service has reserved "
            "its total (then pending) or refused it (rejected); see the order's "
            "saga. The server computes the total from the lines. With an "
            "Idempotency-Key, a retry gets the first answer again and no second "
            "order is placed."
        ),
        request=OrderCreateInputSerializer,
        parameters=[IDEMPOTENCY_KEY, LOCATION, etag_header(201), REPLAYED_HEADER],
        responses={
            201: OrderOutputSerializer,
            400: validation_error({"user_id": ["User 7 is inactive."]}),
            **IDEMPOTENCY_RESPONSES,
        },
    )
    def post(self, request: Request) -> Response:
        """Place an order from `{user_id, lines}`, once per Idempotency-Key."""
        data = OrderCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        lines = [NewOrderLine(**line) for line in data.validated_data["lines"]]
        return idempotent(
            request,
            write=lambda record: order_place(
                user_id=data.validated_data["user_id"], lines=lines, record=record
            ),
            respond=lambda placed: order_placed_response(placed, request=request),
        )


class OrderRetrieveApi(APIView):
    """`/api/orders/{id}/`: read one order."""

    @extend_schema(
        operation_id="orders_retrieve",
        summary="Get an order",
        description=(
            "One order with its customer's current name and email. Its ETag "
            "names the order's version and the customer's: \"3.7\"."
        ),
        parameters=[IF_NONE_MATCH, etag_header(200, 304)],
        responses={
            200: OrderOutputSerializer,
            304: NOT_MODIFIED,
            400: BAD_CONDITION,
            404: NOT_FOUND,
        },
    )
    def get(self, request: Request, order_id: int) -> Response:
        """Return one order, or 304 if the client's copy is current."""
        order = order_get(order_id=order_id)
        customer = order_customers(orders=[order])[order.user_id]
        etag = order_etag(order=order, customer_version=customer.version)
        unchanged = not_modified(request, etag=etag)
        return unchanged or order_response(OrderAndCustomer(order, customer))


TRANSITION_RESPONSES = {
    200: OrderOutputSerializer,
    400: BAD_CONDITION,
    404: NOT_FOUND,
    409: CONFLICT,
    412: PRECONDITION_FAILED,
}
# Every action takes If-Match, and answers with the order's new ETag.
TRANSITION_PARAMETERS = [IF_MATCH, etag_header(200)]
# Confirming and shipping are also refused once the customer is inactive.
FORWARD_RESPONSES = {
    **TRANSITION_RESPONSES,
    409: OpenApiResponse(
        ErrorDetailSerializer,
        description=(
            "The transition is not allowed from the order's current status, "
            "or the order's customer is inactive."
        ),
    ),
}


class OrderConfirmApi(ActionApi):
    """`/api/orders/{id}/confirm/`: pending -> confirmed."""

    @extend_schema(
        operation_id="orders_confirm",
        summary="Confirm an order",
        description=(
            "Move a pending order to confirmed; any other status, or an "
            "inactive customer, is a 409."
        ),
        request=None,
        parameters=TRANSITION_PARAMETERS,
        responses=FORWARD_RESPONSES,
    )
    def post(self, request: Request, order_id: int) -> Response:
        """Confirm the order."""
        return order_response(
            order_confirm(order_id=order_id, if_match=if_match(request))
        )


class OrderShipApi(ActionApi):
    """`/api/orders/{id}/ship/`: confirmed -> shipped."""

    @extend_schema(
        operation_id="orders_ship",
        summary="Ship an order",
        description=(
            "Move a confirmed order to shipped; any other status, or an "
            "inactive customer, is a 409."
        ),
        request=None,
        parameters=TRANSITION_PARAMETERS,
        responses=FORWARD_RESPONSES,
    )
    def post(self, request: Request, order_id: int) -> Response:
        """Ship the order."""
        return order_response(order_ship(order_id=order_id, if_match=if_match(request)))


class OrderCancelApi(ActionApi):
    """`/api/orders/{id}/cancel/`: pending or confirmed -> cancelled."""

    @extend_schema(
        operation_id="orders_cancel",
        summary="Cancel an order",
        description=(
            "Cancel an order awaiting credit, pending or confirmed, releasing "
            "any credit it holds; any other status is a 409."
        ),
        request=None,
        parameters=TRANSITION_PARAMETERS,
        responses=TRANSITION_RESPONSES,
    )
    def post(self, request: Request, order_id: int) -> Response:
        """Cancel the order."""
        return order_response(
            order_cancel(order_id=order_id, if_match=if_match(request))
        )
