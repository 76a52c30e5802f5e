"""The rows a move copies: canonical form, checksum, comparison, and unmovable rows.

Rows are plain tuples in COLUMNS order, as SQL reads them from either
database. A row the monolith's own code wrote is always movable; the checks
here are for a file that something else changed, so that the move refuses
it with a reason instead of failing half-way.
"""

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from shared.events import LARGEST_ID, LARGEST_VERSION

COLUMNS = ("id", "name", "email", "is_active", "version", "created_at", "updated_at")
TIMESTAMPS = ("created_at", "updated_at")
Row = tuple[int | str | float | bytes | None, ...]


def canonical(row: Row) -> tuple[object, ...]:
    """Return the row with only the drivers' spellings undone, for comparing.

    Django reads this service's database as booleans and datetimes; the
    sqlite3 module reads the monolith's as 1 or 0 and text. So a boolean
    becomes 1 or 0, and a timestamp column's datetime, or text that reads as
    ISO 8601, becomes ISO 8601 text in UTC (a naive one is taken as UTC, as
    both projects store them). Every other value is kept as read, type
    included: the text "3" still differs from the number 3.
    """
    return tuple(
        _canonical_value(column, value)
        for column, value in zip(COLUMNS, row, strict=True)
    )


def _canonical_value(column: str, value: object) -> object:
    """Return one value of a row in its canonical form (see `canonical`)."""
    if isinstance(value, bool):
        return int(value)
    if column in TIMESTAMPS and (moment := _moment(value)) is not None:
        return moment.astimezone(UTC).isoformat()
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


def checksum(rows: Sequence[Row]) -> str:
    """Return the SHA-256 of the rows' canonical forms, as sorted JSON lines.

    Each row's `canonical` form is written as one JSON array (a value JSON
    cannot hold, such as bytes, as its Python repr); the lines are sorted as
    text, so the order the rows were read in does not matter, and joined
    with newlines.
    """
    lines = sorted(json.dumps(canonical(row), default=repr) for row in rows)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


@dataclass(frozen=True)
class Comparison:
    """Both sides of a move compared: counts, checksums, and what differs by id."""

    monolith_count: int
    monolith_checksum: str
    service_count: int
    service_checksum: str
    differences: dict[int, str]

    @property
    def agree(self) -> bool:
        """Tell whether both sides hold the same rows: counts, checksums, each id."""
        same_count = self.monolith_count == self.service_count
        same_sum = self.monolith_checksum == self.service_checksum
        return same_count and same_sum and not self.differences


def rows_compare(*, monolith: Sequence[Row], service: Sequence[Row]) -> Comparison:
    """Compare the rows read from each database, id by id, in canonical form."""
    theirs = {int(str(row[0])): canonical(row) for row in monolith}
    ours = {int(str(row[0])): canonical(row) for row in service}
    differences: dict[int, str] = {}
    for user_id in sorted(theirs.keys() | ours.keys()):
        if user_id not in ours:
            differences[user_id] = "is missing here"
        elif user_id not in theirs:
            differences[user_id] = "is missing in the monolith"
        elif differ := columns_differing(theirs[user_id], ours[user_id]):
            differences[user_id] = f"differs after the copy in {', '.join(differ)}"
    return Comparison(
        len(monolith), checksum(monolith), len(service), checksum(service), differences
    )


def columns_differing(
    theirs: tuple[object, ...], ours: tuple[object, ...]
) -> list[str]:
    """Return the columns in which two canonical rows differ, in COLUMNS order."""
    return [
        column
        for column, their, our in zip(COLUMNS, theirs, ours, strict=True)
        if their != our
    ]


def row_problem(row: Row) -> str | None:
    """Say what stops a monolith row from being moved as it is, or return None."""
    values = dict(zip(COLUMNS, row, strict=True))
    checks = {
        "id": _is_int_between(values["id"], LARGEST_ID),
        "name": isinstance(values["name"], str) and bool(values["name"].strip()),
        "email": isinstance(values["email"], str) and "@" in values["email"],
        "is_active": values["is_active"] in (0, 1)
        and not isinstance(values["is_active"], float),
        "version": _is_int_between(values["version"], LARGEST_VERSION),
        "created_at": _is_timestamp(values["created_at"]),
        "updated_at": _is_timestamp(values["updated_at"]),
    }
    if bad := [column for column, fine in checks.items() if not fine]:
        shown = ", ".join(f"{column} {values[column]!r}" for column in bad)
        return f"cannot be moved as it is: {shown}"
    return None


def _is_int_between(value: object, largest: int) -> bool:
    """Tell whether a value is a whole number from 1 to largest."""
    return type(value) is int and 1 <= value <= largest


def _is_timestamp(value: object) -> bool:
    """Tell whether a value reads as an ISO 8601 timestamp."""
    if isinstance(value, datetime):
        return True
    try:
        datetime.fromisoformat(str(value))
    except ValueError:
        return False
    return isinstance(value, str)
