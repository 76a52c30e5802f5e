"""Lab 4's checks: a tree without an orders worker fails at once; each shortcut fails.

The shortcuts are stage 4 itself, started with the setting that chooses
one (its push switched off) or changed in a line or two (orders asking
users on every read, a subscriber queue that dies with its worker, users
calling orders). Each
test that starts a stack takes from half a minute to a minute.
"""

import time

import pytest

from tools import labs
from tools.labkit import CheckFailed
from tools.tests.labtrees import change, lab_check, runnable_tree, stage_tree

START, DONE = "stage-3-orders-service", "stage-4-celery-sync"


def test_every_check_fails_at_once_in_a_tree_without_an_orders_worker(tmp_path):
    tree = stage_tree(tmp_path, START, "manage.py", "Makefile", "Procfile")
    began = time.monotonic()

    seen = [labs.run_one(item, tree) for item in labs.find_lab(4).checks]

    assert all("no `orders-worker` line" in (line or "") for line in seen)
    assert time.monotonic() - began < 5


def test_a_new_subscriber_receives_changes_at_stage_4(tmp_path, redis_binary):
    check = lab_check(4, "a_new_subscriber_receives_changes")

    check.run(runnable_tree(tmp_path, DONE))


def test_orders_that_only_pull_users_changes_fail_the_timed_changes(
    tmp_path, monkeypatch, redis_binary
):
    monkeypatch.setenv("USER_EVENTS", "off")
    check = lab_check(4, "changes_show_within_seconds")

    with pytest.raises(CheckFailed, match=r"did not show on the user's order in time"):
        check.run(runnable_tree(tmp_path, DONE))
    assert "periodic pull alone" in check.hint


def test_orders_asking_users_on_every_read_fail_with_users_stopped(
    tmp_path, redis_binary
):
    tree = runnable_tree(tmp_path, DONE)
    change(
        tree,
        "services/orders/orders/replica.py",
        "        if not user_ids:\n",
        "        return self.lookup.user_get_many(user_ids=user_ids)\n"
        "        if not user_ids:\n",
    )
    check = lab_check(4, "orders_answer_with_users_stopped")

    with pytest.raises(
        CheckFailed, match=r"did not show .*\nGET \S+/api/orders/\d+/: 503"
    ):
        check.run(tree)
    assert "replica" in check.hint


def test_a_subscriber_queue_that_dies_with_its_worker_loses_changes(
    tmp_path, redis_binary
):
    tree = runnable_tree(tmp_path, DONE)
    change(
        tree,
        "services/orders/config/settings.py",
        '"orders.user-events",',
        'f"orders.user-events.{os.getpid()}",',
    )
    change(tree, "Makefile", "orders.reconcile_users=$(RECONCILE_SECONDS) ", "")
    # Without reconciliation, the first events are lost if they are published
    # before orders' worker has bound its queue in the fresh Redis.
    change(tree, "Procfile", "users-worker: exec", "users-worker: sleep 10; exec")
    check = lab_check(4, "killed_worker_loses_nothing")

    with pytest.raises(CheckFailed, match=r"3 of 3 customers' orders lag"):
        check.run(tree)


def test_users_calling_orders_beside_publishing_fails(tmp_path, redis_binary):
    tree = runnable_tree(tmp_path, DONE)
    change(
        tree,
        "services/users/users/tasks.py",
        "    def send(event: UserChanged) -> None:\n",
        "    def send(event: UserChanged) -> None:\n"
        '        orders = __import__("os").environ["ORDERS_SERVICE_URL"]\n'
        '        url, body = f"{orders}/internal/events/", event_to_json(event)\n'
        '        __import__("httpx").post(url, json=body, timeout=2)\n',
    )
    check = lab_check(4, "a_new_subscriber_receives_changes")

    with pytest.raises(
        CheckFailed, match=r"to the ORDERS_PORT .*: \d+ x POST /internal/events/"
    ):
        check.run(tree)
