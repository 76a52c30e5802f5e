"""Lab 4's stacks: the checker's own Redis, and the tree's processes one by one.

Every check gives the tree a redis-server of the checker's own (REDIS_URL),
never a Redis of the machine's. A check that stops or kills one process
starts each Procfile line with its own `make run-<name>`: `make run` stops every
process as soon as one fails (honcho, at stage 3, as soon as one ends). The web lines
the README names start first, one after the other, each once its URL
answers (their databases are then prepared); the other lines start
together after them.

Every check fails at once, saying why, while the Procfile has no
`orders-worker` line: without it there is no worker to kill or restart.
"""

import re
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from types import TracebackType
from typing import Self

from tools.labkit import CheckFailed, LabTree
from tools.labstack import MakeTarget, Ports, new_ports, stack_env

WORKER = "orders-worker"
# The lines the README names, started in this order, and what each answers.
WEB = {"users": "/api/users/", "orders": "/api/orders/", "edge": "/api/"}
# The Procfile's format: `name: command`, one process a line.
PROCFILE_LINE = re.compile(r"^([A-Za-z0-9_-]+):", re.MULTILINE)


def procfile_lines(tree: LabTree) -> list[str]:
    """Return the names of the tree's Procfile lines; fail at once without a worker."""
    procfile = tree.path / "Procfile"
    names = PROCFILE_LINE.findall(procfile.read_text()) if procfile.is_file() else []
    if WORKER not in names:
        raise CheckFailed(
            f"the Procfile has no `{WORKER}` line (it has: "
            f"{', '.join(names) or 'none'}): orders' Celery worker is a process "
            f"of its own, started by `make run` and alone by `make run-{WORKER}` "
            "(see the README)"
        )
    missing = [name for name in WEB if name not in names]
    if missing:
        raise CheckFailed(f"the Procfile has no line for: {', '.join(missing)}")
    return names


class Shop:
    """The tree's Procfile lines, each started with its own `make run-<name>`.

    `users_see_orders_at` is a port the users lines (`users`, `users-*`) are
    told orders answers at, instead of the real one: a proxy of the check's.
    """

    def __init__(
        self,
        tree: LabTree,
        *,
        name: str,
        redis_url: str,
        variables: Mapping[str, str] | None = None,
        ports: Ports | None = None,
        users_see_orders_at: int | None = None,
    ) -> None:
        self.ports = ports or new_ports()
        self.edge = self.ports.edge_url
        self._lines = procfile_lines(tree)
        env = stack_env(tree, name=name, redis_url=redis_url)
        seen = replace(self.ports, orders=users_see_orders_at or self.ports.orders)
        self._makes = {
            line: MakeTarget(
                tree,
                f"run-{line}",
                ports=seen if _of_users(line) else self.ports,
                env=env,
                variables=variables,
            )
            for line in self._lines
        }
        self._ended_by_check: set[str] = set()

    def start(self, line: str) -> None:
        """Start one line; wait for its URL when it is a web line."""
        base = {
            "users": self.ports.users_url,
            "orders": self.ports.orders_url,
            "edge": self.ports.edge_url,
        }
        answers = [f"{base[line]}{WEB[line]}"] if line in WEB else []
        self._ended_by_check.discard(line)
        self._makes[line].start(answers=answers)

    def stop(self, line: str) -> None:
        """Stop one line as Ctrl-C would."""
        self._ended_by_check.add(line)
        self._makes[line].stop()

    def kill(self, line: str) -> None:
        """Kill one line's processes at once, as a crash would."""
        self._ended_by_check.add(line)
        self._makes[line].kill()

    def ended(self) -> str:
        """Say which lines stopped on their own, with the end of their logs."""
        said = [
            f"`make run-{line}` ended with {status}:\n{make.tail(characters=800)}"
            for line, make in self._makes.items()
            if line not in self._ended_by_check
            and (status := make.exit_status()) is not None
        ]
        return "\n".join(said)

    def __enter__(self) -> Self:
        """Start the web lines in turn, then the others together."""
        try:
            for line in WEB:
                self.start(line)
            for line in self._lines:
                if line not in WEB:
                    self.start(line)
        except BaseException:
            self._stop_all()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        """Stop every line."""
        self._stop_all()

    def _stop_all(self) -> None:
        """Stop every line at once: each may take seconds to end."""
        with ThreadPoolExecutor(len(self._makes)) as pool:
            list(pool.map(MakeTarget.stop, self._makes.values()))


def _of_users(line: str) -> bool:
    """Tell whether a Procfile line is one of the users service's processes."""
    return line == "users" or line.startswith("users-")
