"""Admin pages for the shop's users."""

from django.contrib import admin

from chassis.admin import ReadOnlyAdmin
from users.models import User


@admin.register(User)
class UserAdmin(ReadOnlyAdmin):
    """Browse customers; changes go through the API so versions stay right."""

    list_display = ["id", "name", "email", "is_active", "version", "updated_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "email"]
