"""Tests of the sync bench's arithmetic: lags, a step's figures, the ramp, verdicts."""

import pytest

from tools.benchlag import (
    LOST_SECONDS,
    Change,
    Sighting,
    StepFigures,
    highest_sustained,
    lags,
    percentile,
    ramp,
    spread,
    step_figures,
)


def figures(asked=50.0, *, achieved=None, p99=100.0, lost=0, refused=0):
    """Return a step's figures, sustained unless told otherwise."""
    return StepFigures(
        asked=asked,
        achieved=asked if achieved is None else achieved,
        changes=100,
        refused=refused,
        lost=lost,
        p50=p99 / 2,
        p90=p99,
        p99=p99,
    )


def test_a_change_is_visible_from_the_first_read_that_shows_its_number():
    changes = [Change(user_id=1, number=3, acknowledged=10.0)]
    sightings = [Sighting(1, 2, 10.1), Sighting(1, 3, 10.25), Sighting(1, 3, 10.4)]

    found = lags(changes, sightings)

    assert found == [pytest.approx(0.25)]


def test_a_read_of_a_newer_number_shows_an_older_change():
    changes = [Change(user_id=1, number=3, acknowledged=10.0)]
    sightings = [Sighting(user_id=1, number=5, seen=10.5)]

    found = lags(changes, sightings)

    assert found == [pytest.approx(0.5)]


def test_another_users_reads_do_not_show_a_change():
    changes = [Change(user_id=1, number=3, acknowledged=10.0)]
    sightings = [Sighting(user_id=2, number=3, seen=10.5)]

    found = lags(changes, sightings)

    assert found == [None]


def test_readers_out_of_order_count_the_earliest_read():
    changes = [Change(user_id=1, number=3, acknowledged=10.0)]
    sightings = [Sighting(1, 4, 10.6), Sighting(1, 3, 10.2)]

    found = lags(changes, sightings)

    assert found == [pytest.approx(0.2)]


def test_a_change_shown_before_its_acknowledgement_has_no_lag():
    changes = [Change(user_id=1, number=3, acknowledged=10.0)]
    sightings = [Sighting(user_id=1, number=3, seen=9.99)]

    found = lags(changes, sightings)

    assert found == [0.0]


def test_percentile_takes_the_nearest_rank():
    values = [float(n) for n in range(1, 101)]

    found = [percentile(values, share) for share in (0.5, 0.9, 0.99)]

    assert found == [51.0, 91.0, 100.0]


def test_step_figures_give_lag_percentiles_in_milliseconds():
    changes = [Change(1, n, acknowledged=float(n)) for n in range(1, 11)]
    sightings = [Sighting(1, n, seen=n + 0.01 * n) for n in range(1, 11)]

    step = step_figures(
        asked=10, seconds=1, changes=changes, refused=0, sightings=sightings
    )

    assert (step.p50, step.p90, step.p99) == pytest.approx((60.0, 100.0, 100.0))


def test_step_figures_count_a_change_never_seen_as_lost():
    changes = [Change(1, 1, 0.0), Change(1, 2, 1.0)]
    sightings = [Sighting(1, 1, 0.1)]

    step = step_figures(asked=2, seconds=1, changes=changes, refused=0, sightings=[])
    seen_one = step_figures(
        asked=2, seconds=1, changes=changes, refused=0, sightings=sightings
    )

    assert (step.lost, step.p50, seen_one.lost) == (2, None, 1)


def test_step_figures_count_a_change_seen_too_late_as_lost():
    changes = [Change(user_id=1, number=1, acknowledged=0.0)]
    sightings = [Sighting(user_id=1, number=1, seen=LOST_SECONDS + 0.5)]

    step = step_figures(
        asked=1, seconds=1, changes=changes, refused=0, sightings=sightings
    )

    assert step.lost == 1


def test_step_figures_give_the_rate_acknowledged_over_the_seconds():
    changes = [Change(1, n, acknowledged=0.1 * n) for n in range(1, 181)]

    step = step_figures(asked=50, seconds=4, changes=changes, refused=0, sightings=[])

    assert (step.achieved, step.changes) == (45, 180)


def test_a_step_that_kept_up_is_sustained():
    step = figures(asked=100, achieved=91, p99=1900)

    assert step.sustained


def test_a_step_below_nine_tenths_of_the_rate_asked_is_not_sustained():
    step = figures(asked=100, achieved=89)

    assert not step.sustained


def test_a_step_with_a_p99_lag_over_two_seconds_is_not_sustained():
    step = figures(p99=2001)

    assert not step.sustained


def test_a_step_that_lost_a_change_is_not_sustained():
    step = figures(lost=1)

    assert not step.sustained


def test_a_step_with_a_refused_write_is_not_sustained():
    step = figures(refused=1)

    assert not step.sustained


def test_the_ramp_doubles_the_rate_up_to_the_highest():
    rates = ramp(first=50, highest=500)

    assert rates == [50, 100, 200, 400]


def test_highest_sustained_stops_at_the_first_rate_not_sustained():
    steps = [figures(50), figures(100), figures(200, p99=3000), figures(400)]

    highest = highest_sustained(steps)

    assert highest == 100


def test_highest_sustained_is_zero_if_the_first_rate_was_not():
    steps = [figures(50, lost=3)]

    highest = highest_sustained(steps)

    assert highest == 0


def test_spread_gives_the_median_lowest_and_highest_round():
    rounds = spread([3.0, 1.0, 2.0])

    assert (rounds.median, rounds.low, rounds.high) == (2.0, 1.0, 3.0)
