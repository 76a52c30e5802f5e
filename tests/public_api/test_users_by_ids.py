"""Public API: the user list filtered by several ids, for one batched lookup.

Added in stage 2, when the orders of a page need their customers from the
users service in one request.
"""

from http import HTTPStatus

import pytest


def listed_ids(response):
    """Return the ids of the users a list response holds."""
    return [user["id"] for user in response.json()["results"]]


def test_user_list_by_ids_returns_those_users_in_id_order(api, shop):
    first, _between, third = (shop.create_user() for _ in range(3))

    response = api.get("/api/users/", params={"ids": [third["id"], first["id"]]})

    assert response.status_code == HTTPStatus.OK
    assert listed_ids(response) == [first["id"], third["id"]]


def test_user_list_by_ids_leaves_out_ids_that_name_no_user(api, user):
    response = api.get("/api/users/", params={"ids": [user["id"], 999_999_999]})

    assert listed_ids(response) == [user["id"]]


def test_user_list_by_ids_combines_with_the_other_filters(api, shop):
    active, inactive = shop.create_user(), shop.create_user()
    shop.deactivate_user(inactive["id"])
    params = {"ids": [active["id"], inactive["id"]], "is_active": "false"}

    response = api.get("/api/users/", params=params)

    assert listed_ids(response) == [inactive["id"]]


def test_user_list_takes_one_hundred_ids_at_most(api):
    response = api.get("/api/users/", params={"ids": list(range(1, 102))})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()) == ["ids"]


@pytest.mark.parametrize("value", ["", "abc", "0", "+1", "1,2"], ids=repr)
def test_user_list_refuses_an_id_that_is_not_a_whole_number(api, value):
    response = api.get("/api/users/", params={"ids": value})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()) == ["ids"]
