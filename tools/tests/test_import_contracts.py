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
# Each Django project: where its code lives and its contracts file.
PROJECTS = {
    "edge": ("monolith", "monolith/importlinter.ini"),
    "users": ("services/users", "services/users/importlinter.ini"),
    "orders": ("services/orders", "services/orders/importlinter.ini"),
}


def lint_imports(tree: Path, project: str) -> subprocess.CompletedProcess[str]:
    """Run import-linter with one project's contracts on a copy of the code."""
    code, contracts = PROJECTS[project]
    return subprocess.run(
        [str(LINT_IMPORTS), str(tree / contracts), "--no-cache"],
        cwd=tree,
        env={"PYTHONPATH": f"{tree / code}:{tree}", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """Copy the code and the contracts to a temporary directory."""
    ignore = shutil.ignore_patterns("__pycache__", "migrations", "tests")
    for package in ["monolith", "services", "shared", "chassis"]:
        shutil.copytree(REPO_ROOT / package, tmp_path / package, ignore=ignore)
    return tmp_path


@pytest.mark.parametrize("project", list(PROJECTS))
def test_the_code_keeps_every_contract(tree, project):
    result = lint_imports(tree, project)

    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(
    ("project", "module", "line", "contract"),
    [
        (
            "edge",
            "monolith/api/proxy.py",
            "import orders.models",
            "the edge imports no service's code, only what the services share",
        ),
        (
            "orders",
            "services/orders/orders/services.py",
            "from users.models import User",
            "the orders service imports nothing of another service or the edge",
        ),
        (
            "users",
            "services/users/users/services.py",
            "import orders.models",
            "the users service imports nothing of another service or the edge",
        ),
        (
            "orders",
            "shared/users/client.py",
            "import django.conf",
            "shared imports neither Django nor any app",
        ),
        (
            "users",
            "chassis/fields.py",
            "import users.models",
            "the chassis imports no app and no project",
        ),
    ],
    ids=[
        "edge-imports-orders",
        "orders-imports-users",
        "users-imports-orders",
        "shared-imports-django",
        "chassis-imports-an-app",
    ],
)
def test_a_forbidden_import_fails_naming_the_contract(
    tree, project, module, line, contract
):
    path = tree / module
    path.write_text(f"{line}  # noqa\n{path.read_text()}")

    result = lint_imports(tree, project)

    assert result.returncode != 0
    assert f"{contract} BROKEN" in result.stdout
