"""Tests for tools/stages.py, run against throwaway git repositories."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tools import stages
from tools.stages import main


class GitRepo:
    """A throwaway repository whose history the tests write commit by commit."""

    def __init__(self, path):
        self.path = path
        path.mkdir()
        self.git("init", "--quiet", "--initial-branch=main")
        self.git("config", "user.name", "Stage Tester")
        self.git("config", "user.email", "tester@example.com")

    def git(self, *args):
        """Run git in the repository and return its stripped output."""
        command = ["git", "-C", str(self.path), *args]
        result = subprocess.run(command, check=True, capture_output=True, text=True)
        return result.stdout.strip()

    def commit(self, subject, stage=None):
        """Commit nothing but a message, with a Stage trailer if given."""
        trailer = ["-m", f"Stage: {stage}"] if stage else []
        self.git("commit", "--quiet", "--allow-empty", "-m", subject, *trailer)
        return self.git("rev-parse", "HEAD")

    def tag_target(self, name):
        """Return the commit a tag points at."""
        return self.git("rev-parse", f"{name}^{{commit}}")

    def tag_objects(self):
        """Return every tag with the object it names, one per line."""
        return self.git(
            "for-each-ref", "--format=%(refname) %(objectname)", "refs/tags"
        )


def columns(output):
    """Split printed lines into the columns the tool separates with two spaces."""
    return [re.split(r"\s{2,}", line) for line in output.splitlines()]


def run_tags(repo):
    """Run `stages.py tags` in-process against the repository."""
    return main(["tags", "--repo", str(repo.path)])


def run_list(repo):
    """Run `stages.py list` in-process against the repository."""
    return main(["list", "--repo", str(repo.path)])


@pytest.fixture(autouse=True)
def isolated_git(monkeypatch):
    """Keep the machine's git config and any enclosing repository out of the tests."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMITTER_DATE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def repo(tmp_path):
    return GitRepo(tmp_path / "repo")


def test_list_reports_no_stage_markers_yet(repo, capsys):
    repo.commit("Start the project")

    status = run_list(repo)

    assert status == 0
    assert capsys.readouterr().out == "no stage markers yet\n"


def test_list_reports_no_stage_markers_in_a_repository_without_commits(repo, capsys):
    status = run_list(repo)

    assert status == 0
    assert capsys.readouterr().out == "no stage markers yet\n"


def test_list_shows_each_stage_with_its_tag_state(repo, capsys):
    stage_0 = repo.commit("Complete stage 0", stage="0-monolith")
    repo.commit("Complete stage 1", stage="1-modular-monolith")
    run_tags(repo)
    stage_1 = repo.commit("Fix stage 1", stage="1-modular-monolith")
    stage_2 = repo.commit("Complete stage 2", stage="2-users-service")
    capsys.readouterr()

    status = run_list(repo)

    assert status == 0
    assert columns(capsys.readouterr().out) == [
        ["stage-0-monolith", stage_0[:7], "Complete stage 0", "(tagged)"],
        [
            "stage-1-modular-monolith",
            stage_1[:7],
            "Fix stage 1",
            "(tag points elsewhere)",
        ],
        ["stage-2-users-service", stage_2[:7], "Complete stage 2", "(tag missing)"],
    ]


def test_list_creates_no_tags(repo):
    repo.commit("Complete stage 0", stage="0-monolith")

    run_list(repo)

    assert repo.tag_objects() == ""


def test_list_works_from_a_subdirectory_of_the_work_tree(repo, monkeypatch, capsys):
    repo.commit("Complete stage 0", stage="0-monolith")
    (repo.path / "docs").mkdir()
    monkeypatch.chdir(repo.path / "docs")

    status = main(["list"])

    assert status == 0
    assert capsys.readouterr().out.startswith("stage-0-monolith  ")


def test_list_fails_outside_a_git_repository(tmp_path, capsys):
    status = main(["list", "--repo", str(tmp_path)])

    assert status == 1
    assert "git failed" in capsys.readouterr().err


def test_tags_are_created_at_the_newest_marker_of_each_stage(repo):
    repo.commit("Add the users app")
    repo.commit("Complete stage 0", stage="0-monolith")
    stage_0 = repo.commit("Fix a typo in stage 0", stage="0-monolith")
    repo.commit("Draw the seam between users and orders")
    stage_1 = repo.commit("Complete stage 1", stage="1-modular-monolith")

    status = run_tags(repo)

    assert status == 0
    assert repo.tag_target("stage-0-monolith") == stage_0
    assert repo.tag_target("stage-1-modular-monolith") == stage_1


def test_tags_are_annotated_with_the_stage_number_and_slug(repo):
    repo.commit("Complete stage 0", stage="0-monolith")

    run_tags(repo)

    assert repo.git("cat-file", "-t", "stage-0-monolith") == "tag"
    message = repo.git("tag", "--list", "--format=%(contents)", "stage-0-monolith")
    assert message == "Stage 0: monolith"


def test_tags_reports_each_created_tag(repo, capsys):
    stage_0 = repo.commit("Complete stage 0", stage="0-monolith")
    stage_1 = repo.commit("Complete stage 1", stage="1-modular-monolith")

    run_tags(repo)

    assert columns(capsys.readouterr().out) == [
        ["stage-0-monolith", stage_0[:7], "created"],
        ["stage-1-modular-monolith", stage_1[:7], "created"],
    ]


def test_tags_second_run_reports_every_tag_unchanged(repo, capsys):
    stage_0 = repo.commit("Complete stage 0", stage="0-monolith")
    stage_1 = repo.commit("Complete stage 1", stage="1-modular-monolith")
    run_tags(repo)
    capsys.readouterr()

    status = run_tags(repo)

    assert status == 0
    assert columns(capsys.readouterr().out) == [
        ["stage-0-monolith", stage_0[:7], "unchanged"],
        ["stage-1-modular-monolith", stage_1[:7], "unchanged"],
    ]


def test_tags_second_run_leaves_the_tag_objects_alone(repo, monkeypatch):
    repo.commit("Complete stage 0", stage="0-monolith")
    repo.commit("Complete stage 1", stage="1-modular-monolith")
    run_tags(repo)
    before = repo.tag_objects()
    # A recreated tag would record this later date and so get a new object id.
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2030-01-01T00:00:00+00:00")

    run_tags(repo)

    assert repo.tag_objects() == before


def test_tags_moves_the_latest_stage_tag_to_its_new_marker(repo):
    repo.commit("Complete stage 0", stage="0-monolith")
    run_tags(repo)
    fix = repo.commit("Fix stage 0", stage="0-monolith")

    status = run_tags(repo)

    assert status == 0
    assert repo.tag_target("stage-0-monolith") == fix


def test_tags_reports_a_moved_tag_with_its_previous_commit(repo, capsys):
    first = repo.commit("Complete stage 0", stage="0-monolith")
    run_tags(repo)
    fix = repo.commit("Fix stage 0", stage="0-monolith")
    capsys.readouterr()

    run_tags(repo)

    assert columns(capsys.readouterr().out) == [
        ["stage-0-monolith", fix[:7], f"moved (was {first[:7]})"],
    ]


def test_tags_leaves_unrelated_tags_untouched(repo):
    repo.commit("Start the project")
    repo.git("tag", "--annotate", "--message", "First release", "v1")
    before = repo.git("for-each-ref", "--format=%(objectname)", "refs/tags/v1")
    repo.commit("Complete stage 0", stage="0-monolith")

    run_tags(repo)

    assert repo.git("for-each-ref", "--format=%(objectname)", "refs/tags/v1") == before


def test_tags_refuses_a_gap_in_stage_numbers(repo, capsys):
    repo.commit("Complete stage 0", stage="0-monolith")
    repo.commit("Complete stage 2", stage="2-users-service")

    status = run_tags(repo)

    assert status == 1
    assert "found 0, 2 but no marker for stage 1" in capsys.readouterr().err


def test_tags_refuses_stage_numbers_that_do_not_start_at_zero(repo, capsys):
    repo.commit("Complete stage 1", stage="1-modular-monolith")

    status = run_tags(repo)

    assert status == 1
    assert "no marker for stage 0" in capsys.readouterr().err


def test_tags_refuses_a_stage_number_with_two_slugs(repo, capsys):
    repo.commit("Complete stage 0", stage="0-monolith")
    repo.commit("Complete stage 0 again", stage="0-big-ball-of-mud")

    status = run_tags(repo)

    assert status == 1
    assert "stage 0 is marked with two slugs" in capsys.readouterr().err


def test_tags_refuses_a_stage_remarked_after_the_next_one_began(repo, capsys):
    repo.commit("Complete stage 0", stage="0-monolith")
    began = repo.commit("Complete stage 1", stage="1-modular-monolith")
    remarked = repo.commit("Fix stage 0 too late", stage="0-monolith")
    repo.commit("Complete stage 1 again", stage="1-modular-monolith")

    status = run_tags(repo)

    assert status == 1
    expected = f"stage 0 was marked again at {remarked[:7]} after stage 1 began at"
    assert f"{expected} {began[:7]}" in capsys.readouterr().err


def test_tags_refuses_a_stage_that_does_not_build_on_the_previous_one(repo, capsys):
    repo.commit("Start the project")
    repo.git("switch", "--quiet", "--create", "side")
    repo.commit("Complete stage 1 on a side branch", stage="1-modular-monolith")
    repo.git("switch", "--quiet", "main")
    repo.commit("Complete stage 0", stage="0-monolith")
    repo.git("merge", "--quiet", "--no-ff", "--no-edit", "side")

    status = run_tags(repo)

    assert status == 1
    assert "does not build on stage 0" in capsys.readouterr().err


def test_tags_refuses_an_invalid_trailer_value_and_names_the_commit(repo, capsys):
    bad = repo.commit("Complete stage 0", stage="0_Monolith")

    status = run_tags(repo)

    assert status == 1
    assert f"commit {bad[:7]} ('Complete stage 0') has an invalid Stage trailer" in (
        capsys.readouterr().err
    )


def test_tags_refuses_a_commit_with_two_stage_trailers(repo, capsys):
    repo.commit("Complete two stages", stage="0-monolith\nStage: 1-modular-monolith")

    status = run_tags(repo)

    assert status == 1
    assert "carries 2 Stage trailers" in capsys.readouterr().err


def test_tags_refuses_to_move_a_tag_that_points_outside_its_stage(repo, capsys):
    unrelated = repo.commit("Start the project")
    repo.git("tag", "stage-0-monolith", unrelated)
    repo.commit("Complete stage 0", stage="0-monolith")

    status = run_tags(repo)

    assert status == 1
    assert "which is not a marker of stage 0" in capsys.readouterr().err
    assert repo.tag_target("stage-0-monolith") == unrelated


INVALID_HISTORIES = {
    "gap": ["0-monolith", "2-users-service"],
    "two slugs": ["0-monolith", "0-big-ball-of-mud"],
    "re-marked": ["0-monolith", "1-modular-monolith", "0-monolith"],
    "invalid value": ["0-monolith", "1-Modular"],
}


@pytest.mark.parametrize("markers", INVALID_HISTORIES.values(), ids=INVALID_HISTORIES)
def test_tags_creates_no_tags_when_the_history_is_invalid(repo, markers):
    for number, marker in enumerate(markers):
        repo.commit(f"Marker {number}", stage=marker)

    run_tags(repo)

    assert repo.tag_objects() == ""


def test_tags_creates_no_tags_when_one_tag_cannot_be_moved(repo):
    repo.commit("Complete stage 0", stage="0-monolith")
    unrelated = repo.commit("Start stage 1")
    repo.git("tag", "stage-1-modular-monolith", unrelated)
    repo.commit("Complete stage 1", stage="1-modular-monolith")

    run_tags(repo)

    assert repo.git("tag", "--list") == "stage-1-modular-monolith"


def test_script_creates_tags_from_the_command_line(repo):
    stage_0 = repo.commit("Complete stage 0", stage="0-monolith")
    command = [sys.executable, str(Path(stages.__file__)), "tags", "--repo", repo.path]

    result = subprocess.run(command, check=False, capture_output=True, text=True)

    assert result.returncode == 0
    assert result.stdout == f"stage-0-monolith  {stage_0[:7]}  created\n"
    assert repo.tag_target("stage-0-monolith") == stage_0
