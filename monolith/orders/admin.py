"""Admin pages for orders and their lines."""

from django.contrib import admin
from django.http import HttpRequest

from orders.models import Order, OrderLine


class OrderLineInline(admin.TabularInline):
    """An order's lines, shown read-only under the order."""

    model = OrderLine
    extra = 0
    can_delete = False
    readonly_fields = ["sku", "name", "quantity", "unit_price"]


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    """Browse orders; changes go through the API so versions stay right."""

    list_display = ["id", "user", "status", "version", "created_at"]
    list_filter = ["status"]
    list_select_related = ["user"]
    inlines = [OrderLineInline]
    readonly_fields = ["user", "status", "version", "created_at", "updated_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        """Orders are placed through the API, which owns the rules."""
        return False
