"""Tests of the sync bench's tables and targets, from rounds made up by hand."""

from collections import Counter

from tools.benchkit import LIST, Result
from tools.benchlag import StepFigures
from tools.benchramp import Step, Work
from tools.benchreaders import name_number
from tools.benchreport import HERE
from tools.benchsyncreport import (
    highest_table,
    lag_table,
    per_change,
    spread_text,
    work_table,
)
from tools.benchtargets import targets, targets_table


def step(asked=50.0, *, p50=40.0, p99=90.0, lost=0, messages=None, requests=None):
    """Return a step of 100 changes at a rate, with its lags and its work."""
    figures = StepFigures(
        asked=asked,
        achieved=asked,
        changes=100,
        refused=0,
        lost=lost,
        p50=p50,
        p90=p99,
        p99=p99,
    )
    work = Work(
        messages=Counter(messages or {}),
        commands=1000,
        requests=Counter(requests or {}),
    )
    return Step(figures, poll_ms=20.0, work=work)


def list_round(here, there):
    """Return a read round of the order list alone: one latency here, one there."""
    return {
        LIST: {
            HERE: Result(1, 1.0, [here], errors=0),
            "stage 3": Result(1, 1.0, [there], errors=0),
        }
    }


def test_spread_text_shows_the_median_and_the_range():
    text = spread_text([3.0, 1.0, 2.0])

    assert text == "2 (1-3)"


def test_spread_text_without_values_is_n_a():
    text = spread_text([])

    assert text == "n/a"


def test_lag_table_has_a_row_per_style_and_rate_with_the_rounds_that_ran_it():
    rounds = [
        {"push": [step(50, p50=40), step(100, p50=60)]},
        {"push": [step(50, p50=50)]},
    ]

    rows = lag_table(rounds).splitlines()

    assert [row.split(" | ")[1:5] for row in rows[2:]] == [
        ["50", "2", "50 (50-50)", "45 (40-50)"],
        ["100", "1", "100 (100-100)", "60 (60-60)"],
    ]


def test_lag_table_sums_the_changes_lost():
    rounds = [{"pull": [step(lost=2)]}, {"pull": [step(lost=3)]}]

    rows = lag_table(rounds).splitlines()

    assert rows[2].split(" | ")[7] == "5"


def test_highest_table_gives_each_rounds_highest_sustained_rate():
    rounds = [
        {"push": [step(50), step(100), step(200, p99=5000)]},
        {"push": [step(50), step(100, lost=1)]},
    ]

    rows = highest_table(rounds).splitlines()

    assert rows[2] == "| push | 75 (50-100) | 100, 50 |"


def test_per_change_gives_the_median_across_rounds_of_each_kind():
    counts = [(Counter(users=100, orders=2), 100), (Counter(users=300), 200)]

    found = per_change(counts)

    assert found == {"orders": 0.01, "users": 1.25}


def test_work_table_leaves_the_changes_own_writes_out_of_the_requests():
    requests = {"writes": 100, "lookups": 100, "feed pages": 1}
    rounds = [{"notify-fetch": [step(messages={"users": 200}, requests=requests)]}]

    cells = work_table(rounds).splitlines()[2].split(" | ")

    assert cells[1:] == [
        "2.00 (2.00-2.00)",
        "users 2.00",
        "10.0 (10.0-10.0)",
        "1.01 (1.01-1.01)",
        "feed pages 0.01, lookups 1.00 |",
    ]


def test_work_table_says_none_when_a_style_asked_users_nothing():
    rounds = [{"push": [step(requests={"writes": 100})]}]

    cells = work_table(rounds).splitlines()[2].split(" | ")

    assert cells[-1] == "none |"


def test_targets_check_the_list_ratio_and_push_lag_at_the_steady_rate():
    reads = [list_round(0.11, 0.1), list_round(0.3, 0.2)]
    syncs = [{"push": [step(50, p50=80, p99=600), step(100, p50=900)]}]

    rows = targets_table(targets(reads=reads, syncs=syncs, there="stage 3"))

    assert [row.split(" | ")[-1] for row in rows.splitlines()[2:]] == [
        "not met: 1 of 2 rounds within |",
        "met: 1 of 1 rounds within |",
        "not met: 0 of 1 rounds within |",
    ]


def test_targets_without_sync_rounds_check_the_list_alone():
    reads = [list_round(0.1, 0.1)]

    checked = targets(reads=reads, syncs=[], there="stage 3")

    assert [target.values for target in checked] == [[1.0]]


def test_a_name_the_bench_gave_carries_its_number():
    numbers = [name_number("Lag 17"), name_number("Bench 3"), name_number("Lag x")]

    assert numbers == [17, 0, 0]
