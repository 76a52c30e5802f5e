"""`manage.py users_move_from_monolith`: the database split, verified.

Copies the users that stage 1 left in the monolith's database into this
service's database, keeping ids, emails, versions and timestamps. It is
safe to run again: users already here are left alone, including those
changed here since an earlier move (same id and creation time, a later
version). `--dry-run` only reports. Any other user here with a monolith
user's id or email, or a monolith row that stage 1 could not have written,
stops it before anything is written. Planning, copying
and verifying happen in one transaction: after copying it compares the
copied rows on both sides, count and checksum, and prints them; a mismatch
undoes the copy. See docs/02-users-service.md, "The database split,
verified".
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import IntegrityError, transaction

from users.move_rows import Row, checksum
from users.moving import (
    MoveError,
    MovePlan,
    MoveSourceUnreadable,
    monolith_users_read,
    move_plan,
    service_users_read,
    user_id_sequence_reset,
    users_insert,
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
            monolith = monolith_users_read(path=source)
        except MoveError as error:
            self.stdout.write(f"Nothing to move: {error}")
            return
        except MoveSourceUnreadable as error:
            raise CommandError(f"Refused: {error}. Nothing was moved.") from None
        try:
            self._plan_and_move(monolith, dry_run=bool(options["dry_run"]))
        except IntegrityError as error:
            message = f"Refused: a user was written here meanwhile ({error}). "
            raise CommandError(message + "Nothing was moved; run it again.") from error

    @transaction.atomic
    def _plan_and_move(self, monolith: list[Row], *, dry_run: bool) -> None:
        """Plan against this service's users, then copy and verify, all at once."""
        plan = move_plan(monolith=monolith, service=service_users_read())
        self._report(plan)
        if plan.conflicts:
            raise CommandError("Refused: nothing was moved. Resolve the rows above.")
        if not plan.to_move:
            self.stdout.write(f"Nothing to move: all {len(monolith)} users are here.")
            return
        if dry_run:
            self.stdout.write(f"Dry run: {len(plan.to_move)} users would move.")
            return
        self._move(plan.to_move)

    def _report(self, plan: MovePlan) -> None:
        """Print what the plan will do, and every conflict with its reason."""
        self.stdout.write(
            f"Monolith: {plan.monolith_count} users. Already here: "
            f"{len(plan.already_here)}, changed here since: "
            f"{len(plan.changed_here)}. To move: {len(plan.to_move)}."
        )
        for conflict in plan.conflicts:
            self.stderr.write(f"  user {conflict.user_id}: {conflict.reason}")

    def _move(self, rows: list[Row]) -> None:
        """Copy the rows, then compare them on both sides; a mismatch undoes it."""
        users_insert(rows=rows)
        user_id_sequence_reset()
        here = service_users_read(ids=[int(str(row[0])) for row in rows])
        theirs, ours = checksum(rows), checksum(here)
        self.stdout.write(f"Monolith: {len(rows)} users to copy, checksum {theirs}")
        self.stdout.write(f"Service:  {len(here)} users copied, checksum {ours}")
        if (len(here), ours) != (len(rows), theirs):
            raise CommandError("Verification failed: nothing was moved.")
        self.stdout.write(
            self.style.SUCCESS(f"Moved {len(rows)} users; both sides agree.")
        )
