"""`manage.py seed_demo`: the users service's demo data; running it twice adds nothing.

An admin account for this service's admin, and three customers. The
monolith's own seed_demo then places their demo orders.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from users.selectors import user_list
from users.services import user_create

DEMO_ADMIN = ("admin", "admin")  # username, password: development only

DEMO_CUSTOMERS = [
    ("Ada Lovelace", "ada@example.com"),
    ("Grace Hopper", "grace@example.com"),
    ("Alan Turing", "alan@example.com"),
]


class Command(BaseCommand):
    """Create the demo admin account and three customers."""

    help = "Load the users service's demo data (idempotent). DEBUG only."

    def handle(self, *args: object, **options: object) -> None:
        """Create whatever part of the demo data is missing."""
        if not settings.DEBUG:
            raise CommandError("seed_demo creates an admin/admin account: DEBUG only.")
        username, password = DEMO_ADMIN
        admin_model = get_user_model()
        if not admin_model.objects.filter(username=username).exists():
            admin_model.objects.create_superuser(username=username, password=password)
        for name, email in DEMO_CUSTOMERS:
            if not user_list(email=email).exists():
                user_create(name=name, email=email)
        self.stdout.write(self.style.SUCCESS("Demo users are in place."))
