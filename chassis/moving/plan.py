"""A move's plan: for every monolith row, copy it, skip it, or refuse the move.

Tables are planned in the move's order, so a child row can ask what its
parent's plan is: a child whose parent is not in the monolith, or cannot
move, is a conflict, and any conflict refuses the whole move.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from chassis.moving.checks import row_problem
from chassis.moving.rows import Row, canonical, columns_differing
from chassis.moving.spec import Move, Table


@dataclass(frozen=True)
class Conflict:
    """A monolith row that cannot be moved as it is, and why."""

    row_id: object
    reason: str


@dataclass
class TablePlan:
    """What a move would do with one table's rows: copy some, skip others, or refuse.

    A row already here is either identical to the monolith's copy, or, in a
    table with a version column, the same row changed here since an earlier
    move: same id (and creation time, if the table names one) and a later
    version. Anything else with that id is a conflict.
    """

    table: Table
    source_count: int
    to_move: list[Row] = field(default_factory=list)
    already_here: list[object] = field(default_factory=list)
    changed_here: list[object] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)

    def ids_to_move(self) -> list[int]:
        """Return the ids of the rows to copy, in the order they were read."""
        return [int(str(row[0])) for row in self.to_move]

    def ids_kept(self) -> set[object]:
        """Return the ids that are here once the copy is done: copied or present."""
        moving = {canonical(self.table, row)[0] for row in self.to_move}
        return moving | set(self.already_here) | set(self.changed_here)


@dataclass
class MovePlan:
    """Every table's plan, in the move's order."""

    tables: list[TablePlan]

    @property
    def conflicts(self) -> list[Conflict]:
        """Return every table's conflicts."""
        return [conflict for plan in self.tables for conflict in plan.conflicts]

    @property
    def to_move_count(self) -> int:
        """Return how many rows, all tables together, the plan copies."""
        return sum(len(plan.to_move) for plan in self.tables)


def move_plan(
    *,
    move: Move,
    source: Mapping[str, Sequence[Row]],
    target: Mapping[str, Sequence[Row]],
) -> MovePlan:
    """Decide, table by table and row by row, what to copy, skip or refuse."""
    plans: dict[str, TablePlan] = {}
    for table in move.tables:
        parent = plans[table.parent.table] if table.parent else None
        plans[table.source] = _table_plan(
            table, source[table.source], target[table.source], parent
        )
    return MovePlan(list(plans.values()))


def _table_plan(
    table: Table, source: Sequence[Row], target: Sequence[Row], parent: TablePlan | None
) -> TablePlan:
    """Plan one table's rows against the rows here and their parents' plan."""
    plan = TablePlan(table, len(source))
    here = {canonical(table, row)[0]: canonical(table, row) for row in target}
    taken = {key: row[0] for row in target for key in _unique_keys(table, row)}
    for row in _movable(plan, source, parent):
        wanted = canonical(table, row)
        if wanted[0] in here:
            _plan_present(plan, wanted, here[wanted[0]])
        elif clash := _clash(table, row, taken, here=True):
            plan.conflicts.append(Conflict(wanted[0], clash))
        else:
            plan.to_move.append(row)
    return plan


def _movable(
    plan: TablePlan, source: Sequence[Row], parent: TablePlan | None
) -> list[Row]:
    """Return the rows that can be moved as they are; record the others as conflicts.

    A row is unmovable if a value is not what the monolith's code writes, if
    its parent is not in the monolith or cannot move, or if a unique value of
    it is another monolith row's too.
    """
    table, movable = plan.table, []
    parents = _parent_states(parent) if parent else {}
    first_with: dict[tuple[str, object], object] = {}
    for row in source:
        problem = (
            row_problem(table, row)
            or _orphaned(table, row, parent, parents)
            or _clash(table, row, first_with, here=False)
        )
        if problem:
            plan.conflicts.append(Conflict(row[0], problem))
        else:
            first_with.update(dict.fromkeys(_unique_keys(table, row), row[0]))
            movable.append(row)
    return movable


def _parent_states(parent: TablePlan) -> dict[object, bool]:
    """Map each parent id of the monolith to whether it is here after the copy."""
    states: dict[object, bool] = dict.fromkeys(parent.ids_kept(), True)
    states.update(dict.fromkeys((c.row_id for c in parent.conflicts), False))
    return states


def _orphaned(
    table: Table, row: Row, parent: TablePlan | None, parents: Mapping[object, bool]
) -> str | None:
    """Say why a child row's parent will not be here, or return None."""
    if parent is None or table.parent is None:
        return None
    parent_id: object = row[table.columns.index(table.parent.column)]
    if parent_id not in parents:
        return f"its {parent.table.noun} {parent_id} is not in the monolith"
    if not parents[parent_id]:
        return f"its {parent.table.noun} {parent_id} cannot move"
    return None


def _unique_keys(table: Table, row: Row) -> list[tuple[str, object]]:
    """Return the row's unique columns and values, as compared for uniqueness."""
    values = dict(zip(table.columns, canonical(table, row), strict=True))
    return [
        (unique.column, unique.key(values[unique.column])) for unique in table.unique
    ]


def _clash(
    table: Table, row: Row, owners: Mapping[tuple[str, object], object], *, here: bool
) -> str | None:
    """Say which other row, here or in the monolith, has a unique value of this one."""
    for column, key in _unique_keys(table, row):
        if (owner := owners.get((column, key))) is None:
            continue
        if here:
            return f"its {column} belongs to {table.noun} {owner} here"
        return f"its {column} is also {table.noun} {owner}'s in the monolith"
    return None


def _plan_present(
    plan: TablePlan, wanted: tuple[object, ...], present: tuple[object, ...]
) -> None:
    """Sort a monolith row whose id is taken here: the same row, or a conflict."""
    if present == wanted:
        plan.already_here.append(wanted[0])
    elif _changed_here(plan.table, wanted, present):
        plan.changed_here.append(wanted[0])
    else:
        differ = columns_differing(plan.table, wanted, present)
        plan.conflicts.append(
            Conflict(wanted[0], f"differs here in {', '.join(differ)}")
        )


def _changed_here(
    table: Table, wanted: tuple[object, ...], present: tuple[object, ...]
) -> bool:
    """Tell whether the row here is the monolith's, changed here since it moved."""
    if table.version is None:
        return False
    if table.created is not None:
        created = table.columns.index(table.created)
        if present[created] != wanted[created]:
            return False
    version = table.columns.index(table.version)
    return int(str(present[version])) > int(str(wanted[version]))
