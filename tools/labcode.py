"""What a lab's checks read in an attendee's code without running it.

An import is only one way across a boundary: a string can name the other
app just as well (`apps.get_model("users", "User")`,
`import_string("orders.services.order_cancel_pending")`, raw SQL on its
table). These helpers find such strings, and quote what import-linter says
about a broken contract without its banner.
"""

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from tools.labkit import CheckFailed

SKIPPED = {"tests", "migrations", "__pycache__"}


def app_folder(root: Path, app: str, *, under: list[str]) -> Path | None:
    """Return the folder of the app's package, looking under each folder in turn."""
    for folder in under:
        if (root / folder / app / "__init__.py").is_file():
            return root / folder / app
    return None


def python_files(package: Path) -> Iterator[Path]:
    """Yield the package's modules, leaving tests and migrations out."""
    for path in sorted(package.rglob("*.py")):
        if not SKIPPED.intersection(path.relative_to(package).parts):
            yield path


def naming_pattern(app: str, tables: list[str]) -> re.Pattern[str]:
    """Return what a string naming the app looks like: label, dotted path, table."""
    label = rf"^{re.escape(app)}(\.\w*)*$"
    table = "|".join(rf"\b{re.escape(name)}\b" for name in tables)
    return re.compile(f"{label}|{table}" if tables else label)


def strings_naming(package: Path, pattern: re.Pattern[str]) -> list[str]:
    """Return `file:line: 'string'` for each string in the code that matches."""
    found = []
    for path in python_files(package):
        where = path.relative_to(package.parent)
        try:
            tree = ast.parse(path.read_text(), filename=str(path))
        except SyntaxError as error:
            raise CheckFailed(f"{where} does not parse: {error}") from error
        docstrings = {id(node) for node in _docstrings(tree)}
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
                and pattern.search(node.value.strip())
            ):
                found.append(f"{where}:{node.lineno}: {node.value!r}")
    return found


def _docstrings(tree: ast.Module) -> Iterator[ast.Constant]:
    """Yield the docstring nodes of the module, its classes and functions."""
    for node in ast.walk(tree):
        if isinstance(
            node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef
        ):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                yield first.value


def broken_contracts(output: str) -> str:
    """Return import-linter's report of the broken contracts, without its banner."""
    lines = output.splitlines()
    if "Broken contracts" not in lines:
        return output
    start = lines.index("Broken contracts") + 2
    return "\n".join(
        line for line in lines[start:] if line.strip() and set(line) != {"-"}
    )
