"""Celery for the services: one app per Django project, set up for at-least-once.

Both services' apps come from `celery_app`, so both keep the same promise:
a message is acknowledged only once its task has run, so a worker that dies
loses nothing, and every task is idempotent, because the price of that
promise is that a task may run twice. Each setting that differs from
Celery's default says what goes wrong without it. What is a project's own
(the broker's address, its queues) comes from its Django settings, under
the CELERY_ prefix. See docs/04-celery-sync.md, "At least once".
"""

from celery import Celery

from chassis.env import env_int

# The longest any task may run. In a pool of processes Celery stops a task
# past it; in one process (--pool solo, as make run runs the workers) it
# cannot, so the tasks bound themselves: every request they make has a
# deadline, and a reconciliation reads at most 50 pages. Every task here
# takes milliseconds.
TASK_TIME_LIMIT = 60

AT_LEAST_ONCE: dict[str, object] = {
    # Acknowledge a message after its task has run, not when it is taken:
    # without it, a worker killed mid-task has already acknowledged the
    # message, and the change it carried is lost.
    "task_acks_late": True,
    # A task whose pool process died (killed, out of memory) goes back to
    # the queue: without it, late acknowledgement still acknowledges it, as
    # a failure, and it is not run again. (In one process, --pool solo, the
    # worker dies with it and never acknowledges: the message comes back
    # after the visibility timeout.)
    "task_reject_on_worker_lost": True,
    # Take one message at a time per process: with late acknowledgement,
    # messages taken in advance wait unacknowledged behind a slow task, and
    # after a crash come back only when the visibility timeout ends.
    "worker_prefetch_multiplier": 1,
    # Redis has no acknowledgements of its own: a message taken by a worker
    # waits in an "unacked" set and is put back after this many seconds.
    # It must be longer than the longest task, or a task still running is
    # delivered a second time. A message a killed worker held comes back
    # only then; reconciliation has repaired the replica long before. A
    # test that waits for such a message shortens the wait with
    # CELERY_VISIBILITY_TIMEOUT (tests/e2e/test_acks_late.py, .env.example).
    "broker_transport_options": {
        "visibility_timeout": env_int(
            "CELERY_VISIBILITY_TIMEOUT", default=5 * TASK_TIME_LIMIT
        ),
        # A process sending a task (a web request nudging the relay after a
        # commit, beat on its tick) tries Redis once: when Redis is away it
        # fails at once instead of retrying for seconds inside a request,
        # and the next sweep sends what it could not. Workers reconnect on
        # their own schedule (broker_connection_max_retries).
        "max_retries": 0,
        # While Redis hangs, such a process waits this long at most, rather
        # than the operating system's minutes.
        "socket_connect_timeout": 2,
        "socket_timeout": 5,
    },
    "task_time_limit": TASK_TIME_LIMIT,
    "task_soft_time_limit": TASK_TIME_LIMIT - 10,
    # On Ctrl-C, running tasks get this long to finish before they are
    # cancelled and their messages go back to Redis: without it, a cold
    # shutdown cancels them at once.
    "worker_soft_shutdown_timeout": 10,
    # Wait even when no task runs: a retry waiting for its countdown is a
    # message this worker holds, unacknowledged, and it must go back to
    # Redis before the worker exits, not after the visibility timeout.
    "worker_enable_soft_shutdown_on_idle": True,
    # Nobody waits for a task's return value: tasks write to a database.
    # Without it, every task would store a result nobody reads.
    "task_ignore_result": True,
    # Messages are JSON only: a worker must never unpickle what it is sent.
    "accept_content": ["json"],
    "task_serializer": "json",
    # A worker started before Redis keeps trying to connect, as it does
    # after losing Redis later.
    "broker_connection_retry_on_startup": True,
    # Log as the web processes do (chassis.settings.LOGGING).
    "worker_hijack_root_logger": False,
}


def celery_app(*, name: str) -> Celery:
    """Return the project's Celery app: at-least-once settings, then its own.

    The project's settings module must be importable (DJANGO_SETTINGS_MODULE);
    its CELERY_* settings are read when the app is first used, and its apps'
    `tasks` modules are found and registered.
    """
    app = Celery(name)
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.update(AT_LEAST_ONCE)
    app.autodiscover_tasks()
    return app
