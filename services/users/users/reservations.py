"""The credit reservations, as the orders saga reaches them: internal, not public.

`PUT /internal/credit/reservations/<key>/` holds credit (the try);
`POST /internal/credit/reservations/<key>/<step>/` confirms, settles or
releases it. Like the changes feed, they need the shared secret, the edge
does not forward /internal/, and the public schema leaves them out. Every
answer is the reservation as it stands. See docs/05-consistency.md, "The saga".
"""

from decimal import Decimal

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chassis.auth import SharedSecretAuthentication
from chassis.fields import MAX_ID, StrictIntegerField
from chassis.serializers import StrictInputSerializer
from users.credit import CreditStep, credit_advance, credit_reserve
from users.models import MAX_AMOUNT_DIGITS, CreditReservation

# What a key may hold: the saga names its reservations "order-<id>".
RESERVATION_KEY = r"[A-Za-z0-9._:-]{1,100}"


class ReservationInputSerializer(StrictInputSerializer):
    """What to hold: whose credit, and how much."""

    user_id = StrictIntegerField(min_value=1, max_value=MAX_ID)
    amount = serializers.DecimalField(
        max_digits=MAX_AMOUNT_DIGITS, decimal_places=2, min_value=Decimal("0")
    )


class ReservationOutputSerializer(serializers.ModelSerializer):
    """A reservation as the saga reads it."""

    user_id = serializers.IntegerField(allow_null=True, read_only=True)

    class Meta:
        model = CreditReservation
        fields = ["key", "user_id", "amount", "state", "reason"]
        read_only_fields = fields


class InternalApi(APIView):
    """An endpoint for other services only: the shared secret, JSON, no schema."""

    authentication_classes = [SharedSecretAuthentication]
    permission_classes = [IsAuthenticated]
    renderer_classes = [JSONRenderer]


class ReservationApi(InternalApi):
    """`/internal/credit/reservations/<key>/`: hold credit under a key (the try)."""

    @extend_schema(exclude=True)
    def put(self, request: Request, key: str) -> Response:
        """Hold the amount, or record why not; the same answer every time."""
        data = ReservationInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        reservation = credit_reserve(key=key, **data.validated_data)
        return Response(ReservationOutputSerializer(reservation).data)


class ReservationStepApi(InternalApi):
    """`/internal/credit/reservations/<key>/<step>/`: confirm, settle or release."""

    @extend_schema(exclude=True)
    def post(self, request: Request, key: str, step: CreditStep) -> Response:
        """Move the reservation on; a step already done changes nothing."""
        reservation = credit_advance(key=key, step=step)
        return Response(ReservationOutputSerializer(reservation).data)
