"""The users app's model: a shop customer (not Django's auth user, see the docs)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Lower

from chassis.validators import validate_visible_text

# A credit limit is an amount as the API takes money: up to 99,999,999.99.
MAX_CREDIT_DIGITS = 10
# A reservation holds an order's total: up to 100 lines of 10,000 items at
# 99,999,999.99, below 10**14.
MAX_AMOUNT_DIGITS = 16


def validate_email_local_part(email: str) -> None:
    """Refuse non-ASCII letters before the @, which SQLite cannot compare in any case.

    Django's email validator matches letters case-insensitively, so it lets
    through look-alikes such as the Kelvin sign (U+212A) for "K".
    """
    if not email.rpartition("@")[0].isascii():
        raise ValidationError("Use only ASCII characters before the @.")


class User(models.Model):
    """A customer of the shop.

    Django's `auth.User` stays for staff who log in to the admin; customers are
    a domain record of their own. See docs/00-monolith.md, "Two kinds of user".
    """

    name = models.CharField(max_length=200, validators=[validate_visible_text])
    email = models.EmailField(max_length=254, validators=[validate_email_local_part])
    is_active = models.BooleanField(default=True)
    # None: no limit, and orders are placed without a credit check, as
    # before stage 5. See docs/05-consistency.md, "The saga".
    credit_limit = models.DecimalField(
        max_digits=MAX_CREDIT_DIGITS,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="users_user_email_ci_unique"),
            models.CheckConstraint(
                condition=~models.Q(name=""), name="users_user_name_not_blank"
            ),
            models.CheckConstraint(
                condition=models.Q(version__gte=1), name="users_user_version_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(credit_limit__gte=0),
                name="users_user_credit_limit_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


class OutboxEvent(models.Model):
    """A user's change, written in the change's own transaction, until it is published.

    The change and its row commit or roll back together, so an event is
    never lost and never sent for a change that did not happen. The id is
    the change's sequence, which only grows (SQLite's AUTOINCREMENT never
    reuses one): the relay publishes in its order and the changes feed pages
    by it. See docs/04-celery-sync.md, "The outbox".
    """

    event_id = models.UUIDField(unique=True)
    change = models.CharField(max_length=16)
    user_id = models.BigIntegerField()
    user_version = models.PositiveIntegerField()
    # What subscribers need of the user: name, email and is_active.
    data = models.JSONField()
    created_at = models.DateTimeField()
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            # The relay's question, "what is not yet published, oldest first?",
            # reads only the rows it is about.
            models.Index(
                fields=["id"],
                condition=models.Q(published_at__isnull=True),
                name="users_outbox_unpublished",
            ),
            # Pruning keeps each user's newest row, found through this index.
            models.Index(fields=["user_id", "id"], name="users_outbox_user_newest"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.sequence}: user {self.user_id} {self.change} (v{self.user_version})"
        )

    @property
    def sequence(self) -> int:
        """Return the row's place in the outbox, the id under a name that says so."""
        return self.pk


class ReservationState(models.TextChoices):
    """Where a credit reservation is: held, then confirmed and settled, or released."""

    HELD = "held"
    CONFIRMED = "confirmed"
    SETTLED = "settled"
    RELEASED = "released"
    REFUSED = "refused"


# The states in which a reservation counts against its user's limit.
HOLDING_STATES = (ReservationState.HELD, ReservationState.CONFIRMED)


class CreditReservation(models.Model):
    """Credit of a user held for an order, under the key the orders saga chose.

    Try-confirm-cancel: held by the try, then confirmed, and settled when
    the order ships, or released when it is cancelled. A release that
    arrived before its reservation leaves a row with no user and nothing
    held, so the late reservation holds nothing. See
    docs/05-consistency.md, "The saga".
    """

    key = models.CharField(max_length=100, unique=True)
    user = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="credit_reservations",
    )
    amount = models.DecimalField(max_digits=MAX_AMOUNT_DIGITS, decimal_places=2)
    state = models.CharField(max_length=16, choices=ReservationState.choices)
    # Why a reservation was refused.
    reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=ReservationState.values),
                name="users_reservation_state_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0),
                name="users_reservation_amount_not_negative",
            ),
            # Only a release that came first has no user.
            models.CheckConstraint(
                condition=models.Q(user__isnull=False)
                | models.Q(state=ReservationState.RELEASED),
                name="users_reservation_user_unless_released_first",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "state"], name="users_reservation_user_state")
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.amount} {self.state}"
