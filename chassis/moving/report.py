"""The wording of a move's reports that takes more than a line: counts and refusals."""

from collections import defaultdict
from collections.abc import Iterable, Sequence

from chassis.moving.rows import Comparison
from chassis.moving.spec import Table


def rows_counted(counts: Iterable[tuple[int, Table]]) -> str:
    """Say how many rows of each table there are: "3 users", "2 orders and 5 lines"."""
    return _listed([f"{count} {table.plural}" for count, table in counts])


def mismatch_report(
    *,
    comparisons: Sequence[Comparison],
    copied: Sequence[tuple[int, Table]],
    manage_py: str,
) -> str:
    """Return the refusal of a copy that differs, saying how to recover."""
    differing = [c for c in comparisons if c.differences]
    named = _listed([_ids_named(c.table, list(c.differences)) for c in differing])
    verb = "differs" if sum(len(c.differences) for c in differing) == 1 else "differ"
    kinds = _listed([c.table.plural for c in differing])
    kept = _listed([f"{count} copied {table.plural}" for count, table in copied])
    delete = _delete_code(differing)
    return (
        f"Verification failed: {named} {verb} from the monolith. The copy has "
        f"committed and nothing was undone: the {kept} stay in this service's "
        f"database. Find what altered the {kinds} named above, delete those "
        f'here (.venv/bin/python {manage_py} shell -c "{delete}") and run this '
        f"command again: it copies only the missing {kinds} and verifies them. "
        "Until then it refuses, naming them."
    )


def _ids_named(table: Table, ids: Sequence[int]) -> str:
    """Name rows of one table by id: "user 7", "users 3, 7"."""
    noun = table.noun if len(ids) == 1 else table.plural
    return f"{noun} {', '.join(str(row_id) for row_id in ids)}"


def _delete_code(comparisons: Sequence[Comparison]) -> str:
    """Return Python that deletes the differing rows here, for `manage.py shell -c`."""
    names: dict[str, list[str]] = defaultdict(list)
    deletes = []
    for comparison in comparisons:
        model = comparison.table.model
        names[model.__module__].append(model.__name__)
        ids = ", ".join(str(row_id) for row_id in comparison.differences)
        deletes.append(f"{model.__name__}.objects.filter(pk__in=[{ids}]).delete()")
    imports = [f"from {module} import {', '.join(n)}" for module, n in names.items()]
    return "; ".join([*imports, *deletes])


def _listed(parts: Sequence[str]) -> str:
    """Join words as a sentence lists them: "a", "a and b", "a, b and c"."""
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"
