"""Serializers of the users API: the input it takes and the users it renders."""

from decimal import Decimal

from rest_framework import serializers

from chassis.fields import (
    MoneyField,
    QueryBooleanField,
    QueryIdListField,
    QueryTextField,
    StrictEmailField,
    VisibleTextField,
)
from chassis.pagination import MAX_PAGE_SIZE
from chassis.serializers import StrictInputSerializer
from users.models import MAX_CREDIT_DIGITS, User, validate_email_local_part


def credit_limit_field(*, required: bool) -> MoneyField:
    """The credit limit a client may set: an amount, or null for none."""
    return MoneyField(
        max_digits=MAX_CREDIT_DIGITS,
        decimal_places=2,
        min_value=Decimal("0"),
        allow_null=True,
        required=required,
        help_text=(
            "The most this user's approved, unshipped orders may total, or null "
            "for no limit (the default: orders are placed without a credit "
            "check). It governs the orders placed while it is set, and may not "
            "go below what the user's reservations hold."
        ),
    )


class UserOutputSerializer(serializers.ModelSerializer):
    """A user as the public API shows it."""

    class Meta:
        model = User
        fields = [
            "id",
            "name",
            "email",
            "is_active",
            "credit_limit",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class UserCreateInputSerializer(StrictInputSerializer):
    """The body of a new user."""

    name = VisibleTextField(max_length=200)
    email = StrictEmailField(max_length=254, validators=[validate_email_local_part])
    credit_limit = credit_limit_field(required=False)


class UserUpdateInputSerializer(StrictInputSerializer):
    """The fields of a user that a PATCH may change."""

    name = VisibleTextField(max_length=200, required=False)
    email = StrictEmailField(
        max_length=254, required=False, validators=[validate_email_local_part]
    )
    credit_limit = credit_limit_field(required=False)


class UserFilterSerializer(serializers.Serializer):
    """Query parameters of the user list."""

    ids = QueryIdListField(
        max_length=MAX_PAGE_SIZE,
        help_text=(
            f"Only these users: up to {MAX_PAGE_SIZE} ids, as ids=1&ids=7. "
            "Ids that name no user are left out."
        ),
    )
    email = QueryTextField(help_text="Exact match, any case.")
    is_active = QueryBooleanField(required=False)


class CreditOutputSerializer(serializers.Serializer):
    """A user's credit: the limit, what reservations hold, and what is left."""

    user_id = serializers.IntegerField()
    credit_limit = serializers.DecimalField(
        max_digits=None, decimal_places=2, allow_null=True
    )
    reserved = serializers.DecimalField(max_digits=None, decimal_places=2)
    available = serializers.DecimalField(
        max_digits=None, decimal_places=2, allow_null=True
    )
