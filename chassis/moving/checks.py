"""The rows a move refuses to copy as they are: values the monolith's code never writes.

A row the monolith's own code wrote is always movable; these checks are for
a file that something else changed, so that the move refuses it with a
reason instead of failing half-way.
"""

from datetime import datetime

from chassis.moving.rows import Row, stored_decimal
from chassis.moving.spec import Table
from shared.events import LARGEST_ID, LARGEST_VERSION


def row_problem(table: Table, row: Row) -> str | None:
    """Say what stops a monolith row from being moved as it is, or return None."""
    values = dict(zip(table.columns, row, strict=True))
    bad = [
        column
        for column, value in values.items()
        if not _value_fits(table, column, value)
    ]
    if bad:
        shown = ", ".join(f"{column} {values[column]!r}" for column in bad)
        return f"cannot be moved as it is: {shown}"
    return None


def _value_fits(table: Table, column: str, value: object) -> bool:
    """Tell whether a value is one the column's kind, and the table's check, allow."""
    if value is None:
        return column in table.nullable
    parent = table.parent.column if table.parent else None
    keys = (table.columns[0], parent, *table.ids)
    if column in keys and not _is_int_between(value, LARGEST_ID):
        return False
    if column == table.version and not _is_int_between(value, LARGEST_VERSION):
        return False
    if column in table.timestamps and not _is_timestamp(value):
        return False
    if column in table.booleans and (value not in (0, 1) or isinstance(value, float)):
        return False
    if column in table.decimals and stored_decimal(value) is None:
        return False
    check = table.checks.get(column)
    return check is None or check(value)


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
