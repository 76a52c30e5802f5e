"""Admin pages for the shop's users."""

from django.contrib import admin
from django.http import HttpRequest

from users.models import User


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    """Browse customers; changes go through the API so versions stay right."""

    list_display = ["id", "name", "email", "is_active", "version", "updated_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "email"]
    readonly_fields = [
        "name",
        "email",
        "is_active",
        "version",
        "created_at",
        "updated_at",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        """Users are created through the API, which owns the rules."""
        return False
