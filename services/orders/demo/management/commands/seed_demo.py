"""`manage.py seed_demo`: the orders service's demo data; twice adds nothing.

An admin account for this service's admin, and orders for the three demo
customers, whom the users service seeds (services/users: manage.py
seed_demo) and this command finds there by email.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from demo.seed import DEMO_EMAILS, customer_ids, seed_orders, wait_for
from orders.exceptions import OrderError
from shared.users.client import UsersServiceUnavailable

DEMO_ADMIN = ("admin", "admin")  # username, password: development only


class Command(BaseCommand):
    """Create the demo admin account and the demo customers' orders."""

    help = "Load the orders service's demo data (idempotent). DEBUG only."

    def add_arguments(self, parser: CommandParser) -> None:
        """Take how long to wait for the users service to start."""
        parser.add_argument(
            "--wait", type=float, default=0.0, help="seconds to wait for users"
        )

    def handle(self, *args: object, **options: object) -> None:
        """Create whatever part of the demo data is missing."""
        if not settings.DEBUG:
            raise CommandError("seed_demo creates an admin/admin account: DEBUG only.")
        username, password = DEMO_ADMIN
        admin_model = get_user_model()
        if not admin_model.objects.filter(username=username).exists():
            admin_model.objects.create_superuser(username=username, password=password)
        base_url = settings.USERS_SERVICE_URL
        wait = float(str(options["wait"]))
        try:
            if wait and not wait_for(base_url=base_url, seconds=wait):
                raise UsersServiceUnavailable(reason=f"no answer for {wait:g} s")
            customers = customer_ids(
                base_url=base_url,
                emails=DEMO_EMAILS,
                timeout=settings.USERS_SERVICE_DEADLINE,
            )
        except UsersServiceUnavailable as exc:
            self.stderr.write(f"No demo orders: {exc}")
            return
        for email, user_id in customers.items():
            try:
                seed_orders(user_id=user_id)
            except (UsersServiceUnavailable, OrderError) as exc:
                self.stderr.write(f"No demo orders for {email}: {exc}")
                return
        self.stdout.write(self.style.SUCCESS("Demo orders are in place."))
