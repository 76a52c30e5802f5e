"""The management command of a move: plan, report, copy, then verify after the commit.

A service's command subclasses MoveCommand and names its move and its
manage.py; see chassis/moving/__init__.py for the rest of the mover.
"""

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import ClassVar

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import IntegrityError, transaction

from chassis.moving.databases import (
    MoveError,
    MoveSourceUnreadable,
    move_verify,
    rows_insert,
    sequences_reset,
    source_read,
    targets_read,
)
from chassis.moving.plan import MovePlan, move_plan
from chassis.moving.report import mismatch_report, rows_counted
from chassis.moving.rows import Comparison, Row
from chassis.moving.spec import Move, Table

Moved = dict[str, list[int]]


class MoveCommand(BaseCommand):
    """Move `move`'s tables from the monolith's database into this service's, verified.

    Safe to run again: rows already here are left alone, including rows
    changed here since an earlier move. `--dry-run` only reports. Any
    conflict stops it before anything is written. Planning and copying
    happen in one transaction; once it has committed, both databases are
    read afresh and the copied rows compared, and a mismatch is refused
    with the differing ids and how to recover.
    """

    move: ClassVar[Move]
    # The project's manage.py from the repository's root, for the recovery hint.
    manage_py: ClassVar[str]

    def add_arguments(self, parser: CommandParser) -> None:
        """Take the monolith's database file, and whether only to report."""
        parser.add_argument("--from", dest="source", type=Path, default=None)
        parser.add_argument("--dry-run", action="store_true")

    def source_default(self) -> Path:
        """Return the monolith's database file, found as the monolith finds it.

        That is where DATABASE_PATH says, or var/monolith.sqlite3; a relative
        path is taken from the repository's root, which the project's
        settings name REPO_DIR.
        """
        given = os.environ.get("DATABASE_PATH", "var/monolith.sqlite3")
        return Path(settings.REPO_DIR) / given

    def handle(self, *args: object, **options: object) -> None:
        """Plan, report and copy; then verify, refusing with a report on a mismatch."""
        source = Path(str(options["source"] or self.source_default()))
        try:
            rows = source_read(move=self.move, path=source)
        except MoveError as error:
            self.stdout.write(f"Nothing to move: {error}")
            return
        except MoveSourceUnreadable as error:
            raise CommandError(f"Refused: {error}. Nothing was moved.") from None
        try:
            moved = self._plan_and_move(rows, dry_run=bool(options["dry_run"]))
        except IntegrityError as error:
            message = f"Refused: a row was written here meanwhile ({error}). "
            raise CommandError(message + "Nothing was moved; run it again.") from error
        if moved:
            self._verify(source, moved)

    @transaction.atomic
    def _plan_and_move(self, rows: Mapping[str, list[Row]], *, dry_run: bool) -> Moved:
        """Plan against the rows here and copy, at once; return the copied ids."""
        plan = move_plan(
            move=self.move, source=rows, target=targets_read(move=self.move)
        )
        self._report(plan)
        if plan.conflicts:
            raise CommandError("Refused: nothing was moved. Resolve the rows above.")
        if not plan.to_move_count:
            read = rows_counted((p.source_count, p.table) for p in plan.tables)
            self.stdout.write(f"Nothing to move: all {read} are here.")
            return {}
        if dry_run:
            to_move = rows_counted((len(p.to_move), p.table) for p in plan.tables)
            self.stdout.write(f"Dry run: {to_move} would move.")
            return {}
        for table_plan in plan.tables:
            rows_insert(table=table_plan.table, rows=table_plan.to_move)
        sequences_reset(move=self.move)
        return {p.table.source: p.ids_to_move() for p in plan.tables if p.to_move}

    def _report(self, plan: MovePlan) -> None:
        """Print what the plan will do, table by table, and every conflict."""
        for table_plan in plan.tables:
            self.stdout.write(
                f"Monolith: {table_plan.source_count} {table_plan.table.plural}. "
                f"Already here: {len(table_plan.already_here)}, changed here since: "
                f"{len(table_plan.changed_here)}. To move: {len(table_plan.to_move)}."
            )
            for conflict in table_plan.conflicts:
                noun = table_plan.table.noun
                self.stderr.write(f"  {noun} {conflict.row_id}: {conflict.reason}")

    def _verify(self, source: Path, moved: Moved) -> None:
        """Compare the committed copy with the monolith, both read afresh."""
        try:
            comparisons = move_verify(move=self.move, path=source, moved=moved)
        except (MoveError, MoveSourceUnreadable) as error:
            nouns = " and ".join(table.noun for table in self.move.tables)
            raise CommandError(
                f"Cannot verify: {error}. The copy has committed; once the file "
                f"is back, run this command again: it compares every {nouns} first."
            ) from None
        self._comparisons_print(comparisons)
        if not all(comparison.agree for comparison in comparisons):
            raise CommandError(self._mismatch(comparisons, moved))
        copied = rows_counted(self._moved_counts(moved))
        self.stdout.write(self.style.SUCCESS(f"Moved {copied}; both sides agree."))

    def _comparisons_print(self, comparisons: Iterable[Comparison]) -> None:
        """Print each table's counts and checksums, on both sides."""
        for comparison in comparisons:
            plural = comparison.table.plural
            self.stdout.write(
                f"Monolith: {comparison.source_count} {plural} to copy, "
                f"checksum {comparison.source_checksum}"
            )
            self.stdout.write(
                f"Service:  {comparison.target_count} {plural} copied, "
                f"checksum {comparison.target_checksum}"
            )

    def _mismatch(self, comparisons: Sequence[Comparison], moved: Moved) -> str:
        """Print each differing row; return the refusal, saying how to recover."""
        for comparison in comparisons:
            for row_id, reason in comparison.differences.items():
                self.stderr.write(f"  {comparison.table.noun} {row_id}: {reason}")
        return mismatch_report(
            comparisons=comparisons,
            copied=self._moved_counts(moved),
            manage_py=self.manage_py,
        )

    def _moved_counts(self, moved: Moved) -> list[tuple[int, Table]]:
        """Return how many rows of each table were copied, if any were."""
        return [
            (len(moved[table.source]), table)
            for table in self.move.tables
            if table.source in moved
        ]
