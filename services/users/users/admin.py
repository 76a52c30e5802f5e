"""Admin pages for the shop's users."""

from django.contrib import admin

from chassis.admin import ReadOnlyAdmin
from users.models import CreditReservation, OutboxEvent, User


@admin.register(User)
class UserAdmin(ReadOnlyAdmin):
    """Browse customers; changes go through the API so versions stay right."""

    list_display = [
        "id",
        "name",
        "email",
        "is_active",
        "credit_limit",
        "version",
        "updated_at",
    ]
    list_filter = ["is_active"]
    search_fields = ["name", "email"]


@admin.register(OutboxEvent)
class OutboxEventAdmin(ReadOnlyAdmin):
    """Watch events wait in the outbox and leave it (docs/04-celery-sync.md)."""

    list_display = [
        "id",
        "change",
        "user_id",
        "user_version",
        "created_at",
        "published_at",
    ]
    list_filter = ["change", ("published_at", admin.EmptyFieldListFilter)]
    search_fields = ["user_id"]


@admin.register(CreditReservation)
class CreditReservationAdmin(ReadOnlyAdmin):
    """Watch the orders saga hold and release credit (docs/05-consistency.md)."""

    list_display = ["key", "user_id", "amount", "state", "reason", "updated_at"]
    list_filter = ["state"]
    search_fields = ["key", "user_id"]
