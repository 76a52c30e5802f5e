"""Re-verify every stage tag and every lab from clean worktrees.

Usage: `python -m tools.verify_stages` (`make verify-stages`). For each stage
tag it makes a temporary worktree and runs that stage's own `make test`
there. Then, for each lab, it runs the lab's checks against the worktree of
its start tag, where they must fail, and of its done tag, where they must
pass. It ends with a table and exits with 0 only if everything went as
expected. Each step's whole output, stdout and stderr in the order they were
written, is kept in var/verify-stages/ until the next run; a step that did
not go as expected also shows its last lines. It takes several minutes: each
stage builds its own environment.
"""

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tools import labs, stages

REPO_ROOT = Path(__file__).resolve().parents[1]
LOG_DIR = REPO_ROOT / "var" / "verify-stages"


@dataclass(frozen=True)
class Step:
    """One thing to verify: a command in a stage's worktree and its expected outcome."""

    title: str
    tag: str
    command: list[str]
    expect_success: bool


@dataclass(frozen=True)
class Outcome:
    """What a step did."""

    step: Step
    result: str
    seconds: float
    as_expected: bool
    output: str


def plan(tags: list[str], found_labs: list[labs.Lab]) -> list[Step]:
    """List the steps: each tag's `make test`, then each lab at its start and done."""
    steps = [
        Step(f"{tag}: make test", tag, ["make", "test"], expect_success=True)
        for tag in tags
    ]
    for lab in found_labs:
        for tag, succeeds in ((lab.start, False), (lab.done, True)):
            verdict = "pass" if succeeds else "fail"
            steps.append(
                Step(
                    f"lab {lab.number} checks {verdict} at {tag}",
                    tag,
                    [sys.executable, "-m", "tools.labs", "check", str(lab.number)],
                    expect_success=succeeds,
                )
            )
    return steps


def run_step(step: Step, tree: Path | None) -> Outcome:
    """Run one step in the tag's worktree (lab checks run here, on that tree)."""
    if tree is None:
        return Outcome(step, "skipped: no such tag yet", 0.0, False, "")
    started = time.monotonic()
    is_lab = step.command[:3] == [sys.executable, "-m", "tools.labs"]
    command = [*step.command, "--dir", str(tree)] if is_lab else step.command
    # One stream, so the output reads in the order it was written: a failing
    # test's report comes last, after any warnings of the environment's build.
    result = subprocess.run(
        command,
        cwd=REPO_ROOT if is_lab else tree,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    seconds = time.monotonic() - started
    succeeded = result.returncode == 0
    return Outcome(
        step,
        "pass" if succeeded else "fail",
        seconds,
        succeeded == step.expect_success,
        result.stdout,
    )


def summary(outcomes: list[Outcome]) -> str:
    """Render the outcomes as a Markdown table."""
    rows = ["| step | result | expected | time |", "| --- | --- | --- | --- |"]
    for outcome in outcomes:
        expected = "yes" if outcome.as_expected else "**NO**"
        minutes, seconds = divmod(round(outcome.seconds), 60)
        rows.append(
            f"| {outcome.step.title} | {outcome.result} | {expected} "
            f"| {minutes}m{seconds:02d}s |"
        )
    return "\n".join(rows)


def worktrees(tags: set[str], root: Path) -> dict[str, Path]:
    """Make a detached worktree for each tag that exists; return where they are."""
    made = {}
    for tag in sorted(tags):
        path = root / tag
        command = ["worktree", "add", "--detach", str(path), tag]
        added = subprocess.run(
            ["git", "-C", str(REPO_ROOT), *command],
            capture_output=True,
            text=True,
            check=False,
        )
        if added.returncode == 0:
            made[tag] = path
    return made


def remove_worktrees(paths: list[Path]) -> None:
    """Remove the temporary worktrees, whatever state they are in."""
    for path in paths:
        subprocess.run(
            ["git", "-C", str(REPO_ROOT), "worktree", "remove", "--force", str(path)],
            capture_output=True,
            check=False,
        )


def log_path(step: Step, log_dir: Path) -> Path:
    """Return where a step's output is kept: a file named after its title."""
    name = "".join(c if c.isalnum() or c in "-." else "-" for c in step.title)
    return log_dir / f"{name}.log"


def report(outcome: Outcome, log_dir: Path = LOG_DIR) -> Outcome:
    """Say that a step ran and keep its output; show its end if unexpected."""
    log = log_path(outcome.step, log_dir)
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text(outcome.output, encoding="utf-8")
    print(f"... {outcome.step.title}: {outcome.result}", flush=True)
    if not outcome.as_expected:
        print(outcome.output[-3000:])
        print(f"(the whole output is in {log})", flush=True)
    return outcome


def main(argv: Sequence[str] | None = None) -> int:
    """Verify every stage and lab; print the table; return the exit status."""
    parser = argparse.ArgumentParser(prog="verify_stages.py", description=__doc__)
    parser.parse_args(argv)
    if stages.main(["tags", "--repo", str(REPO_ROOT)]) != 0:
        return 1
    markers = stages.read_markers(REPO_ROOT)
    tags = [stage.tag for stage in stages.newest_per_stage(markers)]
    numbers = sorted(int(p.name[:2]) for p in labs.LABS_DIR.glob("[0-9][0-9]-*"))
    steps = plan(tags, [labs.find_lab(number) for number in numbers])
    shutil.rmtree(LOG_DIR, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="verify-stages-") as scratch:
        trees = worktrees({step.tag for step in steps}, Path(scratch))
        try:
            outcomes = [report(run_step(step, trees.get(step.tag))) for step in steps]
        finally:
            remove_worktrees(list(trees.values()))
    print()
    print(summary(outcomes))
    return 0 if all(outcome.as_expected for outcome in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
