"""The rows a move copies: their canonical form, checksum and comparison.

Rows are plain tuples in their table's column order, as SQL reads them from
either database.
"""

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Context, Decimal, InvalidOperation

from chassis.moving.spec import Table

# What either database's driver reads a value as (a bool is an int).
Row = tuple[int | float | Decimal | str | bytes | datetime | None, ...]


def canonical(table: Table, row: Row) -> tuple[object, ...]:
    """Return the row with only the drivers' spellings undone, for comparing.

    Django reads a service's database as booleans and datetimes; the sqlite3
    module reads the monolith's as 1 or 0 and text. So a boolean becomes 1
    or 0, and a timestamp column's datetime, or text that reads as ISO 8601,
    becomes ISO 8601 text in UTC (a naive one is taken as UTC, as every
    project stores them). A decimal column's value, which SQLite keeps as
    an integer, a float or text, becomes the exact Decimal it spells, so
    "12.50", 12.5 and Decimal("12.50") are one value and 12.505 another.
    Every other value is kept as read, type included: the text "3" still
    differs from the number 3.
    """
    return tuple(
        _canonical_value(table, column, value)
        for column, value in zip(table.columns, row, strict=True)
    )


def _canonical_value(table: Table, column: str, value: object) -> object:
    """Return one value of a row in its canonical form (see `canonical`)."""
    if isinstance(value, bool):
        return int(value)
    if column in table.timestamps and (moment := _moment(value)) is not None:
        return moment.astimezone(UTC).isoformat()
    if column in table.decimals and (number := stored_decimal(value)) is not None:
        return _exact(number)
    return value


def _moment(value: object) -> datetime | None:
    """Return a stored timestamp as an aware datetime, or None if it is not one."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return None
    else:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def stored_decimal(value: object) -> Decimal | None:
    """Return the finite Decimal a stored number spells, or None if it is not one."""
    if not isinstance(value, int | float | str | Decimal) or isinstance(value, bool):
        return None
    # Decimal() would read "1_000" as 1000; no database spells a number so.
    if isinstance(value, str) and "_" in value:
        return None
    try:
        # str() of a float is the shortest text that reads back as it, which
        # is the text the column was given: 12.5, not 12.4999999999999...
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _exact(number: Decimal) -> Decimal:
    """Return the number without trailing zeros, never rounded, and zero as 0."""
    if not number:
        return Decimal(0)
    # normalize() rounds to its context's precision: give it every digit.
    return number.normalize(Context(prec=len(number.as_tuple().digits)))


def checksum(table: Table, rows: Sequence[Row]) -> str:
    """Return the SHA-256 of the rows' canonical forms, as sorted JSON lines.

    Each row's `canonical` form is written as one JSON array (a value JSON
    cannot hold, such as bytes or a Decimal, as its Python repr); the lines
    are sorted as text, so the order the rows were read in does not matter,
    and joined with newlines.
    """
    lines = sorted(json.dumps(canonical(table, row), default=repr) for row in rows)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


@dataclass(frozen=True)
class Comparison:
    """One table on both sides of a move: counts, checksums, what differs by id."""

    table: Table
    source_count: int
    source_checksum: str
    target_count: int
    target_checksum: str
    differences: dict[int, str]

    @property
    def agree(self) -> bool:
        """Tell whether both sides hold the same rows: counts, checksums, each id."""
        same_count = self.source_count == self.target_count
        same_sum = self.source_checksum == self.target_checksum
        return same_count and same_sum and not self.differences


def rows_compare(
    *, table: Table, source: Sequence[Row], target: Sequence[Row]
) -> Comparison:
    """Compare a table's rows read from each database, id by id, in canonical form."""
    theirs = {int(str(row[0])): canonical(table, row) for row in source}
    ours = {int(str(row[0])): canonical(table, row) for row in target}
    differences: dict[int, str] = {}
    for row_id in sorted(theirs.keys() | ours.keys()):
        if row_id not in ours:
            differences[row_id] = "is missing here"
        elif row_id not in theirs:
            differences[row_id] = "is missing in the monolith"
        elif differ := columns_differing(table, theirs[row_id], ours[row_id]):
            differences[row_id] = f"differs after the copy in {', '.join(differ)}"
    return Comparison(
        table,
        len(source),
        checksum(table, source),
        len(target),
        checksum(table, target),
        differences,
    )


def columns_differing(
    table: Table, theirs: tuple[object, ...], ours: tuple[object, ...]
) -> list[str]:
    """Return the columns in which two canonical rows differ, in column order."""
    return [
        column
        for column, their, our in zip(table.columns, theirs, ours, strict=True)
        if their != our
    ]
