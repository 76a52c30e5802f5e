"""Lab 5's check of Idempotency-Key: a retry replays, a burst places one order.

A placement sent again with its key must get the first answer back, even
after the whole stack was stopped and started again: a key kept in a
process's memory is gone by then. Twenty placements sent at once with one
key must place one order, and the key sent with another body is a 422.
"""

import uuid
from http import HTTPStatus

import httpx

from tools.labkit import CheckFailed, LabTree
from tools.labstack import lab_redis

from .calls import (
    counted,
    create_user,
    expect,
    in_parallel,
    order_payload,
    said,
    send,
    tally,
)
from .stack import running

RACERS = 20
ANSWERS = {HTTPStatus.CREATED, HTTPStatus.CONFLICT}


def one_order_per_idempotency_key(tree: LabTree) -> None:
    """A key replays its first answer, after a restart too; a burst places one."""
    with lab_redis(tree, name="keys") as redis_url:
        with running(tree, name="keys", redis_url=redis_url) as (edge, _):
            user_id = create_user(edge, email="keys@example.com")["id"]
            _user_retry_replays(edge)
            key, first = _placement_retry_replays(edge, user_id=user_id)
            _a_burst_places_one_order(edge, user_id=user_id)
        with running(tree, name="keys", redis_url=redis_url) as (edge, _):
            _replays_after_a_restart(edge, user_id=user_id, key=key, first=first)


def _user_retry_replays(edge: str) -> None:
    """A user created twice with one key is created once."""
    payload = {"name": "Lab Once", "email": "keys-once@example.com"}
    headers = {"Idempotency-Key": str(uuid.uuid4())}
    first = send("POST", f"{edge}/api/users/", json=payload, headers=headers)
    expect(first, HTTPStatus.CREATED, "creating a user with an Idempotency-Key")
    again = send("POST", f"{edge}/api/users/", json=payload, headers=headers)
    if again.status_code != HTTPStatus.CREATED or _id(again) != _id(first):
        raise CheckFailed(
            said("the same user sent again with its Idempotency-Key", again)
            + f"\n(the first answer was 201 with id {_id(first)}: it must come back)"
        )


def _placement_retry_replays(edge: str, *, user_id: object) -> tuple[str, object]:
    """An order placed twice with one key is placed once; return the key and the id."""
    key = str(uuid.uuid4())
    placed = [
        send(
            "POST",
            f"{edge}/api/orders/",
            json=order_payload(user_id),
            headers={"Idempotency-Key": key},
        )
        for _ in range(2)
    ]
    expect(placed[0], HTTPStatus.CREATED, "placing an order with an Idempotency-Key")
    if placed[1].status_code != HTTPStatus.CREATED or _id(placed[1]) != _id(placed[0]):
        raise CheckFailed(
            said("the same order sent again with its Idempotency-Key", placed[1])
            + f"\n(the first answer was 201 with id {_id(placed[0])}: it must come "
            "back, and no second order be placed)"
        )
    return key, _id(placed[0])


def _a_burst_places_one_order(edge: str, *, user_id: object) -> None:
    """Twenty placements at once with one key: one order; another body is a 422."""
    before = _orders_of(edge, user_id=user_id)
    headers = {"Idempotency-Key": str(uuid.uuid4())}
    payload = order_payload(user_id)
    calls = [lambda c: c.post("/api/orders/", json=payload, headers=headers)] * RACERS
    answers = in_parallel(edge, calls)
    statuses = tally(answers)
    ids = {_id(a) for a in answers if a.status_code == HTTPStatus.CREATED}
    placed = _orders_of(edge, user_id=user_id) - before
    if placed != 1 or len(ids) != 1 or not set(statuses) <= ANSWERS:
        raise CheckFailed(
            f"{RACERS} placements sent at once with one Idempotency-Key placed "
            f"{placed} orders (must be 1); they answered {counted(statuses)} "
            f"(must be 201, the first answer or its replay, or 409 while the "
            f"first is in flight), with {len(ids)} different order ids"
        )
    changed = send(
        "POST",
        f"{edge}/api/orders/",
        json=order_payload(user_id, quantity=2),
        headers=headers,
    )
    if changed.status_code != HTTPStatus.UNPROCESSABLE_ENTITY:
        raise CheckFailed(
            said("the key sent again with another body (must be 422)", changed)
        )


def _replays_after_a_restart(
    edge: str, *, user_id: object, key: str, first: object
) -> None:
    """After `make run` was stopped and started again, the key still replays."""
    again = send(
        "POST",
        f"{edge}/api/orders/",
        json=order_payload(user_id),
        headers={"Idempotency-Key": key},
    )
    if again.status_code != HTTPStatus.CREATED or _id(again) != first:
        raise CheckFailed(
            said(
                "after make run was stopped and started again, the order sent "
                "again with its Idempotency-Key",
                again,
            )
            + f"\n(the first answer was 201 with id {first}: keys must outlive "
            "the processes, so keep them where the order is kept)"
        )


def _orders_of(edge: str, *, user_id: object) -> int:
    """Count the user's orders."""
    listed = send("GET", f"{edge}/api/orders/?user_id={user_id}")
    count: int = expect(listed, HTTPStatus.OK, "listing orders").json()["count"]
    return count


def _id(response: httpx.Response) -> object:
    """Return the id a JSON answer holds, or None."""
    try:
        body = response.json()
    except ValueError:
        return None
    return body.get("id") if isinstance(body, dict) else None
