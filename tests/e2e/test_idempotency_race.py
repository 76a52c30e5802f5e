"""End to end: 20 parallel requests with one Idempotency-Key create one resource.

Each answer is the first request's 201 (itself or replayed) or a 409 for a
duplicate that arrived while the first was in flight; the counts go to the
run's summary.
"""

import uuid
from collections import Counter
from collections.abc import Callable
from http import HTTPStatus

import httpx

from tests.public_api.conftest import BOOK, Shop, unique_email
from tests.public_api.test_concurrency import send_in_parallel

RACERS = 20


def tally(responses: list[httpx.Response]) -> Counter[str]:
    """Count first answers, replays and in-flight refusals."""
    counted: Counter[str] = Counter()
    for response in responses:
        if response.status_code == HTTPStatus.CONFLICT:
            counted["in flight"] += 1
        elif response.headers.get("Idempotent-Replayed") == "true":
            counted["replayed"] += 1
        else:
            counted[str(response.status_code)] += 1
    return counted


def test_parallel_placements_with_one_key_place_one_order(
    base_url: str, api: httpx.Client, shop: Shop, report_counts: Callable[[str], None]
):
    user = shop.create_user()
    payload = {"user_id": user["id"], "lines": [BOOK]}
    headers = {"Idempotency-Key": str(uuid.uuid4())}
    calls = [
        lambda client: client.post("/api/orders/", json=payload, headers=headers)
    ] * RACERS

    responses = send_in_parallel(base_url, calls, workers=RACERS)

    counted = tally(responses)
    report_counts(f"{RACERS} parallel placements with one key: {dict(counted)}")
    assert counted["201"] == 1
    assert counted["201"] + counted["replayed"] + counted["in flight"] == RACERS
    ids = {r.json()["id"] for r in responses if r.status_code == HTTPStatus.CREATED}
    assert len(ids) == 1
    listed = api.get("/api/orders/", params={"user_id": user["id"]}).json()
    assert listed["count"] == 1


def test_parallel_creates_with_one_key_create_one_user(
    base_url: str, api: httpx.Client, report_counts: Callable[[str], None]
):
    payload = {"name": "Raced", "email": unique_email()}
    headers = {"Idempotency-Key": str(uuid.uuid4())}
    calls = [
        lambda client: client.post("/api/users/", json=payload, headers=headers)
    ] * RACERS

    responses = send_in_parallel(base_url, calls, workers=RACERS)

    counted = tally(responses)
    report_counts(f"{RACERS} parallel user creates with one key: {dict(counted)}")
    # Without the key, all but one would be a 400: the email is taken.
    assert counted["201"] == 1
    assert counted["201"] + counted["replayed"] + counted["in flight"] == RACERS
