"""`manage.py sync_status`: how far orders' replica has read users' changes.

The reconciliation cursor, the last run and what it repaired, the replica's
size and the dead letters waiting. `make sync-status` prints it beside the
users service's outbox and Redis's queues; `--json` is for that tool. See
docs/04-celery-sync.md, "Watching the sync".
"""

import json

from django.core.management.base import BaseCommand, CommandParser

from orders.models import Customer, DeadLetter, SyncCursor
from orders.reconcile import USERS_FEED


class Command(BaseCommand):
    """Print the replica's cursor, last reconciliation and dead letters."""

    help = "Show the replica's sync state: cursor, last reconciliation, dead letters."

    def add_arguments(self, parser: CommandParser) -> None:
        """Take --json."""
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args: object, **options: object) -> None:
        """Print the state."""
        cursor = SyncCursor.objects.filter(feed=USERS_FEED).first()
        letters = DeadLetter.objects.filter(replayed_at=None)
        data = {
            "customers": Customer.objects.count(),
            "cursor": cursor.position if cursor else 0,
            "last_run_at": cursor.last_run_at.isoformat()
            if cursor and cursor.last_run_at
            else None,
            "last_repaired": cursor.last_repaired if cursor else 0,
            "repaired_total": cursor.repaired_total if cursor else 0,
            "dead_letters": [
                {"id": letter.pk, "reason": letter.reason} for letter in letters[:10]
            ],
            "dead_letters_waiting": letters.count(),
        }
        if options["json"]:
            self.stdout.write(json.dumps(data))
            return
        for key, value in data.items():
            self.stdout.write(f"{key}: {value}")
