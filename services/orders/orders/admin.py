"""Admin pages for orders and their lines."""

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from chassis.admin import ReadOnlyAdmin
from orders.models import CreditSaga, Order, OrderLine


class OrderLineInline(admin.TabularInline):
    """An order's lines, shown read-only under the order."""

    model = OrderLine
    extra = 0
    max_num = 0  # lines are placed with their order, through the API

    def has_change_permission(
        self, request: HttpRequest, obj: Model | None = None
    ) -> bool:
        """Lines never change once placed."""
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: Model | None = None
    ) -> bool:
        """Lines are never deleted."""
        return False


@admin.register(Order)
class OrderAdmin(ReadOnlyAdmin):
    """Browse orders; changes go through the API so versions stay right."""

    list_display = ["id", "user_id", "status", "version", "created_at"]
    list_filter = ["status"]
    inlines = [OrderLineInline]


@admin.register(CreditSaga)
class CreditSagaAdmin(ReadOnlyAdmin):
    """Watch each order's credit saga step on (docs/05-consistency.md)."""

    list_display = ["order_id", "user_id", "amount", "step", "state", "outcome"]
    list_filter = ["state", "step", "outcome"]
    search_fields = ["order__id", "user_id"]
