"""Lab 3's checks: no orders service fails at once; each shortcut fails.

The shortcuts an orders service can take are settings of stage 3's own
(its users client, its breaker, its deadline), so those trees are stage 3
started with the environment that chooses them; the tests that start one
take about half a minute each.
"""

import time

import pytest

from tools import labs
from tools.labkit import CheckFailed
from tools.tests.labtrees import change, lab_check, runnable_tree, stage_tree

START, DONE = "stage-2-users-service", "stage-3-orders-service"
EDGE = ("manage.py", "monolith", "services/orders/manage.py")


def test_every_check_fails_at_once_in_a_tree_without_an_orders_service(tmp_path):
    tree = stage_tree(tmp_path, START, "manage.py", "Makefile")
    began = time.monotonic()

    seen = [labs.run_one(item, tree) for item in labs.find_lab(3).checks]

    assert all("no services/orders/manage.py" in (line or "") for line in seen)
    assert time.monotonic() - began < 5


def test_an_edge_without_models_passes_at_stage_3(tmp_path):
    check = lab_check(3, "edge_defines_no_business_models")

    check.run(stage_tree(tmp_path, DONE, *EDGE))


def test_an_edge_that_keeps_the_orders_models_fails(tmp_path):
    tree = stage_tree(tmp_path, DONE, *EDGE, "services/orders/orders/models.py")
    (tree.path / "monolith" / "orders").mkdir()
    (tree.path / "monolith" / "orders" / "__init__.py").touch()
    (tree.path / "services/orders/orders/models.py").rename(
        tree.path / "monolith/orders/models.py"
    )
    change(
        tree,
        "monolith/config/settings.py",
        '"drf_spectacular_sidecar",\n]',
        '"drf_spectacular_sidecar",\n    "orders",\n]',
    )
    check = lab_check(3, "edge_defines_no_business_models")

    with pytest.raises(CheckFailed, match=r"orders\.Order \(table orders_order\)"):
        check.run(tree)
    assert "INSTALLED_APPS" in check.hint


def test_an_orders_service_asking_users_one_by_one_fails(tmp_path, monkeypatch):
    monkeypatch.setenv("USERS_CLIENT", "config.clients.one_by_one_users_client")
    check = lab_check(3, "one_users_call_per_page")

    with pytest.raises(CheckFailed, match=r"a page of 6 orders of 3 customers cost 3"):
        check.run(runnable_tree(tmp_path, DONE))
    assert "whole page in one call" in check.hint


def test_an_orders_service_without_a_breaker_fails(tmp_path, monkeypatch):
    monkeypatch.setenv("USERS_BREAKER_FAILURES", "1000000")
    monkeypatch.setenv("USERS_SERVICE_DEADLINE", "1")
    check = lab_check(3, "users_hanging_trips_the_breaker")

    with pytest.raises(CheckFailed, match=r"a call still took 0.5 s or more"):
        check.run(runnable_tree(tmp_path, DONE))


def test_an_orders_service_waiting_on_users_past_the_deadline_fails(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("USERS_SERVICE_DEADLINE", "8")
    check = lab_check(3, "users_hanging_trips_the_breaker")

    with pytest.raises(CheckFailed, match=r"an order call took [89]\.\d s"):
        check.run(runnable_tree(tmp_path, DONE))
    assert "deadline" in check.hint
