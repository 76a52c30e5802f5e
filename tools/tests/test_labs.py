"""Tests of the lab machinery: finding a lab, starting it, reporting its checks."""

import subprocess
import textwrap

import pytest

from tools import labs
from tools.labkit import Check, CheckFailed


def write_lab(labs_dir, number=1, checks="CHECKS = []"):
    """Write a lab folder with the given checks module body."""
    folder = labs_dir / f"{number:02d}-sample"
    (folder / "checks").mkdir(parents=True)
    (folder / "checks" / "lab.py").write_text(
        textwrap.dedent(
            f"""
            TITLE = "a sample"
            START = "stage-0-start"
            DONE = "stage-1-done"
            {checks}
            """
        )
    )
    return folder


def git(path, *args):
    """Run git in a repository and return its output."""
    result = subprocess.run(
        ["git", "-C", str(path), *args], check=True, capture_output=True, text=True
    )
    return result.stdout.strip()


@pytest.fixture
def repo(tmp_path):
    """Return a repository with one commit tagged as the lab's start."""
    path = tmp_path / "repo"
    path.mkdir()
    git(path, "init", "--quiet", "--initial-branch=main")
    git(path, "config", "user.name", "Lab Tester")
    git(path, "config", "user.email", "lab@example.com")
    git(path, "commit", "--quiet", "--allow-empty", "-m", "Start")
    git(path, "tag", "stage-0-start")
    return path


@pytest.fixture
def tree(tmp_path):
    """Return a fake work tree whose environment builds at once."""
    path = tmp_path / "tree"
    path.mkdir()
    (path / "manage.py").write_text("")
    (path / "Makefile").write_text("venv:\n\t@true\n")
    return path


def test_find_lab_reads_title_and_tags(tmp_path):
    write_lab(tmp_path)

    lab = labs.find_lab(1, labs_dir=tmp_path)

    assert (lab.title, lab.start, lab.done, lab.branch) == (
        "a sample",
        "stage-0-start",
        "stage-1-done",
        "lab-1",
    )


def test_find_lab_names_the_labs_there_are(tmp_path):
    write_lab(tmp_path)

    with pytest.raises(labs.LabError, match="no lab 7; the labs are: 01-sample"):
        labs.find_lab(7, labs_dir=tmp_path)


def test_a_labs_checks_import_the_module_beside_them(tmp_path):
    folder = write_lab(tmp_path, checks="from .steps import CHECKS")
    (folder / "checks" / "steps.py").write_text("CHECKS = ['a step']\n")

    lab = labs.find_lab(1, labs_dir=tmp_path)

    assert lab.checks == ["a step"]


def test_two_copies_of_a_lab_import_each_their_own_module_beside_them(tmp_path):
    for copy, step in (("one", "first"), ("two", "second")):
        folder = write_lab(tmp_path / copy, checks="from .steps import CHECKS")
        (folder / "checks" / "steps.py").write_text(f"CHECKS = [{step!r}]\n")

    found = [labs.find_lab(1, labs_dir=tmp_path / copy) for copy in ("one", "two")]

    assert [lab.checks for lab in found] == [["first"], ["second"]]


def test_every_lab_of_the_project_loads():
    numbers = sorted(int(p.name[:2]) for p in labs.LABS_DIR.glob("[0-9][0-9]-*"))

    found = [labs.find_lab(number) for number in numbers]

    assert numbers
    assert all(lab.checks and lab.start and lab.done for lab in found)


def test_start_makes_a_worktree_on_branch_lab_n_at_the_start_tag(tmp_path, repo):
    lab = labs.find_lab(1, labs_dir=labs_dir_with_sample(tmp_path))

    tree = labs.start(lab, repo, None)

    assert tree == tmp_path / "repo-lab-1"
    assert git(tree, "rev-parse", "--abbrev-ref", "HEAD") == "lab-1"
    assert git(tree, "rev-parse", "HEAD") == git(repo, "rev-parse", "stage-0-start")


def test_start_refuses_a_tree_that_exists(tmp_path, repo):
    lab = labs.find_lab(1, labs_dir=labs_dir_with_sample(tmp_path))
    labs.start(lab, repo, None)

    with pytest.raises(labs.LabError, match="already exists"):
        labs.start(lab, repo, None)


def test_start_asks_for_the_tags_when_the_start_tag_is_missing(tmp_path, repo):
    git(repo, "tag", "-d", "stage-0-start")
    lab = labs.find_lab(1, labs_dir=labs_dir_with_sample(tmp_path))

    with pytest.raises(labs.LabError, match="make tags"):
        labs.start(lab, repo, None)


def labs_dir_with_sample(tmp_path):
    """Return a labs folder holding one sample lab."""
    labs_dir = tmp_path / "labs"
    write_lab(labs_dir)
    return labs_dir


def sample_lab(*checks):
    """Return a lab with the given checks."""
    return labs.Lab(1, labs.LABS_DIR, "a sample", "s0", "s1", list(checks))


def passing(tree):
    """A check that passes."""


def failing(tree):
    """A check that fails, saying what it saw."""
    raise CheckFailed("saw a foreign key")


def test_check_reports_each_check_and_passes_when_all_pass(tree, capsys):
    lab = sample_lab(Check("one", "hint one", passing), Check("two", "", passing))

    passed = labs.check(lab, tree)

    assert passed is True
    assert "PASS  one\n  PASS  two\n2 of 2 checks pass." in capsys.readouterr().out


def test_check_fails_showing_the_hint_and_what_was_seen(tree, capsys):
    lab = sample_lab(Check("one", "", passing), Check("two", "drop the key", failing))

    passed = labs.check(lab, tree)

    assert passed is False
    out = capsys.readouterr().out
    assert "FAIL  two\n        hint: drop the key\n        | saw a foreign key" in out
    assert "1 of 2 checks pass." in out


def crashing(tree):
    """A check with a bug of its own: it looks up a column the tree renamed."""
    row = {"customer_id": 1}
    return row["user_id"]


def test_check_turns_an_error_in_a_check_into_a_fail_with_its_hint(tree, capsys):
    lab = sample_lab(Check("one", "keep the ids", crashing), Check("two", "", passing))

    passed = labs.check(lab, tree)

    assert passed is False
    out = capsys.readouterr().out
    assert "FAIL  one\n        hint: keep the ids\n" in out
    assert "| the check stopped on: KeyError: 'user_id'" in out
    assert "Traceback" not in out
    assert "PASS  two\n1 of 2 checks pass." in out


def test_indent_keeps_the_first_line_and_the_last_ones():
    text = "\n".join(["what failed", *(f"line {n}" for n in range(30)), "the error"])

    shown = labs.indent(text, lines=4).splitlines()

    assert shown == [
        "        | what failed",
        "        | ...",
        "        | line 29",
        "        | the error",
    ]


def test_check_refuses_a_folder_that_is_not_a_checkout(tmp_path):
    with pytest.raises(labs.LabError, match="not a checkout"):
        labs.check(sample_lab(), tmp_path)
