"""`chassis` and `shared` are installed packages, not folders put on sys.path."""

import importlib.metadata
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
DISTRIBUTION = "monolith-to-microservices"
GUNICORN_CONFIGS = [
    REPO_ROOT / "monolith/config/gunicorn.py",
    *REPO_ROOT.glob("services/*/config/gunicorn.py"),
]
SERVICE_MANAGE_FILES = list(REPO_ROOT.glob("services/*/manage.py"))


@pytest.mark.parametrize("package", ["chassis", "shared"])
def test_the_package_is_installed_by_the_root_project(package):
    provided = importlib.metadata.packages_distributions()

    assert DISTRIBUTION in provided.get(package, [])


@pytest.mark.parametrize("package", ["chassis", "shared"])
def test_the_package_imports_from_outside_the_repository(tmp_path, package):
    result = subprocess.run(
        [sys.executable, "-I", "-c", f"import {package}; print({package}.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()).parent == REPO_ROOT / package


def relative(path: Path) -> str:
    """Name a file by its path in the repository, for test ids."""
    return str(path.relative_to(REPO_ROOT))


@pytest.mark.parametrize("config", GUNICORN_CONFIGS, ids=relative)
def test_gunicorn_puts_only_its_own_project_on_the_path(config):
    settings = runpy.run_path(str(config))

    assert settings["pythonpath"] == str(config.parents[1])


@pytest.mark.parametrize("manage", SERVICE_MANAGE_FILES, ids=relative)
def test_a_service_manage_py_leaves_the_path_alone(manage):
    assert "sys.path" not in manage.read_text()


def pins(lock: Path) -> dict[str, str]:
    """Return a pip-compile lock's pins: package name to version."""
    found = {}
    for line in lock.read_text().splitlines():
        name, equals, version = line.partition("==")
        if equals and not line.startswith((" ", "#")):
            found[name] = version
    return found


def test_make_runs_environment_pins_the_versions_of_the_test_environment():
    run, test = (
        pins(REPO_ROOT / "requirements-run.lock"),
        pins(REPO_ROOT / "requirements.lock"),
    )

    assert {name: test.get(name) for name in run} == run


@pytest.mark.parametrize("tool", ["pytest", "psycopg", "requests", "pygments"])
def test_make_runs_environment_holds_no_test_tool(tool):
    run = pins(REPO_ROOT / "requirements-run.lock")

    assert tool not in run


def test_no_virtual_environment_is_tracked():
    tracked = subprocess.run(
        ["git", "-C", str(REPO_ROOT), "ls-files", ".venv", ".venv-run"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    assert tracked == ""
