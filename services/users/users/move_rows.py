"""The rows a move copies: canonical form, checksum, and what makes one unmovable.

Rows are plain tuples in COLUMNS order, as SQL reads them from either
database. A row the monolith's own code wrote is always movable; the checks
here are for a file that something else changed, so that the move refuses
it with a reason instead of failing half-way.
"""

import hashlib
import json
from collections.abc import Sequence
from datetime import UTC, datetime

from shared.events import LARGEST_ID, LARGEST_VERSION

COLUMNS = ("id", "name", "email", "is_active", "version", "created_at", "updated_at")
Row = tuple[int | str | float | bytes | None, ...]


def canonical(row: Row) -> tuple[object, ...]:
    """Return a row as values both databases agree on, timestamps in UTC ISO form."""
    user_id, name, email, is_active, version, created, updated = row
    return (
        int(str(user_id)),
        str(name),
        str(email),
        bool(is_active),
        int(str(version)),
        _utc(created),
        _utc(updated),
    )


def _utc(value: object) -> str:
    """Return a stored timestamp as ISO 8601 in UTC; naive ones are UTC already."""
    if isinstance(value, datetime):
        moment = value
    else:
        moment = datetime.fromisoformat(str(value))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat()


def checksum(rows: Sequence[Row]) -> str:
    """Return the SHA-256 of the canonical rows, one JSON line each, in id order."""
    lines = sorted(json.dumps(canonical(row)) for row in rows)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


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
