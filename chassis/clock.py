"""The deployment's one clock: Celery beat, sending each service's periodic tasks.

Run as `celery -A chassis.clock beat`. It knows task names and periods
only, from PERIODIC_TASKS ("users.relay_outbox=5 orders.reconcile_users=15"),
and sends each task to the queue its owner's worker reads: the name before
the dot. Which tasks run how often is the deployment's configuration, as a
crontab is a server's; the tasks themselves belong to their services.

There must be exactly one clock: two would send every task twice. That is
harmless here, as every task is idempotent, but it is the first place
where a real deployment needs a single leader: see docs/04-celery-sync.md,
"One clock".
"""

import os

from celery import Celery
from celery.schedules import schedule

from chassis.celery import AT_LEAST_ONCE


class PeriodicTasksInvalid(ValueError):
    """PERIODIC_TASKS is not a list of `owner.task=seconds`."""


def periodic_tasks(spec: str) -> dict[str, dict[str, object]]:
    """Read `name=seconds name=seconds` into beat's schedule, each task to its queue."""
    tasks: dict[str, dict[str, object]] = {}
    for item in spec.split():
        name, _, seconds = item.partition("=")
        owner, dot, _ = name.partition(".")
        try:
            period = float(seconds)
        except ValueError:
            period = 0.0
        if not (owner and dot and 0 < period < float("inf")):
            message = f"PERIODIC_TASKS: {item!r} is not owner.task=seconds"
            raise PeriodicTasksInvalid(message)
        # A run not taken within its period is dropped: a worker back from
        # a stop runs the task once, not once per period it missed.
        tasks[name] = {
            "task": name,
            "schedule": schedule(period),
            "options": {"queue": owner, "expires": period},
        }
    return tasks


app = Celery("clock", broker=os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0")
app.conf.update(
    AT_LEAST_ONCE,
    beat_schedule=periodic_tasks(os.environ.get("PERIODIC_TASKS", "")),
)
