"""What consistency costs, in `make bench`: credit checks, If-Match, the saga's pace.

Three more scenarios run on this checkout in every read round, beside the
others, so each pair is measured moments apart on one stack: a placement
for a customer with a credit limit (which starts the saga) against one for
a customer without; a PATCH of a user with If-Match against one without.
Their ratios are taken within each round, as the stacks' are. After the
rounds, orders are placed for the customer with a limit at a steady rate,
and each saga's page says when its try was decided: the time from the
placement to the saga's outcome.
"""

import threading
import time
import weakref
from dataclasses import dataclass
from datetime import datetime

import httpx

from tools.benchkit import LINE, Requests
from tools.benchreport import HERE, Round
from tools.benchstats import ratio_summary

PLACEMENT = "order placement"
CHECKED = "order placement, credit checked"
PLAIN_WRITE = "user change"
CONDITIONAL_WRITE = "user change, If-Match"
# Each pair: the scenario with the consistency feature, and the one without.
PAIRS = ((CHECKED, PLACEMENT), (CONDITIONAL_WRITE, PLAIN_WRITE))
# The largest limit the API takes: every checked placement is approved.
LIMIT = "99999999.99"
# Users to write to: one per client, so no write meets another's tag.
WRITERS = 64
SAGAS = 100
SAGA_RATE = 20.0
SAGA_WAIT_SECONDS = 60.0


def limited_customer(api: httpx.Client) -> int:
    """Create a customer with the largest credit limit; return their id."""
    payload = {
        "name": "Bench credit",
        "email": "bench-credit@example.com",
        "credit_limit": LIMIT,
    }
    return int(api.post("/api/users/", json=payload).json()["id"])


class Writers:
    """Give each client a user of its own to rename, and keep each user's ETag."""

    def __init__(self, api: httpx.Client) -> None:
        """Create the users to write to."""
        self._users = [
            int(
                api.post(
                    "/api/users/",
                    json={"name": "Writer", "email": f"bench-writer-{n}@example.com"},
                ).json()["id"]
            )
            for n in range(WRITERS)
        ]
        self._etags: dict[int, str] = {}
        # Clients of one scenario start together and take consecutive users;
        # a client gone is forgotten, so its user goes round again.
        self._of: weakref.WeakKeyDictionary[httpx.Client, int] = (
            weakref.WeakKeyDictionary()
        )
        self._handed = 0
        self._lock = threading.Lock()

    def user_of(self, client: httpx.Client) -> int:
        """Return the user this client writes to."""
        with self._lock:
            if client not in self._of:
                self._of[client] = self._users[self._handed % WRITERS]
                self._handed += 1
            return self._of[client]

    def change(self, client: httpx.Client, *, conditional: bool) -> httpx.Response:
        """Rename the client's user; if conditional, with its ETag in If-Match."""
        user_id = self.user_of(client)
        headers = {}
        if conditional:
            if user_id not in self._etags:
                self._etags[user_id] = client.get(f"/api/users/{user_id}/").headers[
                    "ETag"
                ]
            headers["If-Match"] = self._etags[user_id]
        response = client.patch(
            f"/api/users/{user_id}/",
            json={"name": f"Writer {time.monotonic_ns()}"},
            headers=headers,
        )
        if "ETag" in response.headers:
            self._etags[user_id] = response.headers["ETag"]
        else:
            self._etags.pop(user_id, None)
        return response


@dataclass(frozen=True)
class Consistency:
    """The consistency scenarios of a stack, and its customer with a limit."""

    requests: Requests
    customer: int


def consistency_target(url: str) -> Consistency:
    """Make the customer and the writers; return the scenarios of consistency."""
    with httpx.Client(base_url=url, timeout=30) as api:
        customer = limited_customer(api)
        writers = Writers(api)
    checked = {"user_id": customer, "lines": [LINE]}
    requests: Requests = {
        CHECKED: lambda c: c.post("/api/orders/", json=checked),
        PLAIN_WRITE: lambda c: writers.change(c, conditional=False),
        CONDITIONAL_WRITE: lambda c: writers.change(c, conditional=True),
    }
    return Consistency(requests, customer)


def with_consistency(requests: Requests, consistency: Consistency) -> Requests:
    """Add the scenarios of consistency, each right after the one it is paired with.

    A round measures scenarios in this order, so each pair is measured
    back to back.
    """
    merged: Requests = {}
    for name, request in requests.items():
        merged[name] = request
        if name == PLACEMENT:
            merged[CHECKED] = consistency.requests[CHECKED]
    return merged | {
        name: request
        for name, request in consistency.requests.items()
        if name not in merged
    }


def pair_table(rounds: list[Round]) -> str:
    """Render each pair's p50 ratio on this checkout, per round, summed up."""
    rows = [
        "| with | without | p50 ratio, median | lowest-highest | rounds |",
        "| --- | --- | ---: | ---: | --- |",
    ]
    for with_it, without in PAIRS:
        if with_it not in rounds[0]:
            continue
        ratios = [
            measured[with_it][HERE].percentile(0.5)
            / measured[without][HERE].percentile(0.5)
            for measured in rounds
        ]
        summary = ratio_summary(ratios=ratios, subject=f"'{with_it}'")
        rows.append(
            f"| {with_it} | {without} | {summary.median:.2f} | "
            f"{summary.low:.2f}-{summary.high:.2f} | {summary.verdict} |"
        )
    return "\n".join(rows)


@dataclass(frozen=True)
class SagaTimes:
    """How long sagas took from placement to outcome, in milliseconds."""

    placed: int
    decided: int
    millis: list[float]

    def percentile(self, share: float) -> float:
        """Return a percentile of the times, in milliseconds."""
        ordered = sorted(self.millis)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def saga_millis(saga: dict[str, str]) -> float:
    """Return the time from a saga's start to its last change, in milliseconds."""
    began = datetime.fromisoformat(saga["created_at"])
    ended = datetime.fromisoformat(saga["updated_at"])
    return (ended - began).total_seconds() * 1000


def saga_times(
    url: str, *, customer: int, count: int = SAGAS, rate: float = SAGA_RATE
) -> SagaTimes:
    """Place orders for the customer at a steady rate; time each saga's decision."""
    with httpx.Client(base_url=url, timeout=30) as api:
        placed = []
        began = time.monotonic()
        for number in range(count):
            time.sleep(max(0.0, began + number / rate - time.monotonic()))
            payload = {"user_id": customer, "lines": [LINE]}
            placed.append(api.post("/api/orders/", json=payload).json()["id"])
        deadline = time.monotonic() + SAGA_WAIT_SECONDS
        sagas: list[dict[str, str]] = []
        while time.monotonic() < deadline:
            sagas = [api.get(f"/api/orders/{o}/saga/").json() for o in placed]
            if all(saga["state"] == "done" for saga in sagas):
                break
            time.sleep(0.5)
    decided = [saga for saga in sagas if saga["state"] == "done"]
    return SagaTimes(count, len(decided), [saga_millis(saga) for saga in decided])


def saga_table(times: SagaTimes) -> str:
    """Render the sagas' times from placement to outcome."""
    p50, p99 = times.percentile(0.5), times.percentile(0.99)
    return "\n".join(
        [
            "| sagas placed | decided | p50 ms | p99 ms |",
            "| ---: | ---: | ---: | ---: |",
            f"| {times.placed} | {times.decided} | {p50:.0f} | {p99:.0f} |",
        ]
    )
