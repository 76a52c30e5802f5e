"""Tests of make verify-stages: what it plans to run, and how it reports."""

import sys

from tools import labs
from tools.verify_stages import Outcome, Step, plan, report, run_step, summary


def lab(number, start, done):
    """Return a lab with no checks between two tags."""
    return labs.Lab(number, labs.LABS_DIR, "a lab", start, done, [])


def test_plan_tests_every_tag_then_each_lab_failing_at_start_and_passing_at_done():
    steps = plan(["stage-0-a", "stage-1-b"], [lab(1, "stage-0-a", "stage-1-b")])

    assert [(step.title, step.tag, step.expect_success) for step in steps] == [
        ("stage-0-a: make test", "stage-0-a", True),
        ("stage-1-b: make test", "stage-1-b", True),
        ("lab 1 checks fail at stage-0-a", "stage-0-a", False),
        ("lab 1 checks pass at stage-1-b", "stage-1-b", True),
    ]
    assert steps[2].command == [sys.executable, "-m", "tools.labs", "check", "1"]


def test_summary_marks_what_did_not_go_as_expected():
    step = Step("lab 1 checks fail at stage-0-a", "stage-0-a", ["true"], False)
    outcomes = [
        Outcome(step, "fail", 42.4, as_expected=True, output=""),
        Outcome(step, "pass", 61.0, as_expected=False, output=""),
    ]

    table = summary(outcomes).splitlines()

    assert table[2] == "| lab 1 checks fail at stage-0-a | fail | yes | 0m42s |"
    assert table[3] == "| lab 1 checks fail at stage-0-a | pass | **NO** | 1m01s |"


def test_a_steps_output_keeps_stdout_and_stderr_in_the_order_written(tmp_path):
    script = (
        "import sys; print('building', flush=True); "
        "print('a warning', file=sys.stderr, flush=True); print('1 failed')"
    )
    step = Step(
        "stage-0-a: make test", "stage-0-a", [sys.executable, "-c", script], True
    )

    outcome = run_step(step, tmp_path)

    assert outcome.output.splitlines() == ["building", "a warning", "1 failed"]


def test_an_unexpected_outcome_shows_its_end_and_keeps_the_whole_output(
    tmp_path, capsys
):
    step = Step("stage-0-a: make test", "stage-0-a", ["true"], True)
    output = "pip warning\n" * 1000 + "FAILED tests/test_x.py::test_y\n"

    report(Outcome(step, "fail", 1.0, as_expected=False, output=output), tmp_path)

    printed = capsys.readouterr().out
    assert "FAILED tests/test_x.py::test_y" in printed
    assert str(tmp_path / "stage-0-a--make-test.log") in printed
    assert (tmp_path / "stage-0-a--make-test.log").read_text() == output
