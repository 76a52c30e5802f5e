"""`manage.py users_move_from_monolith`: the database split, verified.

Copies the users that stage 1 left in the monolith's database into this
service's database, keeping ids, emails, versions and timestamps. It is
safe to run again: users already here are left alone, including those
changed here since an earlier move (same id and creation time, a later
version). `--dry-run` only reports. Any other user here with a monolith
user's id or email, or a monolith row that stage 1 could not have written,
stops it before anything is written. Planning and copying happen in one
transaction. Once it has committed, both databases are read afresh and the
copied users compared, count, checksum and id by id; a mismatch is refused
with the differing ids, and since the copy stays committed, the refusal says
how to recover. See docs/02-users-service.md, "The database split, verified".
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import IntegrityError, transaction

from users.move_rows import Comparison, Row
from users.moving import (
    MoveError,
    MovePlan,
    MoveSourceUnreadable,
    monolith_users_read,
    move_plan,
    move_verify,
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
        """Plan, report and copy; then verify, refusing with a report on a mismatch."""
        source = Path(str(options["source"]))
        try:
            monolith = monolith_users_read(path=source)
        except MoveError as error:
            self.stdout.write(f"Nothing to move: {error}")
            return
        except MoveSourceUnreadable as error:
            raise CommandError(f"Refused: {error}. Nothing was moved.") from None
        try:
            moved = self._plan_and_move(monolith, dry_run=bool(options["dry_run"]))
        except IntegrityError as error:
            message = f"Refused: a user was written here meanwhile ({error}). "
            raise CommandError(message + "Nothing was moved; run it again.") from error
        if moved:
            self._verify(source, moved)

    @transaction.atomic
    def _plan_and_move(self, monolith: list[Row], *, dry_run: bool) -> list[int]:
        """Plan against the users here and copy, at once; return the copied ids."""
        plan = move_plan(monolith=monolith, service=service_users_read())
        self._report(plan)
        if plan.conflicts:
            raise CommandError("Refused: nothing was moved. Resolve the rows above.")
        if not plan.to_move:
            self.stdout.write(f"Nothing to move: all {len(monolith)} users are here.")
            return []
        if dry_run:
            self.stdout.write(f"Dry run: {len(plan.to_move)} users would move.")
            return []
        users_insert(rows=plan.to_move)
        user_id_sequence_reset()
        return [int(str(row[0])) for row in plan.to_move]

    def _report(self, plan: MovePlan) -> None:
        """Print what the plan will do, and every conflict with its reason."""
        self.stdout.write(
            f"Monolith: {plan.monolith_count} users. Already here: "
            f"{len(plan.already_here)}, changed here since: "
            f"{len(plan.changed_here)}. To move: {len(plan.to_move)}."
        )
        for conflict in plan.conflicts:
            self.stderr.write(f"  user {conflict.user_id}: {conflict.reason}")

    def _verify(self, source: Path, ids: list[int]) -> None:
        """Compare the committed copy with the monolith, both read afresh."""
        try:
            comparison = move_verify(path=source, ids=ids)
        except (MoveError, MoveSourceUnreadable) as error:
            raise CommandError(
                f"Cannot verify: {error}. The copy has committed; once the file "
                "is back, run this command again: it compares every user first."
            ) from None
        self.stdout.write(
            f"Monolith: {comparison.monolith_count} users to copy, "
            f"checksum {comparison.monolith_checksum}"
        )
        self.stdout.write(
            f"Service:  {comparison.service_count} users copied, "
            f"checksum {comparison.service_checksum}"
        )
        if not comparison.agree:
            raise CommandError(self._mismatch(comparison, copied=len(ids)))
        self.stdout.write(
            self.style.SUCCESS(f"Moved {len(ids)} users; both sides agree.")
        )

    def _mismatch(self, comparison: Comparison, *, copied: int) -> str:
        """Print each differing user; return the refusal, saying how to recover."""
        for user_id, reason in comparison.differences.items():
            self.stderr.write(f"  user {user_id}: {reason}")
        ids = ", ".join(str(user_id) for user_id in comparison.differences)
        named = f"users {ids} differ" if "," in ids else f"user {ids} differs"
        delete = f"User.objects.filter(pk__in=[{ids}]).delete()"
        return (
            f"Verification failed: {named} from the monolith. The copy has "
            f"committed and nothing was undone: the {copied} copied users stay "
            "in this service's database. Find what altered the users named "
            "above, delete those here (.venv/bin/python "
            "services/users/manage.py shell -c "
            f'"from users.models import User; {delete}") and run this command '
            "again: it copies only the missing users and verifies them. Until "
            "then it refuses, naming them."
        )
