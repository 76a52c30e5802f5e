"""Public API: creating, reading, listing and updating users."""

from datetime import datetime, timedelta
from http import HTTPStatus

USER_FIELDS = {
    "id",
    "name",
    "email",
    "is_active",
    "version",
    "created_at",
    "updated_at",
}


def test_user_create_returns_the_new_user(api, fresh_email):
    payload = {"name": "Ada Lovelace", "email": fresh_email}

    response = api.post("/api/users/", json=payload)

    assert response.status_code == HTTPStatus.CREATED
    body = response.json()
    assert body.keys() >= USER_FIELDS
    assert isinstance(body["id"], int)
    assert body["name"] == "Ada Lovelace"
    assert body["email"] == fresh_email
    assert body["is_active"] is True
    assert body["version"] == 1


def test_user_create_renders_timestamps_in_utc(api, fresh_email):
    payload = {"name": "Ada Lovelace", "email": fresh_email}

    body = api.post("/api/users/", json=payload).json()

    for field in ("created_at", "updated_at"):
        assert body[field].endswith(("Z", "+00:00")), body[field]
        assert datetime.fromisoformat(body[field]).utcoffset() == timedelta(0)


def test_user_retrieve_returns_the_user(api, user):
    response = api.get(f"/api/users/{user['id']}/")

    assert response.status_code == HTTPStatus.OK
    assert response.json() == user


def test_user_list_is_paginated(api, user):
    response = api.get("/api/users/")

    assert response.status_code == HTTPStatus.OK
    body = response.json()
    assert body.keys() >= {"count", "next", "previous", "results"}
    assert isinstance(body["count"], int)
    assert body["count"] >= 1
    assert body["previous"] is None
    assert isinstance(body["results"], list)


def test_user_list_renders_users_like_retrieve(api, user):
    response = api.get("/api/users/", params={"email": user["email"]})

    assert response.json()["results"] == [user]


def test_user_list_filters_by_email(api, shop, user):
    shop.create_user()

    response = api.get("/api/users/", params={"email": user["email"]})

    assert response.status_code == HTTPStatus.OK
    assert [found["id"] for found in response.json()["results"]] == [user["id"]]


def test_user_list_email_filter_ignores_case(api, shop, fresh_email):
    user = shop.create_user(email=fresh_email.upper())

    response = api.get("/api/users/", params={"email": fresh_email.lower()})

    assert [found["id"] for found in response.json()["results"]] == [user["id"]]


def test_user_list_email_filter_matches_whole_address_only(api, user):
    partial = user["email"].split("-", 1)[1]

    response = api.get("/api/users/", params={"email": partial})

    assert response.status_code == HTTPStatus.OK
    assert response.json()["results"] == []


def test_user_list_filters_by_is_active_true(api, user):
    params = {"email": user["email"], "is_active": "true"}

    response = api.get("/api/users/", params=params)

    assert [found["id"] for found in response.json()["results"]] == [user["id"]]


def test_user_list_is_active_false_excludes_active_user(api, user):
    params = {"email": user["email"], "is_active": "false"}

    response = api.get("/api/users/", params=params)

    assert response.status_code == HTTPStatus.OK
    assert response.json()["results"] == []


def test_user_update_name_returns_next_version(api, user):
    response = api.patch(f"/api/users/{user['id']}/", json={"name": "Ada King"})

    assert response.status_code == HTTPStatus.OK
    body = response.json()
    assert body["name"] == "Ada King"
    assert body["email"] == user["email"]
    assert body["version"] == 2


def test_user_update_is_visible_on_retrieve(api, shop, user):
    api.patch(f"/api/users/{user['id']}/", json={"name": "Ada King"})

    fetched = shop.get_user(user["id"])

    assert fetched["name"] == "Ada King"
    assert fetched["version"] == 2


def test_user_update_moves_updated_at_forward(api, user):
    response = api.patch(f"/api/users/{user['id']}/", json={"name": "Ada King"})

    body = response.json()
    before = datetime.fromisoformat(user["updated_at"])
    assert datetime.fromisoformat(body["updated_at"]) > before
    assert body["created_at"] == user["created_at"]


def test_user_update_email(api, user, fresh_email):
    response = api.patch(f"/api/users/{user['id']}/", json={"email": fresh_email})

    assert response.status_code == HTTPStatus.OK
    body = response.json()
    assert body["email"] == fresh_email
    assert body["name"] == user["name"]
    assert body["version"] == 2


def test_user_update_can_change_case_of_own_email(api, user):
    payload = {"email": user["email"].upper()}

    response = api.patch(f"/api/users/{user['id']}/", json=payload)

    assert response.status_code == HTTPStatus.OK
    assert response.json()["email"].lower() == user["email"]


def test_user_version_counts_every_change(api, shop, user):
    api.patch(f"/api/users/{user['id']}/", json={"name": "Ada King"})
    api.patch(f"/api/users/{user['id']}/", json={"name": "Ada Byron"})

    response = api.patch(f"/api/users/{user['id']}/", json={"name": "Countess"})

    assert response.json()["version"] == 4
    assert shop.get_user(user["id"])["version"] == 4


def test_user_answers_say_they_vary_with_accept_like_orders(api, user):
    # A cache in front of the API must not serve one rendering for another.
    for path in ("/api/users/", f"/api/users/{user['id']}/", "/api/orders/"):
        response = api.get(path)

        assert "Accept" in response.headers["Vary"], path
