"""What a move copies, declared: its tables in order, and what each one's columns hold.

A service describes its move with these and hands it to the chassis'
mover; see chassis/moving/__init__.py.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.db import models

# A rule a stored value must meet to be moved as it is.
Check = Callable[[object], bool]


@dataclass(frozen=True)
class Unique:
    """A column no two rows may share; with ignore_case, whatever their case."""

    column: str
    ignore_case: bool = False

    def key(self, value: object) -> object:
        """Return the value as it is compared for uniqueness."""
        return str(value).lower() if self.ignore_case else value


@dataclass(frozen=True)
class Parent:
    """A child table's foreign key: its column, and the parent table's source name."""

    column: str
    table: str


@dataclass(frozen=True)
class Table:
    """One table that moves, read from `source` and written to `model`'s table.

    `columns` are named alike on both sides, in the order rows are read,
    the primary key first. What a column holds matters for comparing and
    checking rows: `ids` hold ids that do not move with the table (another
    service's), checked as the primary key and the parent's column are;
    `timestamps`, `booleans` and `decimals` are compared however each
    driver spells them (chassis/moving/rows.py). Every column holds a value
    unless it is `nullable`, and `checks` add a service's own rules.
    `added` are columns the model gained after the source stopped changing
    (users' credit limit, stage 5): not read, not compared, and left to be
    null in the rows a move writes, so each must allow null.

    A table with a `version` column has rows that may change here after an
    earlier move: a row here with the same id (and `created` value, if one
    is named) and a later version was changed here since, and is left
    alone. A row of a table without one is "already here" only when
    identical. `unique` columns must not clash, among the monolith's rows or
    with rows here. A table with a `parent` is a child table: a row of it
    moves only if its parent row, in the monolith, moves too or is here.
    """

    source: str
    model: type[models.Model]
    columns: tuple[str, ...]
    ids: tuple[str, ...] = ()
    timestamps: tuple[str, ...] = ()
    booleans: tuple[str, ...] = ()
    decimals: tuple[str, ...] = ()
    nullable: tuple[str, ...] = ()
    version: str | None = None
    created: str | None = None
    unique: tuple[Unique, ...] = ()
    parent: Parent | None = None
    checks: Mapping[str, Check] = field(default_factory=dict)
    added: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        """Refuse a description that does not match its model."""
        fields = {f.column or "": f for f in self.model._meta.concrete_fields}
        if sorted([*self.columns, *self.added]) != sorted(fields):
            raise ValueError(
                f"{self.source}: columns {self.columns} and added columns "
                f"{self.added} are not {list(fields)}"
            )
        if not_null := [column for column in self.added if not fields[column].null]:
            raise ValueError(f"{self.source}: added columns {not_null} must allow null")
        if self.columns[0] != self.model._meta.pk.column:
            raise ValueError(f"{self.source}: the first column is not the primary key")
        named = [*self.ids, *self.timestamps, *self.booleans, *self.decimals]
        named += [*self.nullable, *(u.column for u in self.unique), *self.checks]
        named += [c for c in (self.version, self.created) if c is not None]
        named += [self.parent.column] if self.parent else []
        if unknown := sorted(set(named) - set(self.columns)):
            raise ValueError(f"{self.source}: no such columns {unknown}")

    @property
    def noun(self) -> str:
        """Return what the reports call one row: the model's verbose name."""
        return str(self.model._meta.verbose_name)

    @property
    def plural(self) -> str:
        """Return what the reports call the rows: the model's plural verbose name."""
        return str(self.model._meta.verbose_name_plural)


@dataclass(frozen=True)
class Move:
    """The tables one move copies, each parent before its children."""

    tables: tuple[Table, ...]

    def __post_init__(self) -> None:
        """Refuse a child listed before its parent, or a parent that does not move."""
        earlier: set[str] = set()
        for table in self.tables:
            if table.parent and table.parent.table not in earlier:
                raise ValueError(f"{table.source}: its parent does not move before it")
            earlier.add(table.source)

    def table(self, source: str) -> Table:
        """Return the table read from this source table."""
        return next(table for table in self.tables if table.source == source)
