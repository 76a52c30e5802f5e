"""Tests of `request_within`: a whole call, not each step of it, keeps to a deadline.

A local server answers slowly on purpose: late with its headers, or with a
body it trickles out a byte at a time, each byte well within any one read's
timeout.
"""

import time

import httpx
import pytest

from shared.http import Deadline, request_within
from shared.testing import SLOW_BODY_BYTES, slow_server


def timed_call(url: str, seconds: float) -> tuple[float, httpx.Response | Exception]:
    """Call url within a deadline; return how long it took and what came back."""
    started = time.monotonic()
    with httpx.Client() as client:
        try:
            outcome: httpx.Response | Exception = request_within(
                client, "GET", url, deadline=Deadline(seconds)
            )
        except httpx.TimeoutException as exc:
            outcome = exc
    return time.monotonic() - started, outcome


def test_an_answer_within_the_deadline_is_read_whole():
    with slow_server(header_delay=0.0, byte_delay=0.01) as url:
        _, outcome = timed_call(url, 5.0)

    assert isinstance(outcome, httpx.Response)
    assert outcome.content == b"x" * SLOW_BODY_BYTES


def test_headers_later_than_the_deadline_time_out_at_the_deadline():
    with slow_server(header_delay=3.0, byte_delay=0.0) as url:
        took, outcome = timed_call(url, 0.5)

    assert isinstance(outcome, httpx.ReadTimeout)
    assert took == pytest.approx(0.5, abs=0.3)


def test_a_trickled_body_times_out_at_the_deadline_though_no_read_is_slow():
    # Each byte comes 0.2 s after the last: within any one read's timeout,
    # but the whole body takes 2 s.
    with slow_server(header_delay=0.0, byte_delay=0.2) as url:
        took, outcome = timed_call(url, 0.7)

    assert isinstance(outcome, httpx.ReadTimeout)
    assert took == pytest.approx(0.7, abs=0.3)


def test_each_step_gets_only_the_time_left():
    deadline = Deadline(10.0)
    timeouts = deadline.timeouts()
    deadline.expires_at -= 9.5

    assert timeouts["read"] == pytest.approx(0.5, abs=0.05)
    assert set(timeouts) == {"connect", "read", "write", "pool"}
