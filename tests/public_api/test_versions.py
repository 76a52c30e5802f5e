"""Public API: versions as ETags; If-None-Match gives 304, a stale If-Match 412.

Since stage 5. A client that read a resource sends its ETag back with a
write; if someone else changed the resource in between, the write is
refused and nothing changes: no lost update.
"""

from collections import Counter
from http import HTTPStatus

import httpx

from tests.public_api.conftest import Shop, expect
from tests.public_api.test_concurrency import patch, send_in_parallel, statuses

RACERS = 10
# A check made outside the row's lock lets two writers through only when
# they interleave just so; one round can be lucky, five rarely are.
ROUNDS = 5


def test_a_user_read_carries_an_etag_that_if_none_match_turns_into_304(
    api: httpx.Client, shop: Shop
):
    user = shop.create_user()
    etag = api.get(f"/api/users/{user['id']}/").headers["ETag"]

    response = api.get(f"/api/users/{user['id']}/", headers={"If-None-Match": etag})

    assert response.status_code == HTTPStatus.NOT_MODIFIED
    assert response.content == b""
    assert response.headers["ETag"] == etag


def test_a_users_etag_changes_with_their_version(api: httpx.Client, shop: Shop):
    user = shop.create_user()
    before = api.get(f"/api/users/{user['id']}/").headers["ETag"]

    changed = expect(
        api.patch(f"/api/users/{user['id']}/", json={"name": "Renamed"}), HTTPStatus.OK
    )

    assert changed.headers["ETag"] != before
    assert (
        api.get(f"/api/users/{user['id']}/").headers["ETag"] == changed.headers["ETag"]
    )


def test_a_stale_if_match_on_a_user_is_412_naming_the_version_and_changes_nothing(
    api: httpx.Client, shop: Shop
):
    user = shop.create_user(name="First")
    stale = api.get(f"/api/users/{user['id']}/").headers["ETag"]
    expect(
        api.patch(f"/api/users/{user['id']}/", json={"name": "Second"}), HTTPStatus.OK
    )

    response = api.patch(
        f"/api/users/{user['id']}/", json={"name": "Third"}, headers={"If-Match": stale}
    )

    assert response.status_code == HTTPStatus.PRECONDITION_FAILED
    assert response.json()["version"] == 2
    assert shop.get_user(user["id"])["name"] == "Second"


def test_a_current_if_match_on_a_user_lets_the_write_through(
    api: httpx.Client, shop: Shop
):
    user = shop.create_user()
    etag = api.get(f"/api/users/{user['id']}/").headers["ETag"]

    response = api.patch(
        f"/api/users/{user['id']}/", json={"name": "Next"}, headers={"If-Match": etag}
    )

    assert response.status_code == HTTPStatus.OK
    assert response.json()["version"] == user["version"] + 1


def test_a_malformed_if_match_is_a_400_and_changes_nothing(
    api: httpx.Client, shop: Shop
):
    user = shop.create_user(name="Kept")

    response = api.patch(
        f"/api/users/{user['id']}/", json={"name": "Lost"}, headers={"If-Match": "1"}
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "If-Match" in response.json()["detail"]
    assert shop.get_user(user["id"])["name"] == "Kept"


def test_an_order_read_carries_an_etag_that_if_none_match_turns_into_304(
    api: httpx.Client, shop: Shop
):
    order = shop.create_order()
    etag = api.get(f"/api/orders/{order['id']}/").headers["ETag"]

    response = api.get(f"/api/orders/{order['id']}/", headers={"If-None-Match": etag})

    assert response.status_code == HTTPStatus.NOT_MODIFIED


def test_a_stale_if_match_on_an_order_action_is_412_and_changes_nothing(
    api: httpx.Client, shop: Shop
):
    order = shop.create_order()
    stale = api.get(f"/api/orders/{order['id']}/").headers["ETag"]
    expect(api.post(f"/api/orders/{order['id']}/confirm/"), HTTPStatus.OK)

    response = api.post(
        f"/api/orders/{order['id']}/cancel/", headers={"If-Match": stale}
    )

    assert response.status_code == HTTPStatus.PRECONDITION_FAILED
    assert response.json()["version"] == 2
    assert shop.get_order(order["id"])["status"] == "confirmed"


def race_renames(
    base_url: str, api: httpx.Client, user_id: int, *, round_number: int
) -> Counter[int]:
    """Send RACERS renames of the user at once, all with the tag read just now.

    Each name is new: a rename to the name the user already has changes
    nothing, and would succeed beside the real winner.
    """
    path = f"/api/users/{user_id}/"
    etag = api.get(path).headers["ETag"]
    calls = [
        lambda client, n=n: client.patch(
            path,
            json={"name": f"Writer {round_number}.{n}"},
            headers={"If-Match": etag},
        )
        for n in range(RACERS)
    ]
    return statuses(send_in_parallel(base_url, calls))


def test_users_patched_in_parallel_with_one_etag_give_exactly_one_success(
    base_url: str, api: httpx.Client, shop: Shop
):
    user = shop.create_user()

    rounds = [
        race_renames(base_url, api, user["id"], round_number=number)
        for number in range(ROUNDS)
    ]

    one_winner = {HTTPStatus.OK: 1, HTTPStatus.PRECONDITION_FAILED: RACERS - 1}
    assert rounds == [one_winner] * ROUNDS
    assert shop.get_user(user["id"])["version"] == user["version"] + ROUNDS


def test_order_actions_sent_in_parallel_with_one_etag_give_exactly_one_success(
    base_url: str, api: httpx.Client, shop: Shop
):
    order = shop.create_order()
    etag = api.get(f"/api/orders/{order['id']}/").headers["ETag"]
    actions = ["confirm", "cancel"] * (RACERS // 2)
    calls = [
        lambda client, action=action: client.post(
            f"/api/orders/{order['id']}/{action}/", headers={"If-Match": etag}
        )
        for action in actions
    ]

    counted = statuses(send_in_parallel(base_url, calls))

    assert counted == {HTTPStatus.OK: 1, HTTPStatus.PRECONDITION_FAILED: RACERS - 1}
    assert shop.get_order(order["id"])["version"] == 2


def test_writes_without_if_match_in_parallel_all_succeed_as_before(
    base_url: str, shop: Shop
):
    user = shop.create_user()
    path = f"/api/users/{user['id']}/"
    calls = [patch(path, {"name": f"Writer {n}"}) for n in range(RACERS)]

    counted = statuses(send_in_parallel(base_url, calls))

    assert counted == {HTTPStatus.OK: RACERS}
    assert shop.get_user(user["id"])["version"] == user["version"] + RACERS
