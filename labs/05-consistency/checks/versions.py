"""Lab 5's check of versions in the API: ETags, a stale If-Match, racing writers.

A stale If-Match must be refused (412) and change nothing, on a user and
on an order's action. Then ten writers send one tag at once: exactly one
may win. A tag compared before the row is locked lets several through,
and this check counts them.
"""

from http import HTTPStatus

from tools.labkit import CheckFailed, LabTree
from tools.labstack import lab_redis

from .calls import (
    counted,
    create_user,
    etag_of,
    expect,
    field,
    in_parallel,
    place_order,
    send,
    tally,
)
from .stack import running

WRITERS = 10
# A race can be lucky: a comparison made before the lock may let only one
# writer through in one round, rarely in every one.
ROUNDS = 5


def stale_if_match_is_refused(tree: LabTree) -> None:
    """A stale If-Match is a 412 that changes nothing; of ten racers, one wins."""
    with (
        lab_redis(tree, name="versions") as redis_url,
        running(tree, name="versions", redis_url=redis_url) as (edge, _),
    ):
        user_id = create_user(edge, email="versions@example.com")["id"]
        user = f"{edge}/api/users/{user_id}/"
        _read_again_is_304(user)
        _stale_user_patch_is_refused(user)
        order_id = place_order(edge, user_id=user_id)["id"]
        _stale_order_action_is_refused(f"{edge}/api/orders/{order_id}/")
        for round_number in range(1, ROUNDS + 1):
            _one_of_the_racers_wins(edge, user, round_number=round_number)


def _read_again_is_304(url: str) -> None:
    """A GET with If-None-Match naming the current tag is a 304."""
    etag = etag_of(url)
    again = send("GET", url, headers={"If-None-Match": etag})
    if again.status_code != HTTPStatus.NOT_MODIFIED:
        raise CheckFailed(
            f"GET with If-None-Match: {etag} (the user's current ETag) answered "
            f"{again.status_code}, not 304"
        )


def _stale_user_patch_is_refused(url: str) -> None:
    """A PATCH with the tag of a version since replaced is a 412; the name stays."""
    stale = etag_of(url)
    expect(send("PATCH", url, json={"name": "Second"}), HTTPStatus.OK, "a rename")
    refused = send("PATCH", url, json={"name": "Third"}, headers={"If-Match": stale})
    name = field(url, "name")
    if refused.status_code != HTTPStatus.PRECONDITION_FAILED or name != "Second":
        raise CheckFailed(
            f"a PATCH with If-Match: {stale}, the tag before a rename, answered "
            f"{refused.status_code} (must be 412), and the name is now {name!r} "
            "(must stay 'Second')"
        )


def _stale_order_action_is_refused(url: str) -> None:
    """A cancel with the tag from before a confirm is a 412; the order stays put."""
    stale = etag_of(url)
    expect(send("POST", f"{url}confirm/"), HTTPStatus.OK, "confirming an order")
    refused = send("POST", f"{url}cancel/", headers={"If-Match": stale})
    status = field(url, "status")
    if refused.status_code != HTTPStatus.PRECONDITION_FAILED or status != "confirmed":
        raise CheckFailed(
            f"POST {url.split('/api')[1]}cancel/ with If-Match: {stale}, the tag "
            f"before the order was confirmed, answered {refused.status_code} "
            f"(must be 412), and the order is now {status!r} (must stay 'confirmed')"
        )


def _one_of_the_racers_wins(edge: str, url: str, *, round_number: int) -> None:
    """Ten PATCHes sent at once with one tag: one 200, nine 412, one new version."""
    etag = etag_of(url)
    version = field(url, "version")
    path = url.removeprefix(edge)
    # A name of its own per round and writer: a rename to the name the user
    # already has changes nothing, and would succeed beside the real winner.
    calls = [
        lambda client, n=n: client.patch(
            path,
            json={"name": f"Writer {round_number}.{n}"},
            headers={"If-Match": etag},
        )
        for n in range(WRITERS)
    ]
    statuses = tally(in_parallel(edge, calls))
    after = field(url, "version")
    wanted = {HTTPStatus.OK: 1, HTTPStatus.PRECONDITION_FAILED: WRITERS - 1}
    if statuses != wanted or not isinstance(version, int) or after != version + 1:
        raise CheckFailed(
            f"in round {round_number} of {ROUNDS}, {WRITERS} PATCHes sent at once "
            f"with one If-Match: {etag} answered "
            f"{counted(statuses)} (must be 1 x 200, {WRITERS - 1} x 412); the "
            f"user's version went from {version} to {after}"
        )
