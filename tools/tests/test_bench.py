"""Tests of make bench's arithmetic and tables; the measuring runs in make bench."""

from tools.bench import Result, ratios, table
from tools.benchkit import free_port, measure


def result(latencies, seconds=1.0):
    """Return a result of these latencies (in seconds) over `seconds`."""
    return Result(len(latencies), seconds, latencies, errors=0)


def test_result_reads_throughput_and_percentiles():
    timing = result([0.01 * n for n in range(1, 101)], seconds=2.0)

    assert timing.per_second == 50
    assert round(timing.percentile(0.5)) == 510
    assert round(timing.percentile(0.99)) == 1000


def test_ratios_compare_this_checkout_with_another_stack():
    mine = {"list": result([0.2, 0.2], seconds=1.0)}
    theirs = {"list": result([0.1, 0.1, 0.1, 0.1], seconds=1.0)}

    rows = ratios(mine, theirs, "stage 1").splitlines()

    assert rows[2] == "| list | 2.00 | 2.00 |"


def test_table_has_a_row_per_scenario_and_stack():
    columns = {"here": {"list": result([0.1])}, "there": {"list": result([0.2])}}

    rows = table(columns).splitlines()

    assert [row.split(" | ")[1] for row in rows[2:]] == ["here", "there"]


def test_measure_sends_at_least_one_request_per_client():
    nobody = f"http://127.0.0.1:{free_port()}"

    timing = measure(nobody, lambda client: client.get("/"), clients=3, seconds=0)

    assert (timing.requests, timing.errors) == (3, 3)
