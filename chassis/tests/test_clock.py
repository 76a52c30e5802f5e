"""Tests of the deployment's clock: reading PERIODIC_TASKS into beat's schedule."""

from datetime import timedelta

import pytest

from chassis.clock import PeriodicTasksInvalid, periodic_tasks


def test_periodic_tasks_sends_each_task_to_its_owners_queue():
    tasks = periodic_tasks("users.relay_outbox=5 orders.reconcile_users=15")

    queues = {name: task["options"]["queue"] for name, task in tasks.items()}
    assert queues == {"users.relay_outbox": "users", "orders.reconcile_users": "orders"}


def test_periodic_tasks_runs_each_task_every_period():
    tasks = periodic_tasks("users.prune_outbox=3600")

    assert tasks["users.prune_outbox"]["schedule"].run_every == timedelta(hours=1)


def test_periodic_tasks_drops_a_run_not_taken_within_its_period():
    tasks = periodic_tasks("users.relay_outbox=2.5")

    assert tasks["users.relay_outbox"]["options"]["expires"] == 2.5


@pytest.mark.parametrize(
    "spec", ["x=5", "a.b=0", "a.b=x", "a.b", ".b=5", "a.b=-1", "a.b=nan", "a.b=inf"]
)
def test_periodic_tasks_refuses_what_is_not_owner_task_seconds(spec):
    with pytest.raises(PeriodicTasksInvalid, match=f"{spec!r} is not owner.task="):
        periodic_tasks(f"users.relay_outbox=5 {spec}")


@pytest.mark.parametrize("spec", ["", "   "])
def test_periodic_tasks_of_nothing_is_an_empty_schedule(spec):
    assert periodic_tasks(spec) == {}
