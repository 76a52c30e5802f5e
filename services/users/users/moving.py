"""Moving users from the monolith's database into this service's: plan, copy, verify.

Rows are plain tuples in one column order, read with SQL on both sides: the
monolith's file is read directly (read-only), since no model of this
service maps it. See users_move_from_monolith for the command.
"""

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.core.management.color import no_style
from django.db import connection

from users.models import User
from users.move_rows import (
    COLUMNS,
    Comparison,
    Row,
    canonical,
    columns_differing,
    row_problem,
    rows_compare,
)


class MoveError(Exception):
    """There is nothing to move from: no database, or no users table in it."""


class MoveSourceUnreadable(Exception):
    """The monolith's database is there but cannot be read as stage 1 left it."""


@dataclass(frozen=True)
class Conflict:
    """A monolith user that cannot be moved as it is, and why."""

    user_id: object
    reason: str


@dataclass
class MovePlan:
    """What a move would do: copy some rows, skip others, or refuse.

    A user already here is either identical to the monolith's copy, or the
    same user changed here since an earlier move: same id and creation time,
    and a later version (every change raises it). Anything else with that id,
    the same version with other values included, is a conflict.
    """

    monolith_count: int
    to_move: list[Row] = field(default_factory=list)
    already_here: list[object] = field(default_factory=list)
    changed_here: list[object] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)


def monolith_users_read(*, path: Path) -> list[Row]:
    """Return every user of the monolith's database file, in id order."""
    if not path.is_file():
        raise MoveError(f"no monolith database at {path}")
    # Read-only, through a URI that escapes the path (`#` or `?` in a name).
    source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = source.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'users_user'"
        ).fetchall()
        if not tables:
            raise MoveError(f"the database at {path} has no users table")
        query = f"SELECT {', '.join(COLUMNS)} FROM users_user ORDER BY id"  # noqa: S608
        return [tuple(row) for row in source.execute(query)]
    except sqlite3.Error as error:
        raise MoveSourceUnreadable(f"cannot read users from {path}: {error}") from None
    finally:
        source.close()


def service_users_read(*, ids: Sequence[int] | None = None) -> list[Row]:
    """Return this service's users (those with these ids, if given), in id order."""
    query = f"SELECT {', '.join(COLUMNS)} FROM users_user"  # noqa: S608
    rows: list[Row] = []
    with connection.cursor() as cursor:
        if ids is None:
            cursor.execute(f"{query} ORDER BY id")
            return [tuple(row) for row in cursor.fetchall()]
        for start in range(0, len(ids), 500):
            batch = list(ids[start : start + 500])
            marks = ", ".join(["%s"] * len(batch))
            cursor.execute(f"{query} WHERE id IN ({marks}) ORDER BY id", batch)
            rows.extend(tuple(row) for row in cursor.fetchall())
    return sorted(rows, key=lambda row: int(str(row[0])))


def move_plan(*, monolith: Sequence[Row], service: Sequence[Row]) -> MovePlan:
    """Decide, row by row, what to copy, what is here already, and what conflicts."""
    here = {canonical(row)[0]: canonical(row) for row in service}
    emails = {str(row[2]).lower(): canonical(row)[0] for row in service}
    plan = MovePlan(monolith_count=len(monolith))
    for row in _movable(plan, monolith):
        wanted = canonical(row)
        user_id, email = wanted[0], str(wanted[2]).lower()
        if user_id in here:
            _plan_present(plan, wanted, here[user_id])
        elif email in emails:
            reason = f"its email belongs to user {emails[email]} here"
            plan.conflicts.append(Conflict(user_id, reason))
        else:
            plan.to_move.append(row)
    return plan


def _movable(plan: MovePlan, monolith: Sequence[Row]) -> list[Row]:
    """Return the rows that can be moved as they are; record the others as conflicts.

    A row is unmovable if a value is not what stage 1 writes, or if its email
    is another monolith user's too (emails are unique whatever their case).
    """
    movable: list[Row] = []
    first_with: dict[str, object] = {}
    for row in monolith:
        if problem := row_problem(row):
            plan.conflicts.append(Conflict(row[0], problem))
        elif (email := str(row[2]).lower()) in first_with:
            reason = f"its email is also user {first_with[email]}'s in the monolith"
            plan.conflicts.append(Conflict(row[0], reason))
        else:
            first_with[email] = row[0]
            movable.append(row)
    return movable


def _plan_present(
    plan: MovePlan, wanted: tuple[object, ...], present: tuple[object, ...]
) -> None:
    """Sort a monolith user whose id is taken here: the same user, or a conflict."""
    user_id = wanted[0]
    created, version = COLUMNS.index("created_at"), COLUMNS.index("version")
    if present == wanted:
        plan.already_here.append(user_id)
    elif present[created] == wanted[created] and _later(
        present[version], wanted[version]
    ):
        plan.changed_here.append(user_id)
    else:
        differ = columns_differing(wanted, present)
        reason = f"differs here in {', '.join(differ)}"
        plan.conflicts.append(Conflict(user_id, reason))


def _later(present: object, wanted: object) -> bool:
    """Tell whether the version here is later than the monolith's."""
    return int(str(present)) > int(str(wanted))


def move_verify(*, path: Path, ids: Sequence[int]) -> Comparison:
    """Read these users afresh from both databases and compare them.

    Meant for after the copy has committed: what is compared is what each
    database holds now, not the rows the copy was given.
    """
    wanted = set(ids)
    monolith = [row for row in monolith_users_read(path=path) if row[0] in wanted]
    return rows_compare(monolith=monolith, service=service_users_read(ids=ids))


def users_insert(*, rows: Sequence[Row]) -> None:
    """Insert rows exactly as the monolith stored them: ids and timestamps kept."""
    marks = ", ".join(["%s"] * len(COLUMNS))
    sql = f"INSERT INTO users_user ({', '.join(COLUMNS)}) VALUES ({marks})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(sql, [list(row) for row in rows])


def user_id_sequence_reset() -> None:
    """Make new users' ids continue above the highest moved id.

    SQLite's AUTOINCREMENT does this by itself; other databases (PostgreSQL in
    stage 7) need their sequence set, which Django writes for each.
    """
    statements = connection.ops.sequence_reset_sql(no_style(), [User])
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
