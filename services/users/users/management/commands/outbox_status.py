"""`manage.py outbox_status`: what the outbox holds that the relay has not sent.

`make sync-status` prints it beside the other services' and Redis's state;
`--json` is for that tool. See docs/04-celery-sync.md, "Watching the sync".
"""

import json

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from users.models import User
from users.selectors import outbox_status


class Command(BaseCommand):
    """Print the outbox's backlog and newest sequence."""

    help = "Show the outbox's backlog: events waiting, the oldest's age, the head."

    def add_arguments(self, parser: CommandParser) -> None:
        """Take --json."""
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args: object, **options: object) -> None:
        """Print the status."""
        status = outbox_status()
        oldest = status.oldest_waiting_at
        age = (timezone.now() - oldest).total_seconds() if oldest else 0.0
        if options["json"]:
            data = {
                "waiting": status.waiting,
                "oldest_age": age,
                "head": status.head,
                "users": User.objects.count(),
            }
            self.stdout.write(json.dumps(data))
            return
        self.stdout.write(
            f"Outbox: {status.waiting} events waiting (oldest {age:.1f} s), "
            f"newest sequence {status.head}."
        )
