"""Tests of how make bench sums up per-round ratios, and checks targets."""

from tools.benchstats import ratio_summary, target_verdict


def test_summary_gives_the_median_of_the_rounds():
    summary = ratio_summary(ratios=[0.9, 0.5, 0.7, 0.6, 0.8], subject="here")

    assert summary.median == 0.7


def test_summary_gives_the_spread_as_the_lowest_and_highest_round():
    summary = ratio_summary(ratios=[0.9, 0.5, 0.7, 0.6, 0.8], subject="here")

    assert (summary.low, summary.high) == (0.5, 0.9)


def test_rounds_all_below_one_put_the_subject_faster():
    summary = ratio_summary(ratios=[0.6, 0.7, 0.5, 0.8, 0.6], subject="stage 2")

    assert summary.finding
    assert summary.verdict == "5 of 5 rounds put stage 2 faster"


def test_rounds_all_above_one_put_the_subject_slower():
    summary = ratio_summary(ratios=[1.3, 1.2, 1.4], subject="stage 2")

    assert summary.finding
    assert summary.verdict == "3 of 3 rounds put stage 2 slower"


def test_rounds_on_both_sides_of_one_disagree():
    summary = ratio_summary(ratios=[1.22, 0.75, 0.8, 0.7, 0.9], subject="stage 2")

    assert not summary.finding
    assert summary.verdict == "rounds disagree (4 faster, 1 slower): no finding"


def test_rounds_within_the_tolerance_do_not_disagree():
    summary = ratio_summary(ratios=[0.97, 1.03, 0.98], subject="stage 2")

    assert not summary.finding
    assert summary.verdict == "no difference: 3 of 3 rounds within 5%"


def test_a_round_within_the_tolerance_is_counted_apart_from_the_finding():
    summary = ratio_summary(ratios=[0.6, 0.7, 1.02, 0.8, 0.6], subject="stage 2")

    assert summary.finding
    assert summary.verdict == "4 of 5 rounds put stage 2 faster, 1 within 5%"


def test_a_median_within_the_tolerance_is_no_finding():
    summary = ratio_summary(ratios=[0.8, 1.0, 1.01, 0.99, 0.7], subject="stage 2")

    assert not summary.finding
    assert summary.verdict == "no difference: 3 of 5 rounds within 5%"


def test_a_target_is_met_when_the_median_round_is_within_it():
    verdict = target_verdict(values=[1.2, 1.1, 1.0], bound=1.15)

    assert verdict.met
    assert verdict.text == "met: 2 of 3 rounds within"


def test_a_target_is_not_met_when_the_median_round_is_beyond_it():
    verdict = target_verdict(values=[120.0, 90.0, 130.0], bound=100)

    assert not verdict.met
    assert verdict.text == "not met: 1 of 3 rounds within"


def test_a_round_exactly_at_the_target_is_within_it():
    verdict = target_verdict(values=[100.0], bound=100)

    assert verdict.text == "met: 1 of 1 rounds within"
