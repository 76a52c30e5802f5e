"""Trees for the lab checks' tests: a stage's code, changed the way a shortcut would.

A tree runs with this checkout's Python (its `.venv/bin/python` hands over
to it, and its `.venv/bin/celery` runs this checkout's Celery with it; the
same for `.venv-run/`, make run's environment from stage 4 on), so
a check that runs the tree's `manage.py` or its workers works without
building the tree's own environment. That Python finds the tree's own `chassis` and
`shared` first, not the ones this checkout installs, so a tree runs the
code of its stage.
"""

import subprocess
import sys
from pathlib import Path

from tools import labs
from tools.labkit import REPO_ROOT, Check, LabTree, stage_or_head

# What `make run` and the per-process targets need from a tree since stage 3;
# requirements-run.lock since stage 4.
RUNNABLE = [
    *("Makefile", "Procfile", "pyproject.toml", "requirements.lock"),
    *("requirements-run.lock", "manage.py", "monolith", "services", "chassis"),
    *("shared", "tools"),
]
# The tree's environments, each with its stamp that says it is up to date.
ENVIRONMENTS = {
    ".venv": (".installed-from-lock", ".installed-packages"),
    ".venv-run": (".installed-packages",),
}


def stage_tree(tmp_path: Path, tag: str, *paths: str) -> LabTree:
    """Write the paths as they are at a stage's tag to a tree, with a Python."""
    path = tmp_path / "tree"
    path.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(REPO_ROOT), "archive", stage_or_head(tag), *at(tag, paths)],
        capture_output=True,
        check=True,
    )
    subprocess.run(["tar", "-x", "-C", str(path)], input=archive.stdout, check=True)
    for environment in ENVIRONMENTS:
        (path / environment / "bin").mkdir(parents=True)
        for name, runs in (("python", ""), ("celery", "-m celery ")):
            command = path / environment / "bin" / name
            command.write_text(
                f'#!/bin/sh\nexport PYTHONPATH="{path}${{PYTHONPATH:+:$PYTHONPATH}}"\n'
                f'exec "{sys.executable}" {runs}"$@"\n'
            )
            command.chmod(0o755)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    return LabTree(path=path, scratch=scratch)


def runnable_tree(tmp_path: Path, tag: str) -> LabTree:
    """Write a stage's tree that its make targets can start (stage 3 on).

    Its Makefile finds the environment up to date: the stamps it checks are
    newer than the lock and pyproject.toml that git wrote.
    """
    tree = stage_tree(tmp_path, tag, *RUNNABLE)
    for environment, stamps in ENVIRONMENTS.items():
        for stamp in stamps:
            (tree.path / environment / stamp).touch()
    return tree


def at(tag: str, paths: tuple[str, ...]) -> list[str]:
    """Return the paths that the stage's tag has."""
    revision = stage_or_head(tag)
    return [
        path
        for path in paths
        if subprocess.run(
            ["git", "-C", str(REPO_ROOT), "cat-file", "-e", f"{revision}:{path}"],
            capture_output=True,
            check=False,
        ).returncode
        == 0
    ]


def change(tree: LabTree, module: str, old: str, new: str) -> None:
    """Replace one piece of a module's text, which must be there."""
    path = tree.path / module
    text = path.read_text()
    assert old in text, f"{old!r} is not in {module}"
    path.write_text(text.replace(old, new, 1))


def lab_check(number: int, name: str) -> Check:
    """Return the check of lab `number` whose function is `name`."""
    lab = labs.find_lab(number)
    return next(item for item in lab.checks if item.run.__name__ == name)
