"""The idempotency keys as a Django app, for their table and its migrations."""

from django.apps import AppConfig


class IdempotencyConfig(AppConfig):
    """The keys clients send with writes, and the answers those writes gave."""

    name = "chassis.idempotency"
    label = "idempotency"
    verbose_name = "Idempotency keys"
