"""What the credit saga's end-to-end tests read through the public API: the invariant.

For every user, the credit the users service holds reserved equals the
total of that user's approved, unshipped, uncancelled orders (pending or
confirmed), and never exceeds the user's limit. It holds once the sagas
have caught up; `converged` waits for that.
"""

import time
from dataclasses import dataclass
from decimal import Decimal

import httpx

APPROVED = ("pending", "confirmed")
CONVERGE_SECONDS = 30.0


@dataclass(frozen=True)
class Ledger:
    """One user's credit as both services show it at one moment."""

    limit: Decimal
    reserved: Decimal
    approved: Decimal
    statuses: dict[int, str]

    @property
    def holds(self) -> bool:
        """Tell whether the invariant holds and no order waits for its credit."""
        waiting = "awaiting_credit" in self.statuses.values()
        return not waiting and self.reserved == self.approved <= self.limit

    def count(self, status: str) -> int:
        """Count the user's orders with this status."""
        return sum(1 for found in self.statuses.values() if found == status)


def ledger(edge: httpx.Client, user_id: int) -> Ledger:
    """Read a user's credit from users, and their orders from orders."""
    credit = edge.get(f"/api/users/{user_id}/credit/").json()
    orders: list[dict[str, object]] = []
    url: str | None = f"/api/orders/?user_id={user_id}&page_size=100"
    while url is not None:
        page = edge.get(url).json()
        orders += page["results"]
        url = page["next"]
    approved = sum(
        (Decimal(str(o["total"])) for o in orders if o["status"] in APPROVED),
        Decimal("0.00"),
    )
    return Ledger(
        limit=Decimal(credit["credit_limit"]),
        reserved=Decimal(credit["reserved"]),
        approved=approved,
        statuses={int(str(o["id"])): str(o["status"]) for o in orders},
    )


def saga_states(edge: httpx.Client, order_ids: list[int]) -> dict[int, str]:
    """Return the state of each order's saga: running, done or parked."""
    return {
        order_id: edge.get(f"/api/orders/{order_id}/saga/").json()["state"]
        for order_id in order_ids
    }


def converged(edge: httpx.Client, user_id: int) -> tuple[Ledger, float]:
    """Wait until the invariant holds and every saga is done; return how long it took.

    The invariant can hold while a step is still running: a release of
    credit that was never held, say.
    """
    began = time.monotonic()
    deadline = began + CONVERGE_SECONDS
    while True:
        found = ledger(edge, user_id)
        done = found.holds and set(
            saga_states(edge, list(found.statuses)).values()
        ) == {"done"}
        if done or time.monotonic() > deadline:
            return found, time.monotonic() - began
        time.sleep(0.2)
