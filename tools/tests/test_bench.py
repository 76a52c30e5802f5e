"""Tests of make bench's arithmetic, order and tables; make bench itself measures."""

import subprocess
from pathlib import Path

import httpx

from tools.bench import comparisons
from tools.benchkit import (
    LIST,
    Result,
    Target,
    free_ports,
    measure,
    scenarios,
    turn,
)
from tools.benchmemory import Memory
from tools.benchreport import HERE, comparison, figures, memory_table
from tools.benchstack import Ports, commit_of, stack_ports
from tools.benchup import DIRECT, NAIVE, plans, sync_label, without_edge

AUTHOR = ["-c", "user.name=Bench Tester", "-c", "user.email=tester@example.com"]


def result(latencies, seconds=1.0):
    """Return a result of these latencies (in seconds) over `seconds`."""
    return Result(len(latencies), seconds, latencies, errors=0)


def git(repo, *args):
    """Run git in the repository; return its stripped output."""
    command = ["git", "-C", str(repo), *args]
    result = subprocess.run(command, check=True, capture_output=True, text=True)
    return result.stdout.strip()


def history(path):
    """Make a repository of two commits, the newer marking stage 0 (untagged)."""
    path.mkdir()
    git(path, "init", "--quiet")
    commit = [*AUTHOR, "commit", "--quiet", "--allow-empty", "-m"]
    git(path, *commit, "Start")
    git(path, *commit, "Done", "-m", "Stage: 0-start")
    return path


def one_round(here, there):
    """Return a round of the list scenario: latencies here and on stage 2."""
    return {"list": {HERE: result(here), "stage 2": result(there)}}


def sent(requests):
    """Return the method and path (with query) each request sends, in order."""
    seen = []

    def answer(request):
        seen.append((request.method, request.url.raw_path.decode()))
        return httpx.Response(200)

    transport = httpx.MockTransport(answer)
    with httpx.Client(base_url="http://stack.test", transport=transport) as client:
        for request in requests.values():
            request(client)
    return seen


def test_result_reads_throughput_and_percentiles():
    timing = result([0.01 * n for n in range(1, 101)], seconds=2.0)

    assert timing.per_second == 50
    assert round(timing.percentile(0.5)) == 510
    assert round(timing.percentile(0.99)) == 1000


def test_rounds_alternate_which_stack_goes_first():
    labels = ["here", "stage 2", "naive"]

    orders = [turn(labels, number=number) for number in range(3)]

    assert [order[0] for order in orders] == ["here", "naive", "here"]


def test_scenarios_ask_the_public_api_for_a_page_an_order_a_placement_a_user():
    requests = scenarios(order_id=7, customer=3)

    paths = sent(requests)

    assert paths == [
        ("GET", "/api/orders/?page_size=50"),
        ("GET", "/api/orders/7/"),
        ("POST", "/api/orders/"),
        ("GET", "/api/users/3/"),
    ]


def test_without_edge_asks_the_orders_service_for_the_list_only():
    here = Target("http://127.0.0.1:1", scenarios(order_id=7, customer=3))

    direct = without_edge(here, Ports(edge=1, users=2, orders=3))

    assert (direct.url, list(direct.requests)) == ("http://127.0.0.1:3", [LIST])


def test_this_checkout_is_compared_with_the_stage_and_without_edge():
    headings = comparisons("stage-3-orders-service", naive=False)

    assert list(headings) == ["stage-3-orders-service", DIRECT]


def test_this_checkout_is_compared_with_the_naive_client_if_asked():
    headings = comparisons("stage-3-orders-service", naive=True)

    assert list(headings) == ["stage-3-orders-service", DIRECT, NAIVE]


def test_stack_ports_gives_each_stack_three_ports_of_its_own():
    ports = stack_ports(3)

    numbers = [port for each in ports for port in (each.edge, each.users, each.orders)]
    assert (len(ports), len(set(numbers))) == (3, 9)


def test_comparison_takes_the_ratio_within_each_round():
    rounds = [one_round([0.2], [0.1]), one_round([0.4], [0.2]), one_round([2], [1])]

    rows = comparison(rounds, there="stage 2").splitlines()

    assert rows[2].startswith("| list | p50 here / there | 2.00 | 2.00-2.00 | 3 of 3")


def test_comparison_says_when_rounds_disagree():
    rounds = [one_round([0.2], [0.1]), one_round([0.1], [0.2]), one_round([1], [1])]

    rows = comparison(rounds, there="stage 2").splitlines()

    assert rows[2].endswith("| rounds disagree (1 faster, 1 slower): no finding |")


def test_comparison_leaves_out_scenarios_the_other_stack_did_not_run():
    rounds = [{"list": {HERE: result([0.1]), "naive": result([0.2])}}]

    rows = comparison(rounds, there="stage 2").splitlines()

    assert rows[2:] == []


def test_figures_have_a_row_per_scenario_and_stack():
    rounds = [one_round([0.1], [0.2]), one_round([0.3], [0.4])]

    rows = figures(rounds).splitlines()

    assert [row.split(" | ")[1] for row in rows[2:]] == [HERE, "stage 2"]


def test_memory_table_shows_each_stack_in_megabytes_or_n_a():
    memory = {
        HERE: Memory(processes=11, kilobytes=512_000, proportional_kilobytes=256_000),
        "stage 2": Memory(processes=3, kilobytes=1024),
        "stage 1": None,
    }

    rows = memory_table(memory).splitlines()

    assert rows[2:] == [
        "| this checkout | 11 | 500 | 250 |",
        "| stage 2 | 3 | 1 | n/a |",
        "| stage 1 | n/a | n/a | n/a |",
    ]


def test_measure_sends_at_least_one_request_per_client():
    nobody = f"http://127.0.0.1:{free_ports(1)[0]}"

    timing = measure(nobody, lambda client: client.get("/"), clients=3, seconds=0)

    assert (timing.requests, timing.errors) == (3, 3)


def test_commit_of_finds_an_untagged_stage_by_its_trailer(tmp_path):
    repo = history(tmp_path / "repo")

    commit = commit_of("stage-0-start", repo=repo)

    assert commit == git(repo, "rev-parse", "HEAD")


def test_commit_of_reads_any_other_name_with_git(tmp_path):
    repo = history(tmp_path / "repo")

    commit = commit_of("HEAD~1", repo=repo)

    assert commit == git(repo, "rev-parse", "HEAD~1")


def test_plans_start_a_stack_per_sync_style_the_pull_one_with_a_fast_clock():
    found = plans(
        compare="stage-3", tree=Path("stage-3"), naive=False, sync=True, pull_seconds=1
    )

    assert [(p.label, p.env, p.make_vars) for p in found[2:]] == [
        (sync_label("push"), {"USER_EVENTS": "state"}, ()),
        (sync_label("notify-fetch"), {"USER_EVENTS": "notify"}, ()),
        (sync_label("pull"), {"USER_EVENTS": "off"}, ("RECONCILE_SECONDS=1",)),
    ]


def test_plans_add_the_naive_client_only_when_asked():
    found = plans(
        compare="stage-3", tree=Path("stage-3"), naive=True, sync=False, pull_seconds=1
    )

    assert [p.label for p in found] == [HERE, "stage-3", NAIVE]


def test_plans_give_this_checkouts_read_stack_as_many_web_processes_as_stage_3():
    found = plans(
        compare="stage-3", tree=Path("stage-3"), naive=False, sync=False, pull_seconds=1
    )

    assert [(p.label, p.make_vars) for p in found] == [
        (HERE, ("WEB_CONCURRENCY=2",)),
        ("stage-3", ()),
    ]
