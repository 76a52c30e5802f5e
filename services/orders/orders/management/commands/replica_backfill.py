"""`manage.py replica_backfill`: build the replica of customers, verified.

Reads where users' changes feed stands, then every user from the users
service's list, and applies each to the replica (a compare-and-set: what is
current is skipped, so it is safe to run again). Reconciliation then reads
the feed from that point, so changes made while the list was read are not
missed. Last, the replica is compared with a fresh read of the list, by
count and checksum. `make run` runs it, so the customers of a database left
by an earlier stage appear. See docs/04-celery-sync.md, "Backfill".
"""

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser

from orders.clients import changes_feed, lookup_client
from orders.reconcile import replica_backfill, replica_checksum, replica_users
from shared.users.client import UsersServiceUnavailable
from shared.users.feed import ChangesFeed
from shared.users.http import HttpUsersClient


def feed_head(*, feed: ChangesFeed, wait: float) -> int:
    """Return the feed's newest sequence, asking again for up to `wait` seconds."""
    deadline = time.monotonic() + wait
    while True:
        try:
            return feed.changes_after(after=0, limit=1).head
        except UsersServiceUnavailable:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.5)


class Command(BaseCommand):
    """Build the replica from the users service; compare it afterwards."""

    help = "Build the replica of customers from the users service (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        """Take how long to wait for the users service to answer."""
        parser.add_argument(
            "--wait", type=float, default=0.0, help="seconds to wait for users"
        )

    def handle(self, *args: object, **options: object) -> None:
        """Apply every user, move the cursor, then verify."""
        users = lookup_client()
        if not isinstance(users, HttpUsersClient):
            raise CommandError("USERS_LOOKUP_CLIENT must be the users service's API.")
        try:
            head = feed_head(feed=changes_feed(), wait=float(str(options["wait"])))
            changed = replica_backfill(users=users.users_all(), head=head)
            expected = list(users.users_all())
        except UsersServiceUnavailable as exc:
            raise CommandError(f"No backfill: {exc}") from None
        held = replica_users()
        if (len(held), replica_checksum(users=held)) != (
            len(expected),
            replica_checksum(users=expected),
        ):
            raise CommandError(
                f"The replica holds {len(held)} customers and the users service "
                f"{len(expected)} users, or they differ: users changed meanwhile? "
                "Run the command again."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Replica verified: {len(held)} customers ({changed} stored or "
                f"updated now), checksum equal; reconciliation reads on from {head}."
            )
        )
