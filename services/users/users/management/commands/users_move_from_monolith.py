"""`manage.py users_move_from_monolith`: the database split, verified.

Copies the users that stage 1 left in the monolith's database into this
service's database, keeping ids, emails, versions and timestamps. It is
safe to run again (users already here are left alone), `--dry-run` only
reports, and any user here that differs from the monolith's copy stops it
before anything is written. After copying it compares both sides, row count
and checksum, inside the transaction, and prints them. See
docs/02-users-service.md, "The database split, verified".
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from users.moving import (
    MoveError,
    MovePlan,
    Row,
    checksum,
    insert_rows,
    plan_move,
    read_monolith_users,
    read_service_users,
    reset_id_sequence,
)

# The monolith's database: where its DATABASE_PATH says, as for the monolith.
DEFAULT_SOURCE = Path(
    os.environ.get(
        "DATABASE_PATH", Path(settings.REPO_DIR) / "var" / "monolith.sqlite3"
    )
)


class Command(BaseCommand):
    """Move users from the monolith's database into this service's, verified."""

    help = "Move the monolith's users into this service (idempotent, verified)."

    def add_arguments(self, parser: CommandParser) -> None:
        """Take the monolith's database file, and whether only to report."""
        parser.add_argument("--from", dest="source", type=Path, default=DEFAULT_SOURCE)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args: object, **options: object) -> None:
        """Plan, report, copy and verify; refuse with a report on any mismatch."""
        source = Path(str(options["source"]))
        try:
            monolith = read_monolith_users(source)
        except MoveError as error:
            self.stdout.write(f"Nothing to move: {error}")
            return
        plan = plan_move(monolith=monolith, service=read_service_users())
        self._report(plan)
        if plan.conflicts:
            raise CommandError("Refused: nothing was moved. Resolve the rows above.")
        if not plan.to_move:
            self.stdout.write(f"Nothing to move: all {len(monolith)} users are here.")
            return
        if options["dry_run"]:
            self.stdout.write(f"Dry run: {len(plan.to_move)} users would move.")
            return
        self._move(plan, monolith)

    def _report(self, plan: MovePlan) -> None:
        """Print what the plan will do, and every conflict with its reason."""
        self.stdout.write(
            f"Monolith: {plan.monolith_count} users. Already here: "
            f"{len(plan.already_here)}. To move: {len(plan.to_move)}."
        )
        for conflict in plan.conflicts:
            self.stderr.write(f"  user {conflict.user_id}: {conflict.reason}")

    @transaction.atomic
    def _move(self, plan: MovePlan, monolith: list[Row]) -> None:
        """Copy the missing users, then verify both sides before committing."""
        insert_rows(plan.to_move)
        reset_id_sequence()
        ids = [int(str(row[0])) for row in monolith]
        here = read_service_users(ids=ids)
        theirs, ours = checksum(monolith), checksum(here)
        self.stdout.write(f"Monolith: {len(monolith)} users, checksum {theirs}")
        self.stdout.write(f"Service:  {len(here)} users, checksum {ours}")
        if (len(here), ours) != (len(monolith), theirs):
            raise CommandError("Verification failed: nothing was moved.")
        self.stdout.write(
            self.style.SUCCESS(f"Moved {len(plan.to_move)} users; both sides agree.")
        )
