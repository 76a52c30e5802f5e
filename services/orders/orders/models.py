"""The orders app's models: an order and its lines."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from chassis.validators import validate_visible_text

MAX_LINES = 100
MAX_QUANTITY = 10_000


class OrderStatus(models.TextChoices):
    """Where an order is in its life cycle."""

    PENDING = "pending"
    CONFIRMED = "confirmed"
    SHIPPED = "shipped"
    CANCELLED = "cancelled"


class Order(models.Model):
    """An order placed by a user; its total is derived from its lines."""

    # An id, not a foreign key: orders no longer knows users' table, and asks
    # the UsersClient about the user. See docs/01-modular-monolith.md.
    user_id = models.BigIntegerField(db_index=True)
    status = models.CharField(
        max_length=16, choices=OrderStatus.choices, default=OrderStatus.PENDING
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=OrderStatus.values),
                name="orders_order_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(version__gte=1), name="orders_order_version_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(user_id__gte=1), name="orders_order_user_id_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"Order {self.pk} ({self.status})"

    @property
    def total(self) -> Decimal:
        """Sum of the line totals; uses prefetched lines when there are any."""
        return sum((line.line_total for line in self.lines.all()), Decimal("0.00"))


class OrderLine(models.Model):
    """One product line of an order, priced when the order was placed."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    sku = models.CharField(max_length=64, validators=[validate_visible_text])
    name = models.CharField(max_length=200, validators=[validate_visible_text])
    quantity = models.PositiveIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_QUANTITY)]
    )
    unit_price = models.DecimalField(
        max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gte=1),
                name="orders_line_quantity_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(unit_price__gte=0),
                name="orders_line_price_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} x {self.sku}"

    @property
    def line_total(self) -> Decimal:
        """Quantity times unit price."""
        return self.quantity * self.unit_price


class CustomerDeactivation(models.Model):
    """A user orders has heard was deactivated, and the user's version then.

    Orders refuses new orders for these users inside its own transactions,
    which keeps a placement racing a deactivation from leaving a pending order
    behind once users lives in another database, and refuses to confirm or
    ship their orders. See docs/02-users-service.md, "The race one database
    prevented".
    """

    user_id = models.BigIntegerField(unique=True)
    user_version = models.PositiveIntegerField()
    received_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"User {self.user_id} deactivated at version {self.user_version}"


class CustomerLock(models.Model):
    """One row per user orders has acted for, locked to run their writes one by one.

    A placement and a deactivation's handler both lock this row before they
    read or write anything about the user, so neither can miss the other on
    any database and at any isolation level. SQLite's whole-database write
    lock hid the need; PostgreSQL at READ COMMITTED would not. See
    docs/02-users-service.md, "The race one database prevented".
    """

    user_id = models.BigIntegerField(primary_key=True)

    def __str__(self) -> str:
        return f"Lock of user {self.user_id}"
