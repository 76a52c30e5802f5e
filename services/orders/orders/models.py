"""The orders app's models: an order and its lines."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from chassis.validators import validate_visible_text

MAX_LINES = 100
MAX_QUANTITY = 10_000


class OrderStatus(models.TextChoices):
    """Where an order is in its life cycle.

    Since stage 5 an order of a customer with a credit limit waits for the
    credit saga's try (awaiting_credit), and is then approved (pending) or
    rejected. See docs/05-consistency.md, "The saga".
    """

    AWAITING_CREDIT = "awaiting_credit"
    PENDING = "pending"
    CONFIRMED = "confirmed"
    SHIPPED = "shipped"
    CANCELLED = "cancelled"
    REJECTED = "rejected"


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
    # Since stage 5: placing an order for a customer with a limit starts
    # the credit saga. See docs/05-consistency.md, "The saga".
    credit_limit = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True
    )
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


class SagaStep(models.TextChoices):
    """The credit saga's steps: the try, then confirm and settle, or release."""

    RESERVE = "reserve"
    CONFIRM = "confirm"
    SETTLE = "settle"
    RELEASE = "release"


class SagaState(models.TextChoices):
    """Whether the saga's current step is running, done, or parked for a person."""

    RUNNING = "running"
    DONE = "done"
    PARKED = "parked"


class SagaOutcome(models.TextChoices):
    """How the saga ended: settled, rejected by the try, or compensated."""

    OPEN = ""
    SETTLED = "settled"
    REJECTED = "rejected"
    COMPENSATED = "compensated"


class CreditSaga(models.Model):
    """The credit check of one order, orchestrated by orders: one row per saga.

    Each step runs as a Celery task keyed by the order; the users service
    holds the credit (try-confirm-cancel). The row says which step the
    saga is on, whether it is running, done or parked, and how it ended.
    See docs/05-consistency.md, "The saga".
    """

    order = models.OneToOneField(
        Order, on_delete=models.CASCADE, primary_key=True, related_name="credit_saga"
    )
    user_id = models.BigIntegerField()
    amount = models.DecimalField(max_digits=16, decimal_places=2)
    step = models.CharField(max_length=16, choices=SagaStep.choices)
    state = models.CharField(max_length=16, choices=SagaState.choices)
    outcome = models.CharField(
        max_length=16, choices=SagaOutcome.choices, blank=True, default=""
    )
    # Tries of the current step that met a failure that may pass.
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order_id"]
        indexes = [
            # The sweep's question: "which running sagas have gone quiet?"
            models.Index(
                fields=["updated_at"],
                condition=models.Q(state="running"),
                name="orders_saga_running",
            ),
        ]

    def __str__(self) -> str:
        return f"Saga of order {self.order_id}: {self.step} {self.state}"

    @property
    def key(self) -> str:
        """Return the name of this saga's reservation in the users service."""
        return f"order-{self.order_id}"
