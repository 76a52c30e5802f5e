"""Trees for the lab checks' tests: a stage's code, changed the way a shortcut would.

A tree runs with this checkout's Python (its `.venv/bin/python` hands over
to it), so a check that runs the tree's `manage.py` works without building
the tree's own environment.
"""

import subprocess
import sys
from pathlib import Path

from tools import labs
from tools.labkit import REPO_ROOT, Check, LabTree, stage_commit


def stage_tree(tmp_path: Path, tag: str, *paths: str) -> LabTree:
    """Write the paths as they are at a stage's tag to a tree, with a Python."""
    path = tmp_path / "tree"
    path.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(REPO_ROOT), "archive", stage_commit(tag), *paths],
        capture_output=True,
        check=True,
    )
    subprocess.run(["tar", "-x", "-C", str(path)], input=archive.stdout, check=True)
    python = path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    python.chmod(0o755)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    return LabTree(path=path, scratch=scratch)


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
