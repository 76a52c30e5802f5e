"""Lab 5's stack: the tree's `make run`, on the checker's ports, databases and Redis.

The Redis is the checker's own (`lab_redis`, tools/labstack.py).

Each check starts the tree as a learner would and stops it with Ctrl-C.
`running` may be entered twice with one name: the second stack finds the
first one's databases, as a service restarted after a deploy would.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from tools.labkit import LabTree
from tools.labstack import (
    MakeTarget,
    Ports,
    make_target,
    new_ports,
    stack_env,
)


@contextmanager
def running(
    tree: LabTree, *, name: str, redis_url: str, ports: Ports | None = None
) -> Iterator[tuple[str, MakeTarget]]:
    """Run `make run` until the edge and both services answer; yield the edge's URL."""
    ports = ports or new_ports()
    env = stack_env(tree, name=name, redis_url=redis_url)
    answers = [
        f"{ports.users_url}/api/users/",
        f"{ports.orders_url}/api/orders/",
        f"{ports.edge_url}/api/orders/",
    ]
    with make_target(tree, "run", ports=ports, env=env, answers=answers) as run:
        yield ports.edge_url, run
