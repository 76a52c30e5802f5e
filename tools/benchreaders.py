"""The sync bench's readers: threads that poll the order list through the edge.

The writer (tools/benchsync.py) gives each change a user's name with a
number, "Lag 7"; a page of the order list shows every watched user's
order with its customer's name as orders' replica holds it. Each reader
notes the moment a user's number first shows in a read it got back.
"""

import statistics
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import Self

import httpx
import msgspec

from tools.benchlag import Sighting

# Two readers, each pausing between reads, started apart: a change is seen
# by the first read after it, every POLL_SECONDS / READERS on average, while
# the reads leave the stack's two cores to the changes they measure. A
# small page keeps each read, which is the lag's grain, short.
READERS = 2
POLL_SECONDS = 0.04
# How long the readers may take to get a first read back before changes start.
FIRST_READ_SECONDS = 30.0
RETRY_SECONDS = 0.05
LISTED = "/api/orders/?page_size=20"
NAMED = "Lag "


def name_number(name: str) -> int:
    """Return the number a bench change put in a user's name; 0 for any other name."""
    number = name.removeprefix(NAMED)
    return int(number) if number != name and number.isdigit() else 0


class Customer(msgspec.Struct):
    """What a read needs of an order's customer."""

    name: str


class Order(msgspec.Struct):
    """What a read needs of an order: whose it is, and their name as orders shows it."""

    user_id: int
    customer: Customer | None = None


class Page(msgspec.Struct):
    """A page of the order list, as far as the readers read it."""

    results: list[Order]


def listed_users(url: str) -> list[int]:
    """Return the users whose orders the order list's page shows, for the writer."""
    response = httpx.get(f"{url}{LISTED}", timeout=30)
    response.raise_for_status()
    page = msgspec.json.decode(response.content, type=Page)
    return sorted({order.user_id for order in page.results})


@dataclass
class Readers:
    """Threads that poll the order list and note each user's numbers as they show."""

    url: str
    users: frozenset[int]
    count: int = READERS
    sightings: list[Sighting] = field(default_factory=list)
    polls: list[float] = field(default_factory=list)
    _newest: dict[int, int] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _stop: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)

    def caught_up(self, expected: Mapping[int, int]) -> bool:
        """Return whether every user's expected number has shown."""
        with self._lock:
            newest = dict(self._newest)
        return all(newest.get(user, 0) >= n for user, n in expected.items())

    def poll_ms(self) -> float:
        """Return the median time one read of the order list took, in ms."""
        return 1000 * statistics.median(self.polls) if self.polls else 0.0

    def __enter__(self) -> Self:
        """Start the readers; return once a first read has come back."""
        self._threads = [
            threading.Thread(target=self._read, daemon=True) for _ in range(self.count)
        ]
        for thread in self._threads:
            thread.start()
            time.sleep(POLL_SECONDS / self.count)
        deadline = time.monotonic() + FIRST_READ_SECONDS
        while not self.polls and time.monotonic() < deadline:
            time.sleep(0.01)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Stop the readers and wait for them."""
        self._stop.set()
        for thread in self._threads:
            thread.join()

    def _read(self) -> None:
        """Read the list again and again, noting numbers new to this reader."""
        seen: dict[int, int] = {}
        with httpx.Client(base_url=self.url, timeout=30) as client:
            while not self._stop.is_set():
                started = time.monotonic()
                try:
                    response = client.get(LISTED)
                except httpx.HTTPError:
                    # An edge that does not answer is not asked again at once.
                    time.sleep(RETRY_SECONDS)
                    continue
                received = time.monotonic()
                self.polls.append(received - started)
                if response.status_code == httpx.codes.OK:
                    page = msgspec.json.decode(response.content, type=Page)
                    self._note(page, received=received, seen=seen)
                self._stop.wait(POLL_SECONDS)

    def _note(self, page: Page, *, received: float, seen: dict[int, int]) -> None:
        """Note each watched user whose number in this read is new to the reader."""
        for order in page.results:
            user, customer = order.user_id, order.customer
            if user not in self.users or customer is None:
                continue
            number = name_number(customer.name)
            if number > seen.get(user, 0):
                seen[user] = number
                with self._lock:
                    self.sightings.append(Sighting(user, number, received))
                    self._newest[user] = max(self._newest.get(user, 0), number)
