"""`manage.py seed_demo`: load a small demo data set; running it twice adds nothing.

It lives in an app of its own because it creates users and orders together,
which neither app may do for the other once the seam is drawn (stage 1).
"""

from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from orders.services import NewOrderLine, order_confirm, order_place, order_ship
from users.selectors import user_list
from users.services import user_create

DEMO_ADMIN = ("admin", "admin")  # username, password: development only

DEMO_CUSTOMERS = [
    ("Ada Lovelace", "ada@example.com"),
    ("Grace Hopper", "grace@example.com"),
    ("Alan Turing", "alan@example.com"),
]

DEMO_LINES = [
    NewOrderLine(
        sku="BOOK-001", name="Refactoring", quantity=1, unit_price=Decimal("42.50")
    ),
    NewOrderLine(
        sku="MUG-002", name="Coffee mug", quantity=2, unit_price=Decimal("9.99")
    ),
]


class Command(BaseCommand):
    """Create the demo admin account, three customers and a few orders."""

    help = "Load the demo data set (idempotent). Refuses to run with DEBUG off."

    def handle(self, *args: object, **options: object) -> None:
        """Create whatever part of the demo data is missing."""
        if not settings.DEBUG:
            raise CommandError("seed_demo creates an admin/admin account: DEBUG only.")
        self._seed_admin()
        for name, email in DEMO_CUSTOMERS:
            self._seed_customer(name=name, email=email)
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))

    def _seed_admin(self) -> None:
        username, password = DEMO_ADMIN
        admin_model = get_user_model()
        if not admin_model.objects.filter(username=username).exists():
            admin_model.objects.create_superuser(username=username, password=password)

    def _seed_customer(self, *, name: str, email: str) -> None:
        if user_list(email=email).exists():
            return
        user = user_create(name=name, email=email)
        shipped = order_place(user_id=user.pk, lines=DEMO_LINES)
        order_confirm(order_id=shipped.pk)
        order_ship(order_id=shipped.pk)
        order_place(user_id=user.pk, lines=DEMO_LINES[1:])
