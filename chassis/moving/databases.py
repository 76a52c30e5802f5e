"""Both databases of a move: read the monolith's file and this service's, copy, verify.

Rows are plain tuples in their table's column order, read with SQL on both
sides: the monolith's file is read directly (read-only), since no model of
the service maps it.
"""

import sqlite3
from collections.abc import Mapping, Sequence
from pathlib import Path

from django.core.management.color import no_style
from django.db import connection

from chassis.moving.rows import Comparison, Row, rows_compare
from chassis.moving.spec import Move, Table


class MoveError(Exception):
    """There is nothing to move from: no database, or not the move's first table."""


class MoveSourceUnreadable(Exception):
    """The monolith's database is there but cannot be read as its code left it."""


def source_read(*, move: Move, path: Path) -> dict[str, list[Row]]:
    """Return every row of the move's tables in the monolith's file, in id order.

    The tables are read in one read transaction, so a child row and its
    parent are read as of one moment.
    """
    if not path.is_file():
        raise MoveError(f"no monolith database at {path}")
    first = move.tables[0]
    # Read-only, through a URI that escapes the path (`#` or `?` in a name).
    source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = source.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
            [first.source],
        ).fetchall()
        if not tables:
            raise MoveError(f"the database at {path} has no {first.plural} table")
        source.execute("BEGIN")
        return {
            table.source: _source_rows(source, table, path) for table in move.tables
        }
    except sqlite3.Error as error:
        raise MoveSourceUnreadable(
            f"cannot read {first.plural} from {path}: {error}"
        ) from None
    finally:
        source.close()


def _source_rows(source: sqlite3.Connection, table: Table, path: Path) -> list[Row]:
    """Return one table's rows of the monolith's file, in id order."""
    query = (
        f"SELECT {', '.join(table.columns)} FROM {table.source} "  # noqa: S608
        f"ORDER BY {table.columns[0]}"
    )
    try:
        return [tuple(row) for row in source.execute(query)]
    except sqlite3.Error as error:
        raise MoveSourceUnreadable(
            f"cannot read {table.plural} from {path}: {error}"
        ) from None


def target_read(*, table: Table, ids: Sequence[int] | None = None) -> list[Row]:
    """Return a table's rows here (those with these ids, if given), in id order."""
    key = table.columns[0]
    query = f"SELECT {', '.join(table.columns)} FROM {table.model._meta.db_table}"  # noqa: S608
    rows: list[Row] = []
    with connection.cursor() as cursor:
        if ids is None:
            cursor.execute(f"{query} ORDER BY {key}")
            return [tuple(row) for row in cursor.fetchall()]
        # Batches keep each statement under the databases' limits on parameters.
        for start in range(0, len(ids), 500):
            batch = list(ids[start : start + 500])
            marks = ", ".join(["%s"] * len(batch))
            cursor.execute(f"{query} WHERE {key} IN ({marks}) ORDER BY {key}", batch)
            rows.extend(tuple(row) for row in cursor.fetchall())
    return sorted(rows, key=lambda row: int(str(row[0])))


def targets_read(*, move: Move) -> dict[str, list[Row]]:
    """Return every row here of each of the move's tables, in id order."""
    return {table.source: target_read(table=table) for table in move.tables}


def rows_insert(*, table: Table, rows: Sequence[Row]) -> None:
    """Insert rows exactly as the monolith stored them: ids and timestamps kept."""
    marks = ", ".join(["%s"] * len(table.columns))
    sql = (
        f"INSERT INTO {table.model._meta.db_table} "  # noqa: S608
        f"({', '.join(table.columns)}) VALUES ({marks})"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, [list(row) for row in rows])


def sequences_reset(*, move: Move) -> None:
    """Make new rows' ids continue above the highest moved id, in every table.

    SQLite's AUTOINCREMENT does this by itself; other databases (PostgreSQL in
    stage 7) need their sequence set, which Django writes for each.
    """
    models = [table.model for table in move.tables]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def move_verify(
    *, move: Move, path: Path, moved: Mapping[str, Sequence[int]]
) -> list[Comparison]:
    """Read the moved rows afresh from both databases and compare them, table by table.

    Meant for after the copy has committed: what is compared is what each
    database holds now, not the rows the copy was given. Tables with no
    moved rows are left out.
    """
    source = source_read(move=move, path=path)
    comparisons = []
    for table in move.tables:
        if not (ids := moved.get(table.source)):
            continue
        wanted = set(ids)
        theirs = [row for row in source[table.source] if row[0] in wanted]
        ours = target_read(table=table, ids=ids)
        comparisons.append(rows_compare(table=table, source=theirs, target=ours))
    return comparisons
