"""Tests of the consistency part of make bench: its ratios and the saga's times."""

import httpx

from tools.benchconsistency import (
    CHECKED,
    CONDITIONAL_WRITE,
    PLACEMENT,
    PLAIN_WRITE,
    Consistency,
    SagaTimes,
    Writers,
    pair_table,
    saga_millis,
    saga_table,
    with_consistency,
)
from tools.benchkit import Result
from tools.benchreport import HERE


def result(p50_seconds):
    """Return a result whose every latency is p50_seconds."""
    return Result(3, 1.0, [p50_seconds] * 3, errors=0)


def one_round(checked, placed, conditional, plain):
    """Return a round of the four scenarios on this checkout."""
    return {
        CHECKED: {HERE: result(checked)},
        PLACEMENT: {HERE: result(placed)},
        CONDITIONAL_WRITE: {HERE: result(conditional)},
        PLAIN_WRITE: {HERE: result(plain)},
    }


def test_pair_table_gives_each_pairs_ratio_within_rounds():
    rounds = [
        one_round(0.012, 0.010, 0.010, 0.010),
        one_round(0.024, 0.020, 0.011, 0.010),
    ]

    table = pair_table(rounds)

    assert f"| {CHECKED} | {PLACEMENT} | 1.20 | 1.20-1.20 | 2 of 2 rounds" in table
    assert f"| {CONDITIONAL_WRITE} | {PLAIN_WRITE} | 1.05 | 1.00-1.10 |" in table


def test_a_sagas_time_runs_from_its_start_to_its_last_change():
    saga = {
        "created_at": "2026-11-30T12:00:00.000000Z",
        "updated_at": "2026-11-30T12:00:00.042500Z",
    }

    assert saga_millis(saga) == 42.5


def test_saga_table_gives_the_percentiles_of_the_decided():
    times = SagaTimes(placed=4, decided=3, millis=[10.0, 20.0, 90.0])

    assert "| 4 | 3 | 20 | 90 |" in saga_table(times)


def test_writers_send_the_etag_of_the_last_answer_in_if_match():
    seen = []

    def answer(request):
        seen.append(request.headers.get("If-Match"))
        if request.method == "POST":
            return httpx.Response(201, json={"id": len(seen)})
        version = len(seen)
        return httpx.Response(200, headers={"ETag": f'"{version}"'})

    transport = httpx.MockTransport(answer)
    with httpx.Client(base_url="http://bench", transport=transport) as api:
        writers = Writers(api)
        seen.clear()
        writers.change(api, conditional=True)
        writers.change(api, conditional=True)

    # A GET for the first tag, then each PATCH sends the tag the last answer gave.
    assert seen == [None, '"1"', '"2"']


def test_each_paired_scenario_is_measured_right_after_its_pair():
    ours = {name: None for name in (CHECKED, PLAIN_WRITE, CONDITIONAL_WRITE)}

    merged = with_consistency(
        {"list": None, PLACEMENT: None, "user detail": None}, Consistency(ours, 7)
    )

    assert list(merged) == [
        "list",
        PLACEMENT,
        CHECKED,
        "user detail",
        PLAIN_WRITE,
        CONDITIONAL_WRITE,
    ]
