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


class Customer(models.Model):
    """What orders knows of a user: a replica, kept by users' events and the feed.

    Orders reads customers from here only, so it answers while the users
    service is down. A row changes only to a newer version of the user
    (`customer_apply`), so a repeated or late event changes nothing. A
    placement and a deactivation both lock the row, which keeps them apart.
    See docs/04-celery-sync.md, "The replica".
    """

    user_id = models.BigIntegerField(primary_key=True)
    name = models.CharField(max_length=200)
    email = models.EmailField(max_length=254)
    is_active = models.BooleanField()
    version = models.PositiveIntegerField()
    synced_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["user_id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(version__gte=1),
                name="orders_customer_version_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}> (user {self.user_id}, v{self.version})"


class DeadLetter(models.Model):
    """A message from users that could not be read or applied, kept with the reason.

    It is set aside so the messages behind it go on; `orders_dead_letters`
    lists and replays them. See docs/04-celery-sync.md, "Dead letters".
    """

    message = models.JSONField()
    reason = models.TextField()
    received_at = models.DateTimeField(auto_now_add=True)
    replayed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"Dead letter {self.pk}: {self.reason[:60]}"


class SyncCursor(models.Model):
    """How far orders has read a feed, and what its last reconciliation repaired."""

    feed = models.CharField(max_length=32, primary_key=True)
    position = models.BigIntegerField(default=0)
    last_run_at = models.DateTimeField(null=True, blank=True)
    last_repaired = models.PositiveIntegerField(default=0)
    repaired_total = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.feed} at {self.position}"
