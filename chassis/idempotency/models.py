"""The table of idempotency keys: one row per key a client sent with a write."""

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models


class KeyState(models.TextChoices):
    """Whether the write a key names is running or has answered."""

    IN_FLIGHT = "in_flight"
    COMPLETED = "completed"


class IdempotencyKey(models.Model):
    """A client's key for one write, and the answer that write gave.

    The row is claimed (in flight) in a transaction of its own before the
    write runs, so a duplicate sent meanwhile sees it; it is completed in
    the write's own transaction, so the answer and the write commit
    together or not at all. See docs/05-consistency.md, "Idempotency keys".
    """

    # Which write the key is for, "POST /api/orders/": a key is the client's
    # name for one request to one endpoint.
    scope = models.CharField(max_length=200)
    key = models.CharField(max_length=255)
    # SHA-256 of the request's body, to tell a retry from a different request.
    fingerprint = models.CharField(max_length=64)
    # Who holds the claim: a process that finds its claim taken over does
    # not complete it.
    claim = models.UUIDField()
    state = models.CharField(max_length=16, choices=KeyState.choices)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    body = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    headers = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField()
    # An in-flight claim older than this was abandoned by a process that
    # died before its write committed; nothing was written, and a retry may
    # take the key over.
    locked_until = models.DateTimeField()
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "key"], name="idempotency_key_unique_per_scope"
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=KeyState.values),
                name="idempotency_key_state_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(state=KeyState.IN_FLIGHT)
                | models.Q(status_code__isnull=False),
                name="idempotency_key_completed_has_status",
            ),
        ]
        indexes = [models.Index(fields=["expires_at"], name="idempotency_expiry")]

    def __str__(self) -> str:
        return f"{self.scope} {self.key!r} ({self.state})"
