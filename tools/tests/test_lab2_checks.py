"""Lab 2's checks: no users service fails at once; users naming orders fails."""

import time

import pytest

from tools import labs
from tools.labkit import CheckFailed
from tools.tests.labtrees import change, lab_check, stage_tree

START, DONE = "stage-1-modular-monolith", "stage-2-users-service"


def test_every_check_fails_at_once_in_a_tree_without_a_users_service(tmp_path):
    tree = stage_tree(tmp_path, START, "manage.py", "Makefile")
    began = time.monotonic()

    seen = [labs.run_one(item, tree) for item in labs.find_lab(2).checks]

    assert all("no services/users/manage.py" in (line or "") for line in seen)
    assert time.monotonic() - began < 5


def test_users_naming_nothing_of_orders_passes_at_stage_2(tmp_path):
    check = lab_check(2, "users_do_not_name_orders")

    check.run(stage_tree(tmp_path, DONE, "services/users"))


def test_users_calling_the_orders_api_instead_of_an_event_fails(tmp_path):
    tree = stage_tree(tmp_path, DONE, "services/users")
    change(
        tree,
        "services/users/users/services.py",
        "def user_deactivate(",
        "def cancel_orders(*, edge: str, user_id: int) -> None:\n"
        '    httpx.post(f"{edge}/api/orders/cancel-pending/", json={"user": user_id})'
        "\n\n\ndef user_deactivate(",
    )
    check = lab_check(2, "users_do_not_name_orders")

    with pytest.raises(CheckFailed, match=r"users/services.py:\d+: '/api/orders/"):
        check.run(tree)
    assert "event" in check.hint
