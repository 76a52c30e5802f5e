"""Lab 5's check of the credit saga: a burst of placements against one limit.

A user with a limit of 100.00 gets 24 placements of 10.00 at once: exactly
10 may be approved. Then some approved orders are cancelled, one shipped,
and more placed. Once no order awaits credit, the credit the users service
holds reserved must equal the total of the user's pending and confirmed
orders, and never have gone above the limit. A limit checked in orders
alone leaves nothing reserved in users; a check made before the
reservation is taken under a lock approves more than 10.
"""

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from http import HTTPStatus

from tools.labkit import CheckFailed, LabTree
from tools.labstack import lab_redis

from .calls import (
    counted,
    create_user,
    expect,
    in_parallel,
    order_payload,
    send,
    tally,
)
from .stack import running

LIMIT = "100.00"
BURST = 24
APPROVED_IN_BURST = 10
CANCELLED, PLACED_AFTER = 4, 6
APPROVED = ("pending", "confirmed")
# The first saga may wait for the orders worker to start and connect.
WARM_UP_SECONDS = 60.0
# How long the sagas may take to settle after a burst.
SETTLE_SECONDS = 30.0


@dataclass(frozen=True)
class Ledger:
    """One user's credit as both services show it at one moment."""

    reserved: Decimal
    approved: Decimal
    statuses: dict[int, str]

    @property
    def decided(self) -> bool:
        """Tell whether no order awaits credit."""
        return "awaiting_credit" not in self.statuses.values()

    @property
    def holds(self) -> bool:
        """Tell whether every order is decided and reserved is what orders hold."""
        return self.decided and self.reserved == self.approved <= Decimal(LIMIT)

    def ids(self, status: str) -> list[int]:
        """Return the ids of the user's orders with this status."""
        return sorted(o for o, found in self.statuses.items() if found == status)

    def __str__(self) -> str:
        shown = {s: len(self.ids(s)) for s in sorted(set(self.statuses.values()))}
        return (
            f"reserved {self.reserved}, pending and confirmed orders total "
            f"{self.approved} (limit {LIMIT}); orders by status: {shown}"
        )


def credit_invariant_after_a_burst(tree: LabTree) -> None:
    """10 of 24 parallel placements are approved; reserved = approved <= limit."""
    with (
        lab_redis(tree, name="credit") as redis_url,
        running(tree, name="credit", redis_url=redis_url) as (edge, _),
    ):
        _warm_up(edge)
        user_id = _limited_user(edge, email="credit@example.com")
        with _highest_reserved(edge, user_id=user_id) as highest:
            _burst(edge, user_id=user_id)
            _then_cancel_ship_and_place(edge, user_id=user_id)
    if highest and max(highest) > Decimal(LIMIT):
        raise CheckFailed(
            f"the user's reserved credit reached {max(highest)} at one moment, "
            f"above the limit of {LIMIT} ({len(highest)} readings)"
        )


def _limited_user(edge: str, *, email: str) -> int:
    """Create a user with the lab's limit; fail if the limit is not kept or shown."""
    user = create_user(edge, email=email, credit_limit=LIMIT)
    if user.get("credit_limit") != LIMIT:
        raise CheckFailed(
            f"POST /api/users/ with credit_limit {LIMIT!r} answered a user whose "
            f"credit_limit is {user.get('credit_limit', '(no such field)')!r}"
        )
    credit = send("GET", f"{edge}/api/users/{user['id']}/credit/")
    body = expect(credit, HTTPStatus.OK, "reading a user's credit").json()
    missing = {"user_id", "credit_limit", "reserved", "available"} - set(body)
    if missing:
        raise CheckFailed(f"GET /api/users/{{id}}/credit/ has no {sorted(missing)}")
    return int(str(user["id"]))


def _warm_up(edge: str) -> None:
    """Place one order for a limited user and wait until its saga decides it."""
    user_id = _limited_user(edge, email="credit-warm-up@example.com")
    placed = _place(edge, user_id=user_id)
    if placed["status"] != "awaiting_credit":
        raise CheckFailed(
            "an order of a user with a credit limit was placed with status "
            f"{placed['status']!r}: it must be 'awaiting_credit' until the users "
            "service has reserved its total"
        )
    status = _settled(
        edge, user_id=user_id, within=WARM_UP_SECONDS, decided_only=True
    ).statuses
    if status[int(str(placed["id"]))] != "pending":
        raise CheckFailed(
            f"a 10.00 order of a user with a limit of {LIMIT} was still "
            f"{status} {WARM_UP_SECONDS:g} s after it was placed (must be 'pending')"
        )


def _burst(edge: str, *, user_id: int) -> None:
    """Place 24 orders at once: all 201, then exactly 10 approved, the rest rejected."""
    payload = order_payload(user_id)
    calls = [lambda client: client.post("/api/orders/", json=payload)] * BURST
    statuses = tally(in_parallel(edge, calls))
    if statuses != {HTTPStatus.CREATED: BURST}:
        raise CheckFailed(
            f"{BURST} placements sent at once answered {counted(statuses)} "
            "(must all be 201)"
        )
    ledger = _settled(edge, user_id=user_id, within=SETTLE_SECONDS)
    approved = len(ledger.ids("pending"))
    if approved != APPROVED_IN_BURST or not ledger.holds:
        raise CheckFailed(
            f"{BURST} placements of 10.00 sent at once for a user with a limit of "
            f"{LIMIT}: {approved} were approved (must be {APPROVED_IN_BURST}); "
            f"{SETTLE_SECONDS:g} s later, {ledger}"
        )


def _then_cancel_ship_and_place(edge: str, *, user_id: int) -> None:
    """Cancel some approved orders, ship one, place more: the invariant holds after."""
    approved = _ledger(edge, user_id=user_id).ids("pending")
    shipped = approved[CANCELLED]
    for action in ("confirm", "ship"):
        answer = send("POST", f"{edge}/api/orders/{shipped}/{action}/")
        expect(answer, HTTPStatus.OK, f"{action} an approved order")
    payload = order_payload(user_id)
    calls = [
        *(
            lambda client, order=order: client.post(f"/api/orders/{order}/cancel/")
            for order in approved[:CANCELLED]
        ),
        *[lambda client: client.post("/api/orders/", json=payload)] * PLACED_AFTER,
    ]
    statuses = tally(in_parallel(edge, calls))
    if not set(statuses) <= {HTTPStatus.OK, HTTPStatus.CREATED}:
        raise CheckFailed(
            f"{CANCELLED} cancellations and {PLACED_AFTER} placements sent at once "
            f"answered {counted(statuses)} (must be 200 and 201)"
        )
    ledger = _settled(edge, user_id=user_id, within=SETTLE_SECONDS)
    if not ledger.holds:
        raise CheckFailed(
            f"after {CANCELLED} approved orders were cancelled, one shipped and "
            f"{PLACED_AFTER} more placed at once, {SETTLE_SECONDS:g} s later: "
            f"{ledger} (reserved must equal that total, within the limit)"
        )


def _place(edge: str, *, user_id: int) -> dict[str, object]:
    """Place one 10.00 order; return it as answered."""
    placed = send("POST", f"{edge}/api/orders/", json=order_payload(user_id))
    body: dict[str, object] = expect(placed, HTTPStatus.CREATED, "placing").json()
    return body


def _settled(
    edge: str, *, user_id: int, within: float, decided_only: bool = False
) -> Ledger:
    """Poll the user's ledger until it holds (or is decided) or time runs out.

    Return the last ledger read.
    """
    deadline = time.monotonic() + within
    ledger = _ledger(edge, user_id=user_id)
    while not (ledger.decided if decided_only else ledger.holds):
        if time.monotonic() > deadline:
            break
        time.sleep(0.25)
        ledger = _ledger(edge, user_id=user_id)
    return ledger


def _ledger(edge: str, *, user_id: int) -> Ledger:
    """Read the user's reserved credit from users, and their orders from orders."""
    credit = send("GET", f"{edge}/api/users/{user_id}/credit/")
    reserved = Decimal(str(expect(credit, HTTPStatus.OK, "credit").json()["reserved"]))
    orders: list[dict[str, object]] = []
    url: str | None = f"{edge}/api/orders/?user_id={user_id}&page_size=100"
    while url is not None:
        page = expect(send("GET", url), HTTPStatus.OK, "listing orders").json()
        orders += page["results"]
        url = page["next"]
    return Ledger(
        reserved=reserved,
        approved=sum(
            (Decimal(str(o["total"])) for o in orders if o["status"] in APPROVED),
            Decimal("0.00"),
        ),
        statuses={int(str(o["id"])): str(o["status"]) for o in orders},
    )


@contextmanager
def _highest_reserved(edge: str, *, user_id: int) -> Iterator[list[Decimal]]:
    """Read the user's reserved credit over and over while the block runs."""
    readings: list[Decimal] = []
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            try:
                credit = send("GET", f"{edge}/api/users/{user_id}/credit/")
            except CheckFailed:
                continue
            if credit.status_code == HTTPStatus.OK:
                readings.append(Decimal(str(credit.json()["reserved"])))
            stop.wait(0.05)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        yield readings
    finally:
        stop.set()
        watcher.join()
