"""The admin's view of the shop's records: read-only, because the services own them."""

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest


class ReadOnlyAdmin(admin.ModelAdmin):
    """Let staff browse records, never add, change or delete them.

    A save through the admin would skip the service layer: it would bump
    `updated_at` without raising `version`, and could delete an order outright.
    Changes go through the API, whose services keep the rules.
    """

    def has_add_permission(self, request: HttpRequest) -> bool:
        """Records are created through the API."""
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: Model | None = None
    ) -> bool:
        """Records are changed through the API, which raises their version."""
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: Model | None = None
    ) -> bool:
        """Records are never deleted; users are deactivated, orders cancelled."""
        return False
