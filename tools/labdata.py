"""What a lab's checks compare in SQLite files: whole tables, before and after.

A table is read with every column it has, keyed by id, so a comparison
needs no column names: a column that keeps its name must keep its values, a
column an attendee renamed or dropped is left to the checks that look at
what it meant (the API, for instance).
"""

import sqlite3
from pathlib import Path

Table = dict[object, dict[str, object]]


def table_contents(database: Path, table: str) -> Table | None:
    """Return every row of the table keyed by its id, or None when it is missing."""
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    connection.row_factory = sqlite3.Row
    try:
        exists = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).fetchone()
        if not exists:
            return None
        rows = connection.execute(f'SELECT * FROM "{table}"').fetchall()  # noqa: S608
    finally:
        connection.close()
    return {row["id"]: dict(row) for row in rows}


def table_changes(table: str, before: Table, after: Table | None) -> list[str]:
    """Say how the table changed: rows lost or added, values of kept columns changed."""
    if after is None:
        return [f"the table {table} is gone"]
    changes = []
    if lost := sorted(set(before) - set(after), key=str):
        changes.append(f"{table}: rows with these ids are gone: {lost}")
    if added := sorted(set(after) - set(before), key=str):
        changes.append(f"{table}: rows with these ids appeared: {added}")
    for row_id in sorted(set(before) & set(after), key=str):
        old, new = before[row_id], after[row_id]
        for column in sorted(old.keys() & new.keys()):
            if old[column] != new[column]:
                changes.append(
                    f"{table} id {row_id}: {column} was {old[column]!r}, "
                    f"is {new[column]!r}"
                )
    return changes
