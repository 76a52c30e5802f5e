"""Tests of the changes feed: its order, its paging, its cursor and its guard."""

from http import HTTPStatus

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from users.services import user_create, user_update

pytestmark = pytest.mark.django_db

URL = "/internal/changes/"


def feed(*, secret: str | None = None, **query: str | int):
    """GET the feed with the shared secret (the right one unless told)."""
    token = settings.EVENTS_SECRET if secret is None else secret
    return APIClient().get(URL, query, HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.fixture
def changes() -> list[int]:
    """Make three changes of two users; return their sequences."""
    ann = user_create(name="Ann", email="ann@example.com")
    user_create(name="Bo", email="bo@example.com")
    user_update(user_id=ann.pk, name="Ann Lee")
    return list(range(1, 4))


def test_feed_gives_every_change_after_the_cursor_in_order(changes):
    response = feed(after=1)

    body = response.json()
    assert response.status_code == HTTPStatus.OK
    assert [(c["sequence"], c["name"]) for c in body["changes"]] == [
        (2, "Bo"),
        (3, "Ann Lee"),
    ]
    assert (body["last"], body["head"]) == (3, 3)


def test_feed_pages_by_limit_and_names_where_to_go_on(changes):
    body = feed(after=0, limit=2).json()

    assert [change["sequence"] for change in body["changes"]] == [1, 2]
    assert (body["last"], body["head"]) == (2, 3)


def test_feed_past_its_head_is_empty_and_keeps_the_cursor(changes):
    body = feed(after=3).json()

    assert (body["changes"], body["last"], body["head"]) == ([], 3, 3)


def test_each_change_is_a_user_changed_event(changes):
    change = feed(after=0, limit=1).json()["changes"][0]

    assert {key: change[key] for key in ("type", "change", "user_version")} == {
        "type": "UserChanged",
        "change": "created",
        "user_version": 1,
    }


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"after": "-1"}, "after"),
        ({"after": "x"}, "after"),
        ({"after": str(2**63)}, "after"),
        ({"limit": "0"}, "limit"),
        ({"limit": "501"}, "limit"),
    ],
)
def test_feed_refuses_a_bad_cursor_or_limit_naming_it(query, field):
    response = feed(**query)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert field in response.json()


def test_feed_refuses_a_caller_without_the_secret():
    response = feed(secret="wrong")

    assert response.status_code == HTTPStatus.UNAUTHORIZED
