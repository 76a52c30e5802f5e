"""Workshop labs: start one in a git worktree, then check it from the outside.

Usage: `python -m tools.labs start N [--into DIR]` and
`python -m tools.labs check N [--dir DIR]` (`make lab-start LAB=N`,
`make lab-check LAB=N [LAB_DIR=DIR]`). Lab N lives in `labs/NN-<slug>/`: a
README for the attendee and `checks/lab.py`, which names the stage the lab
starts at and the one it reaches, and lists its checks.
"""

import argparse
import importlib.machinery
import importlib.util
import re
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from tools.labkit import Check, CheckFailed, LabTree

REPO_ROOT = Path(__file__).resolve().parents[1]
LABS_DIR = REPO_ROOT / "labs"


class LabError(Exception):
    """The lab cannot be started or checked; the message says why."""


@dataclass(frozen=True)
class Lab:
    """A lab as its folder describes it."""

    number: int
    folder: Path
    title: str
    start: str
    done: str
    checks: list[Check]

    @property
    def branch(self) -> str:
        """Return the name of the attendee's branch."""
        return f"lab-{self.number}"

    def default_tree(self, repo: Path) -> Path:
        """Return where `start` puts the lab's worktree: beside the checkout."""
        return repo.resolve().parent / f"{repo.resolve().name}-lab-{self.number}"


def load_module(path: Path) -> ModuleType:
    """Import a lab's checks module from its file, inside its checks package.

    The folder `checks/` becomes a package named after the lab
    (`lab_03_orders_service`), made afresh at each load, so the module may
    import the modules beside it relatively (`from .moved import ...`)
    without meeting another lab's modules of the same name, or an older
    copy's. An `__init__.py` there is for mypy; nothing in it runs.
    """
    package = "lab_" + re.sub(r"\W", "_", path.parent.parent.name)
    for loaded in [name for name in sys.modules if name.startswith(f"{package}.")]:
        del sys.modules[loaded]
    package_spec = importlib.machinery.ModuleSpec(package, None, is_package=True)
    package_spec.submodule_search_locations = [str(path.parent)]
    sys.modules[package] = importlib.util.module_from_spec(package_spec)
    name = f"{package}.{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise LabError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def find_lab(number: int, labs_dir: Path = LABS_DIR) -> Lab:
    """Return lab `number` from `labs/NN-<slug>/`."""
    folders = sorted(labs_dir.glob(f"{number:02d}-*"))
    if not folders:
        known = ", ".join(sorted(p.name for p in labs_dir.glob("[0-9][0-9]-*")))
        raise LabError(f"there is no lab {number}; the labs are: {known or 'none'}")
    module = load_module(folders[0] / "checks" / "lab.py")
    return Lab(
        number=number,
        folder=folders[0],
        title=module.TITLE,
        start=module.START,
        done=module.DONE,
        checks=list(module.CHECKS),
    )


def git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run git in repo, capturing its output."""
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=False
    )


def start(lab: Lab, repo: Path, into: Path | None) -> Path:
    """Make a worktree on branch lab-N at the lab's start tag; return its path."""
    tree = (into or lab.default_tree(repo)).resolve()
    if tree.exists():
        raise LabError(f"{tree} already exists; `make lab-check LAB={lab.number}`")
    tagged = git(repo, "rev-parse", "--verify", "--quiet", f"{lab.start}^{{commit}}")
    if tagged.returncode:
        raise LabError(f"the tag {lab.start} is missing; run `make tags` first")
    added = git(repo, "worktree", "add", "-b", lab.branch, str(tree), lab.start)
    if added.returncode:
        raise LabError(f"git worktree add failed: {added.stderr.strip()}")
    return tree


def check(lab: Lab, tree_path: Path) -> bool:
    """Run every check of the lab against the tree, print a report, return success."""
    if not (tree_path / "manage.py").is_file():
        raise LabError(f"{tree_path} is not a checkout of this project")
    print(f"Lab {lab.number}: {lab.title}. Checking {tree_path}")
    passed = 0
    with tempfile.TemporaryDirectory(prefix="lab-check-") as scratch:
        tree = LabTree(path=tree_path.resolve(), scratch=Path(scratch))
        try:
            tree.prepare()
        except CheckFailed as failure:
            print(f"  FAIL  the tree's environment could not be built\n{failure}")
            return False
        for item in lab.checks:
            seen = run_one(item, tree)
            if seen is None:
                passed += 1
                print(f"  PASS  {item.name}")
            else:
                print(f"  FAIL  {item.name}\n        hint: {item.hint}")
                print(indent(seen))
    print(f"{passed} of {len(lab.checks)} checks pass.")
    return passed == len(lab.checks)


def run_one(item: Check, tree: LabTree) -> str | None:
    """Run one check; return None when it passes, else what was seen.

    A check that stops on an error of its own (a tree laid out in a way it
    did not foresee) is a failure too, reported with the error's last line,
    so one surprise never hides the other checks' verdicts.
    """
    try:
        item.run(tree)
    except CheckFailed as failure:
        return str(failure)
    except Exception as error:  # any error is this check's FAIL
        last = (str(error).strip().splitlines() or [""])[-1]
        return f"the check stopped on: {type(error).__name__}: {last}"
    return None


def indent(text: str, *, lines: int = 16) -> str:
    """Indent a failure's detail under its check: its first line and its last ones.

    Tools print the line that matters last (the assertion, the exception),
    so what is cut is the middle.
    """
    kept = [line for line in text.strip().splitlines() if line.strip()]
    if len(kept) > lines:
        kept = [kept[0], "...", *kept[len(kept) - lines + 2 :]]
    return "\n".join(f"        | {line}" for line in kept)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit status."""
    parser = argparse.ArgumentParser(prog="labs.py", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    starting = commands.add_parser("start", help="make the lab's worktree")
    starting.add_argument("number", type=int)
    starting.add_argument("--into", type=Path, help="where to put the worktree")
    checking = commands.add_parser("check", help="check a lab's worktree")
    checking.add_argument("number", type=int)
    checking.add_argument("--dir", type=Path, help="the tree to check")
    args = parser.parse_args(argv)
    try:
        lab = find_lab(args.number)
        if args.command == "start":
            tree = start(lab, REPO_ROOT, args.into)
            readme = lab.folder.relative_to(REPO_ROOT) / "README.md"
            print(f"Lab {lab.number} ({lab.title}) is ready in {tree}")
            print(f"on branch {lab.branch}, at {lab.start}. Read {readme}, work there,")
            print(f"then run `make lab-check LAB={lab.number}` here to check it.")
            return 0
        tree_path = args.dir or lab.default_tree(REPO_ROOT)
        if not tree_path.exists():
            hint = f"run `make lab-start LAB={lab.number}`"
            raise LabError(f"{tree_path} does not exist; {hint}")
        return 0 if check(lab, tree_path) else 1
    except LabError as error:
        print(f"labs.py: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
