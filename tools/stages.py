"""Derive the tutorial's stage tags from the `Stage: <n>-<slug>` commit trailers.

Usage: `python tools/stages.py {list,tags} [--repo PATH]`. The rules are in the
README, "Following the stages": a stage is marked by a commit with the trailer
`Stage: <n>-<slug>`, and its tag points at the newest such commit.
"""

import argparse
import itertools
import re
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

STAGE_VALUE = re.compile(r"(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)", re.ASCII)
# Fields are split by \x1f, trailer values by \x1e and commits by NUL (`-z`):
# none of them can appear in a subject or a trailer value.
LOG_FORMAT = "%H%x1f%s%x1f%(trailers:key=Stage,valueonly,unfold,separator=%x1e)"
TAG_FORMAT = "%(refname:strip=2) %(objectname) %(*objectname)"


class StageOrderError(Exception):
    """The Stage trailers or stage tags do not describe a valid line of stages."""


@dataclass(frozen=True)
class Stage:
    """A stage marked by one commit; a stage's own commit is its newest marker."""

    number: int
    slug: str
    sha: str
    subject: str

    @property
    def tag(self) -> str:
        """Return the name of the tag that marks this stage."""
        return f"stage-{self.number}-{self.slug}"


@dataclass(frozen=True)
class TagChange:
    """What `tags` does to one stage's tag, and where the tag pointed before."""

    stage: Stage
    action: Literal["created", "moved", "unchanged"]
    previous: str | None = None


def short(sha: str) -> str:
    """Abbreviate a commit id the way `git log --oneline` does in a small repo."""
    return sha[:7]


def run_git(
    repo: Path, *args: str, check: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run git inside the work tree at repo, capturing its output as text."""
    command = ["git", "-C", str(repo), *args]
    return subprocess.run(command, check=check, capture_output=True, text=True)


def git_says_yes(repo: Path, *args: str) -> bool:
    """Run a git command that exits with 0 for yes and 1 for no."""
    result = run_git(repo, *args, check=False)
    if result.returncode > 1:
        raise subprocess.CalledProcessError(
            result.returncode, result.args, result.stdout, result.stderr
        )
    return result.returncode == 0


def is_ancestor(repo: Path, older: str, newer: str) -> bool:
    """Tell whether commit older is commit newer or one of its ancestors."""
    return git_says_yes(repo, "merge-base", "--is-ancestor", older, newer)


def parse_marker(sha: str, subject: str, values: list[str]) -> Stage:
    """Turn the Stage trailer values of one commit into a Stage."""
    named = f"commit {short(sha)} ({subject!r})"
    if len(values) > 1:
        raise StageOrderError(
            f"{named} carries {len(values)} Stage trailers; one at most"
        )
    match = STAGE_VALUE.fullmatch(values[0])
    if match is None:
        raise StageOrderError(
            f"{named} has an invalid Stage trailer {values[0]!r}; "
            f"expected '<n>-<slug>', such as '0-monolith'"
        )
    return Stage(int(match[1]), match[2], sha, subject)


def read_markers(repo: Path) -> list[Stage]:
    """Return one Stage per commit reachable from HEAD with a Stage trailer."""
    if not git_says_yes(repo, "rev-parse", "--verify", "--quiet", "HEAD"):
        return []
    # Topological order lists every commit before its ancestors, so the first
    # marker seen for a stage is its newest, whatever the commit dates say.
    log = run_git(repo, "log", "-z", "--topo-order", f"--format={LOG_FORMAT}", "HEAD")
    markers = []
    for record in filter(None, log.stdout.split("\0")):
        sha, subject, values = record.split("\x1f")
        if values.strip():
            markers.append(parse_marker(sha, subject, values.strip().split("\x1e")))
    return markers


def newest_per_stage(markers: list[Stage]) -> list[Stage]:
    """Pick each stage's newest marker, checking one slug per number, no gaps."""
    newest: dict[int, Stage] = {}
    for marker in markers:
        kept = newest.setdefault(marker.number, marker)
        if kept.slug != marker.slug:
            raise StageOrderError(
                f"stage {marker.number} is marked with two slugs: {kept.slug!r} "
                f"at {short(kept.sha)} and {marker.slug!r} at {short(marker.sha)}"
            )
    numbers = sorted(newest)
    if numbers != list(range(len(numbers))):
        missing = min(set(range(len(numbers))) - set(numbers))
        raise StageOrderError(
            f"stage numbers must run 0, 1, 2, ... without gaps; found "
            f"{', '.join(map(str, numbers))} but no marker for stage {missing}"
        )
    return [newest[number] for number in numbers]


def check_line(repo: Path, stages: list[Stage], markers: list[Stage]) -> None:
    """Check each stage was finished before the next began and builds on it."""
    # Markers run newest first, so the last one kept for a number is its first.
    first = {marker.number: marker for marker in markers}
    for earlier, later in itertools.pairwise(stages):
        began = first[later.number]
        if is_ancestor(repo, began.sha, earlier.sha):
            raise StageOrderError(
                f"stage {earlier.number} was marked again at {short(earlier.sha)} "
                f"after stage {later.number} began at {short(began.sha)}"
            )
        if not is_ancestor(repo, earlier.sha, later.sha):
            raise StageOrderError(
                f"stage {later.number} at {short(later.sha)} does not build on "
                f"stage {earlier.number} at {short(earlier.sha)}"
            )


def stage_tags(repo: Path) -> dict[str, str]:
    """Map each existing `stage-*` tag to the commit it points at."""
    refs = run_git(repo, "for-each-ref", f"--format={TAG_FORMAT}", "refs/tags/stage-*")
    # An annotated tag's last field is its commit; a lightweight tag has none.
    return {name: shas[-1] for name, *shas in map(str.split, refs.stdout.splitlines())}


def tag_state(stage: Stage, tags: dict[str, str]) -> str:
    """Describe whether the stage's tag exists and points at its commit."""
    target = tags.get(stage.tag)
    if target is None:
        return "tag missing"
    return "tagged" if target == stage.sha else "tag points elsewhere"


def plan_tag(stage: Stage, markers: list[Stage], tags: dict[str, str]) -> TagChange:
    """Decide whether the stage's tag is created, moved or left unchanged."""
    target = tags.get(stage.tag)
    if target is None:
        return TagChange(stage, "created")
    if target == stage.sha:
        return TagChange(stage, "unchanged")
    if any(m.number == stage.number and m.sha == target for m in markers):
        return TagChange(stage, "moved", previous=target)
    raise StageOrderError(
        f"tag {stage.tag} points at {short(target)}, which is not a marker of "
        f"stage {stage.number}; if it is stale, remove it with 'git tag -d {stage.tag}'"
    )


def apply_tag(repo: Path, change: TagChange) -> None:
    """Create or move one annotated stage tag."""
    stage = change.stage
    force = ["-f"] if change.action == "moved" else []
    message = f"Stage {stage.number}: {stage.slug}"
    run_git(repo, "tag", *force, "-a", "-m", message, stage.tag, stage.sha)


def list_stages(repo: Path, stages: list[Stage]) -> None:
    """Print each stage's tag, commit, subject and whether the tag is in place."""
    tags = stage_tags(repo)
    width = max(len(stage.tag) for stage in stages)
    for stage in stages:
        state = tag_state(stage, tags)
        print(f"{stage.tag:<{width}}  {short(stage.sha)}  {stage.subject}  ({state})")


def tag_stages(repo: Path, stages: list[Stage], markers: list[Stage]) -> None:
    """Create or move every stage tag, after checking all of them can be set."""
    tags = stage_tags(repo)
    changes = [plan_tag(stage, markers, tags) for stage in stages]
    width = max(len(stage.tag) for stage in stages)
    for change in changes:
        if change.action != "unchanged":
            apply_tag(repo, change)
        was = f" (was {short(change.previous)})" if change.previous else ""
        line = f"{short(change.stage.sha)}  {change.action}{was}"
        print(f"{change.stage.tag:<{width}}  {line}")


def build_parser() -> argparse.ArgumentParser:
    """Describe the command line: a command and an optional --repo."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--repo", type=Path, default=Path(), help="a path in the work tree"
    )
    parser = argparse.ArgumentParser(
        prog="stages.py",
        description="Show or set the stage tags named by `Stage:` commit trailers.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", parents=[common], help="show each stage and its tag")
    commands.add_parser("tags", parents=[common], help="create or move the stage tags")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line interface and return the exit status."""
    args = build_parser().parse_args(argv)
    command: str = args.command
    repo: Path = args.repo
    try:
        markers = read_markers(repo)
        stages = newest_per_stage(markers)
        check_line(repo, stages, markers)
        if not stages:
            print("no stage markers yet")
        elif command == "list":
            list_stages(repo, stages)
        else:
            tag_stages(repo, stages, markers)
    except StageOrderError as error:
        print(f"stages.py: {error}; no tags were changed", file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as error:
        print(f"stages.py: git failed: {str(error.stderr).strip()}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
