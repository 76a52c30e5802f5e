"""Tests of HttpUsersClient against a mock transport: requests sent, answers read.

The same client runs the full contract suite against a real users service in
tests/contracts/test_http_users_client.py.
"""

from collections.abc import Callable

import httpx
import pytest

from shared.users.client import UserNotFound, UserSnapshot, UsersServiceUnavailable
from shared.users.http import HttpUsersClient

ANN = {
    "id": 7,
    "name": "Ann",
    "email": "ann@example.com",
    "is_active": True,
    "version": 3,
}
Handler = Callable[[httpx.Request], httpx.Response]


def client_over(handler: Handler) -> HttpUsersClient:
    """Return a client whose requests the handler answers."""
    return HttpUsersClient(
        base_url="http://users.test",
        deadline=2.0,
        transport=httpx.MockTransport(handler),
    )


def page(*users: dict[str, object]) -> dict[str, object]:
    """Return a users list page holding these users."""
    return {"count": len(users), "next": None, "previous": None, "results": list(users)}


def test_user_get_asks_for_the_user_by_id_and_reads_a_snapshot() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={**ANN, "created_at": "2026-01-01T00:00:00Z"})

    user = client_over(answer).user_get(user_id=7)

    assert user == UserSnapshot(
        id=7, name="Ann", email="ann@example.com", is_active=True, version=3
    )
    assert [str(request.url) for request in seen] == ["http://users.test/api/users/7/"]
    assert seen[0].headers["accept"] == "application/json"


def test_user_get_raises_user_not_found_on_404() -> None:
    client = client_over(lambda request: httpx.Response(404, json={"detail": "no"}))

    with pytest.raises(UserNotFound):
        client.user_get(user_id=7)


def test_user_get_many_asks_once_for_a_page_of_ids() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=page(ANN))

    found = client_over(answer).user_get_many(user_ids=[7, 9, 7])

    assert set(found) == {7}
    assert len(seen) == 1
    assert seen[0].url.params.get_list("ids") == ["7", "9"]
    assert seen[0].url.params["page_size"] == "100"


def test_user_get_many_splits_more_than_one_hundred_ids() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=page())

    client_over(answer).user_get_many(user_ids=range(1, 251))

    assert [len(r.url.params.get_list("ids")) for r in seen] == [100, 100, 50]


def test_user_get_many_of_no_ids_sends_nothing() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise AssertionError("no request expected")

    assert client_over(refuse).user_get_many(user_ids=[]) == {}


def refuse_with(error: Exception) -> Handler:
    """Return a handler that raises error, as a transport failing would."""

    def fail(request: httpx.Request) -> httpx.Response:
        raise error

    return fail


@pytest.mark.parametrize(
    ("handler", "reason"),
    [
        (refuse_with(httpx.ConnectError("refused")), "cannot reach"),
        (refuse_with(httpx.ReadTimeout("slow")), "no answer within 2 s"),
        (lambda request: httpx.Response(503), "answered 503"),
        (lambda request: httpx.Response(500), "answered 500"),
        (lambda request: httpx.Response(200, text="<html>"), "not JSON"),
        (lambda request: httpx.Response(200, json=[1]), "not a user"),
        (
            lambda request: httpx.Response(200, json={"id": 7}),
            r"not a user \(Object missing required field `name`\)",
        ),
        (
            lambda request: httpx.Response(200, json={**ANN, "id": "7"}),
            r"not a user \(Expected `int`, got `str` - at `\$.id`\)",
        ),
        (
            lambda request: httpx.Response(200, json={**ANN, "is_active": 1}),
            r"Expected `bool`, got `int` - at `\$.is_active`",
        ),
        (lambda request: httpx.Response(400, json={}), "answered 400"),
        (lambda request: httpx.Response(200, json={**ANN, "id": 8}), "user 8 when"),
        (refuse_with(httpx.DecodingError("bad gzip")), "cannot be read"),
    ],
    ids=[
        "refused",
        "timeout",
        "503",
        "500",
        "html",
        "list",
        "missing-field",
        "wrong-type",
        "int-for-bool",
        "400",
        "another-user",
        "undecodable",
    ],
)
def test_user_get_turns_every_failure_into_users_service_unavailable(
    handler: Handler, reason: str
) -> None:
    with pytest.raises(UsersServiceUnavailable, match=reason):
        client_over(handler).user_get(user_id=7)


def test_user_get_many_reports_a_list_without_results() -> None:
    client = client_over(lambda request: httpx.Response(200, json={"count": 0}))

    with pytest.raises(
        UsersServiceUnavailable, match="missing required field `results`"
    ):
        client.user_get_many(user_ids=[7])


def test_user_get_many_names_the_field_of_a_malformed_user_in_the_list() -> None:
    client = client_over(
        lambda request: httpx.Response(200, json=page({**ANN, "version": "3"}))
    )

    with pytest.raises(UsersServiceUnavailable, match=r"at `\$.results\[0\].version`"):
        client.user_get_many(user_ids=[7])


def test_user_get_many_refuses_users_it_did_not_ask_for() -> None:
    stranger = {**ANN, "id": 8}
    client = client_over(lambda request: httpx.Response(200, json=page(ANN, stranger)))

    with pytest.raises(UsersServiceUnavailable, match=r"not asked for: \[8\]"):
        client.user_get_many(user_ids=[7])


def test_user_get_many_refuses_an_answer_spread_over_pages() -> None:
    more = {**page(ANN), "next": "http://users.test/api/users/?page=2"}
    client = client_over(lambda request: httpx.Response(200, json=more))

    with pytest.raises(UsersServiceUnavailable, match="did not fit one page"):
        client.user_get_many(user_ids=[7])


def test_users_all_reads_every_page_in_turn() -> None:
    bo = {**ANN, "id": 8, "name": "Bo", "email": "bo@example.com"}
    pages = {
        "1": {**page(ANN), "next": "http://users.test/api/users/?page=2"},
        "2": page(bo),
    }
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=pages[request.url.params["page"]])

    users = list(client_over(answer).users_all())

    assert [(user.id, user.name) for user in users] == [(7, "Ann"), (8, "Bo")]
    assert [dict(request.url.params) for request in seen] == [
        {"page": "1", "page_size": "100"},
        {"page": "2", "page_size": "100"},
    ]
