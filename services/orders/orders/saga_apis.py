"""HTTP API of the credit saga: `/api/orders/{id}/saga/`, where a saga stands."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chassis.serializers import NOT_FOUND
from orders.models import CreditSaga, SagaOutcome
from orders.selectors import saga_get


class SagaOutputSerializer(serializers.ModelSerializer):
    """An order's credit saga: the step it is on, its state, and how it ended."""

    order_id = serializers.IntegerField(read_only=True)
    amount = serializers.DecimalField(max_digits=None, decimal_places=2, read_only=True)
    outcome = serializers.ChoiceField(
        choices=SagaOutcome.choices,
        read_only=True,
        help_text=(
            "Empty while the saga is open; settled, rejected (the try was "
            "refused) or compensated (the credit was released) once it ends."
        ),
    )
    last_error = serializers.CharField(
        read_only=True,
        help_text=(
            "The last failure or refusal the saga met: why the credit was "
            "refused, or why a try failed. It stays once a later try gets "
            "through, as a record of what the saga went through."
        ),
    )

    class Meta:
        model = CreditSaga
        fields = [
            "order_id",
            "user_id",
            "amount",
            "step",
            "state",
            "outcome",
            "attempts",
            "last_error",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class OrderSagaApi(APIView):
    """`/api/orders/{id}/saga/`: the credit saga of an order placed under a limit."""

    @extend_schema(
        operation_id="orders_saga",
        summary="Get an order's credit saga",
        description=(
            "Where the credit check of an order stands: the step (reserve, "
            "confirm, settle, release), whether it is running, done or "
            "parked for a person to look at, and how it ended. An order "
            "placed for a customer without a credit limit has none: 404. "
            "See docs/05-consistency.md."
        ),
        responses={200: SagaOutputSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, order_id: int) -> Response:
        """Return the order's saga."""
        return Response(SagaOutputSerializer(saga_get(order_id=order_id)).data)
