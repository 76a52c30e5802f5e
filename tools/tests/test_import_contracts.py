"""The import contracts fail the build when a boundary is crossed, naming it.

Each test copies the code to a temporary directory, adds one forbidden
import, and runs import-linter there with the project's own contracts.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    """Run import-linter with the project's contracts on a copy of the code."""
    return subprocess.run(
        [str(LINT_IMPORTS), str(tree / "pyproject.toml"), "--no-cache"],
        cwd=tree,
        env={"PYTHONPATH": f"{tree / 'monolith'}:{tree}", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """Copy the code and the contracts to a temporary directory."""
    ignore = shutil.ignore_patterns("__pycache__", "migrations", "tests")
    for package in ["monolith", "shared", "chassis"]:
        shutil.copytree(REPO_ROOT / package, tmp_path / package, ignore=ignore)
    shutil.copy(REPO_ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def test_the_code_keeps_every_contract(tree):
    result = lint_imports(tree)

    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        (
            "monolith/orders/services.py",
            "from users.models import User",
            "users and orders are independent of each other",
        ),
        (
            "monolith/users/services.py",
            "import orders.models",
            "users and orders are independent of each other",
        ),
        (
            "shared/users/client.py",
            "import django.conf",
            "shared imports neither Django nor any app",
        ),
        (
            "chassis/fields.py",
            "import orders.models",
            "the chassis imports no app and no project",
        ),
    ],
    ids=[
        "orders-imports-users",
        "users-imports-orders",
        "shared-imports-django",
        "chassis-imports-an-app",
    ],
)
def test_a_forbidden_import_fails_naming_the_contract(tree, module, line, contract):
    path = tree / module
    path.write_text(f"{line}  # noqa\n{path.read_text()}")

    result = lint_imports(tree)

    assert result.returncode != 0
    assert f"{contract} BROKEN" in result.stdout
