"""A stream of changes to users, and a reader of orders, through the edge.

Two clients change users, each its own half, in order, so a user's last
change acknowledged is their newest. The settling client stops when told,
after a last round (a deactivation, renames): its users' last changes are
in flight when the fault strikes. The busy client goes on through the fault
and after it, and deactivates one user during the fault. A reader lists
orders every READ_PAUSE seconds and records each user's customer name.
Everything lands in a `History` (tests/e2e/sync_history.py).
"""

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from http import HTTPStatus

import httpx

from tests.e2e.sync_history import Held, History, step_name

# Each client makes a change, then waits this long: a few changes a second.
CHANGE_PAUSE = 0.25
# The reader lists orders this often, to catch an older name after a newer.
READ_PAUSE = 0.1
# Every order of a fault test's users fits on one page of the list.
PAGE_SIZE = 100


@dataclass
class _Client:
    """One client's users, how many changes each has had, and its answers."""

    edge: httpx.Client
    history: History
    user_ids: list[int]
    steps: dict[int, int] = field(default_factory=dict)

    def rename(self, user_id: int) -> bool:
        """Rename a user to their next change's name; return whether acknowledged."""
        self.steps[user_id] = self.steps.get(user_id, 0) + 1
        name = step_name(label=f"u{user_id}", step=self.steps[user_id])
        return self._send("PATCH", f"/api/users/{user_id}/", {"name": name})

    def deactivate(self, user_id: int) -> bool:
        """Deactivate a user; return whether acknowledged."""
        return self._send("POST", f"/api/users/{user_id}/deactivate/", None)

    def _send(self, method: str, path: str, body: object) -> bool:
        """Send one change; record it if answered 200, the user as the answer gave."""
        try:
            response = self.edge.request(method, path, json=body)
        except httpx.HTTPError:
            return False
        if response.status_code != HTTPStatus.OK:
            return False
        user = response.json()
        held = Held(
            name=user["name"], is_active=user["is_active"], version=user["version"]
        )
        self.history.acknowledge(user_id=user["id"], held=held)
        return True


@dataclass
class Stream:
    """Changes to `user_ids` from a settling and a busy client, and a reader."""

    edge_url: str
    user_ids: Sequence[int]
    history: History = field(default_factory=History)
    _settle: threading.Event = field(
        default_factory=threading.Event, init=False, repr=False
    )
    _deactivate: threading.Event = field(
        default_factory=threading.Event, init=False, repr=False
    )
    _stop: threading.Event = field(
        default_factory=threading.Event, init=False, repr=False
    )
    _threads: list[threading.Thread] = field(
        default_factory=list, init=False, repr=False
    )

    @property
    def settled_ids(self) -> list[int]:
        """Return the settling client's users."""
        return list(self.user_ids[0::2])

    def start(self) -> None:
        """Start the settling client, the busy client and the reader."""
        self._threads = [
            threading.Thread(target=self._run_settling),
            threading.Thread(target=self._run_busy),
            threading.Thread(target=self._read),
        ]
        for thread in self._threads:
            thread.start()

    def settle(self) -> None:
        """Have the settling client make its last round and stop; wait for it."""
        self._settle.set()
        self._threads[0].join()

    def deactivate_soon(self) -> None:
        """Have the busy client deactivate its first user, trying until acknowledged."""
        self._deactivate.set()

    def stop(self) -> None:
        """Stop every thread and wait for it."""
        self._settle.set()
        self._stop.set()
        for thread in self._threads:
            thread.join()

    def _client(self, edge: httpx.Client, user_ids: list[int]) -> _Client:
        """Return a client of these users that records into the history."""
        return _Client(edge=edge, history=self.history, user_ids=user_ids)

    def _run_settling(self) -> None:
        """Rename the users in turn until told to settle; then deactivate, rename."""
        with httpx.Client(base_url=self.edge_url, timeout=10.0) as edge:
            client = self._client(edge, self.settled_ids)
            while not self._settle.is_set():
                for user_id in client.user_ids:
                    client.rename(user_id)
                    self._settle.wait(CHANGE_PAUSE)
            first, *others = client.user_ids
            while not client.deactivate(first) and not self._stop.is_set():
                self._stop.wait(CHANGE_PAUSE)
            for user_id in others:
                client.rename(user_id)

    def _run_busy(self) -> None:
        """Rename the users in turn until stopped; deactivate the first when told."""
        with httpx.Client(base_url=self.edge_url, timeout=10.0) as edge:
            client = self._client(edge, list(self.user_ids[1::2]))
            to_deactivate: int | None = client.user_ids[0]
            while not self._stop.is_set():
                for user_id in client.user_ids:
                    if self._deactivate.is_set() and user_id == to_deactivate:
                        if client.deactivate(user_id):
                            to_deactivate = None
                    else:
                        client.rename(user_id)
                    self._stop.wait(CHANGE_PAUSE)

    def _read(self) -> None:
        """List orders every READ_PAUSE seconds; record each user's customer name."""
        with httpx.Client(base_url=self.edge_url, timeout=10.0) as edge:
            while not self._stop.wait(READ_PAUSE):
                try:
                    orders = edge.get("/api/orders/", params={"page_size": PAGE_SIZE})
                except httpx.HTTPError:
                    self.history.read_failed()
                    continue
                if orders.status_code != HTTPStatus.OK:
                    self.history.read_failed()
                    continue
                names = {
                    order["user_id"]: order["customer"]["name"]
                    for order in orders.json()["results"]
                    if order["user_id"] in self.user_ids
                }
                self.history.read(names=names)
