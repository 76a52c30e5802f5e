"""The stack of the current stage, as real processes for the cross-project tests.

Stage 4: a Redis of the tests' own; the users service and its Celery worker
(the outbox's relay); the orders service and its Celery worker (the replica's
consumer and reconciliation); the one clock, Celery beat; and the edge in
front. Each is started as `make run` starts it (Procfile), wired as it wires
them, but with a faster clock. This is the only place the tests learn what
"the stack" is; tests/processes.py has the processes it is made of.
"""

import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.processes import (
    REPO_ROOT,
    Server,
    StackError,
    Worker,
    base_env,
    bound_socket,
    free_port,
)
from tools.redisserver import RedisServer

__all__ = [
    "REPO_ROOT",
    "Server",
    "Stack",
    "StackError",
    "Worker",
    "base_env",
    "bound_socket",
    "build_stack",
    "free_port",
    "running_stack",
    "started",
]

# The clock of the test stacks: the outbox swept every second, the replica
# reconciled every two, quiet saga steps looked for every second (make run:
# 5, 15 and 15 seconds).
PERIODIC_TASKS = (
    "users.relay_outbox=1 orders.reconcile_users=2 users.prune_outbox=3600 "
    "orders.resume_credit_sagas=1"
)


def celery_worker(
    *, service: str, env: dict[str, str], log: Path, pool: str = "solo"
) -> Worker:
    """Describe a service's Celery worker, as its Procfile line starts it.

    pool "prefork" runs its tasks in one child process, as a production
    worker runs them in several, rather than in the worker's own process.
    """
    pool_args = ["--pool", pool] + (["--concurrency", "1"] if pool != "solo" else [])
    return Worker(
        name=f"{service} worker",
        argv=[
            *(sys.executable, "-m", "celery", "--workdir", f"services/{service}"),
            *("-A", "config", "worker", "--hostname", f"{service}@%h"),
            *pool_args,
            *("--loglevel", "INFO"),
        ],
        env=env,
        log=log,
        ready="ready.",
    )


def clock(*, env: dict[str, str], log: Path) -> Worker:
    """Describe the one clock, Celery beat, as its Procfile line starts it."""
    return Worker(
        name="beat",
        argv=[
            *(sys.executable, "-m", "celery", "-A", "chassis.clock", "beat"),
            *("--schedule", str(log.with_suffix(".schedule")), "--loglevel", "INFO"),
        ],
        env=env,
        log=log,
        ready="beat: Starting",
    )


def private_redis(tmp: Path) -> RedisServer:
    """Describe a Redis of the test's own, its files in tmp; it is not started."""
    return RedisServer(directory=tmp / "redis")


@dataclass
class Stack:
    """Redis, both services, their workers, the clock and the edge, wired up."""

    users: Server
    orders: Server
    edge: Server
    redis: RedisServer
    users_worker: Worker
    orders_worker: Worker
    beat: Worker

    @property
    def url(self) -> str:
        """Return the public API's base URL: the edge's."""
        return self.edge.url


def build_stack(
    tmp: Path,
    *,
    users_url: str | None = None,
    users_timeout: float = 2.0,
    edge_deadline: float | None = None,
    orders_env: Mapping[str, str] | None = None,
    periodic_tasks: str = PERIODIC_TASKS,
    orders_pool: str = "solo",
) -> Stack:
    """Describe the stack in tmp; users may be reached through users_url instead.

    users_url (a proxy in front of the users service, say) is where orders
    and the edge both reach users; edge_deadline replaces the edge's own,
    and orders_env adds to the orders service's environment (its worker's
    too); periodic_tasks is what beat sends, orders_pool the orders
    worker's pool (celery_worker). Orders' breaker lets a trial
    through a second after it opens, so a test sees the stack recover at
    once.
    """
    users_port, orders_port, edge_port = free_port(), free_port(), free_port()
    users_env = {**base_env(), "USERS_DATABASE_PATH": str(tmp / "users.sqlite3")}
    orders_env = {
        **base_env(),
        "ORDERS_DATABASE_PATH": str(tmp / "orders.sqlite3"),
        "USERS_SERVICE_URL": users_url or f"http://127.0.0.1:{users_port}",
        "USERS_SERVICE_DEADLINE": str(users_timeout),
        "USERS_BREAKER_RESET_SECONDS": "1",
        # A saga step waits at most 2 s between tries, and one quiet for 3 s
        # is sent again: faults heal within the tests' patience.
        "CREDIT_SAGA_RETRY_CAP_SECONDS": "2",
        "CREDIT_SAGA_QUIET_SECONDS": "3",
        **(orders_env or {}),
    }
    edge_env = {
        **base_env(),
        "USERS_SERVICE_URL": users_url or f"http://127.0.0.1:{users_port}",
        "ORDERS_SERVICE_URL": f"http://127.0.0.1:{orders_port}",
        **({"EDGE_DEADLINE": str(edge_deadline)} if edge_deadline else {}),
    }
    return Stack(
        users=_server("users", port=users_port, env=users_env, tmp=tmp),
        orders=_server("orders", port=orders_port, env=orders_env, tmp=tmp),
        edge=_server("edge", port=edge_port, env=edge_env, tmp=tmp),
        redis=private_redis(tmp),
        users_worker=celery_worker(
            service="users", env=dict(users_env), log=tmp / "users-worker.log"
        ),
        orders_worker=celery_worker(
            service="orders",
            env=dict(orders_env),
            log=tmp / "orders-worker.log",
            pool=orders_pool,
        ),
        beat=clock(
            env={**base_env(), "PERIODIC_TASKS": periodic_tasks}, log=tmp / "beat.log"
        ),
    )


def _server(name: str, *, port: int, env: dict[str, str], tmp: Path) -> Server:
    """Describe one Django project served by gunicorn, as its Procfile line does."""
    folder = "monolith" if name == "edge" else f"services/{name}"
    manage = "manage.py" if name == "edge" else f"{folder}/manage.py"
    return Server(
        name=name if name == "edge" else f"{name} service",
        manage=[sys.executable, manage],
        gunicorn_config=f"{folder}/config/gunicorn.py",
        port=port,
        env=env,
        log=tmp / f"{name}.log",
    )


@contextmanager
def running_stack(tmp: Path, *, demo_data: bool = False) -> Iterator[Stack]:
    """Start a fresh stack in tmp (databases, Redis, processes); stop it after."""
    stack = build_stack(tmp)
    with started(stack, demo_data=demo_data):
        yield stack


@contextmanager
def started(stack: Stack, *, demo_data: bool = False) -> Iterator[Stack]:
    """Start Redis, migrate, start every process in make run's order; stop after."""
    stack.redis.start()
    for process in _redis_clients(stack):
        process.env["REDIS_URL"] = stack.redis.url
    stack.users.run("migrate", "--noinput")
    stack.orders.run("migrate", "--noinput")
    try:
        for process in (stack.users, stack.users_worker, stack.orders_worker):
            process.start()
        if demo_data:
            stack.users.run("seed_demo")
            stack.orders.run("seed_demo")
        for process in (stack.orders, stack.beat, stack.edge):
            process.start()
        yield stack
    finally:
        for process in (stack.edge, stack.beat, stack.orders, stack.orders_worker):
            process.stop()
        for process in (stack.users_worker, stack.users):
            process.stop()
        stack.redis.close()


def _redis_clients(stack: Stack) -> list[Server | Worker]:
    """Return the processes that talk to Redis: all but the edge."""
    return [
        stack.users,
        stack.orders,
        stack.users_worker,
        stack.orders_worker,
        stack.beat,
    ]
