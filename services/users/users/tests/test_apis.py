"""Tests of the users HTTP API: status codes, bodies and query counts."""

from http import HTTPStatus

import pytest

from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

USER_FIELDS = {
    "id",
    "name",
    "email",
    "is_active",
    "credit_limit",
    "version",
    "created_at",
    "updated_at",
}
HUGE_ID = 10**30


def test_user_create_api_returns_201_with_the_new_user(api_client):
    payload = {"name": "Ann", "email": "ann@example.com"}

    response = api_client.post("/api/users/", payload, format="json")

    assert response.status_code == HTTPStatus.CREATED
    body = response.json()
    assert set(body) == USER_FIELDS
    assert (body["name"], body["email"]) == ("Ann", "ann@example.com")
    assert (body["is_active"], body["version"]) == (True, 1)


def test_user_api_renders_timestamps_in_utc(api_client):
    user = UserFactory()

    body = api_client.get(f"/api/users/{user.pk}/").json()

    assert body["created_at"].endswith("Z")
    assert body["updated_at"].endswith("Z")


def test_user_create_api_rejects_email_taken_in_another_case(api_client):
    UserFactory(email="ann@example.com")
    payload = {"name": "Ann", "email": "ANN@example.com"}

    response = api_client.post("/api/users/", payload, format="json")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()) == ["email"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": "  ", "email": "ann@example.com"}, "name"),
        ({"name": "Ann", "email": "not-an-email"}, "email"),
        ({"email": "ann@example.com"}, "name"),
    ],
    ids=["blank-name", "bad-email", "missing-name"],
)
def test_user_create_api_names_the_invalid_field(api_client, payload, field):
    response = api_client.post("/api/users/", payload, format="json")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()) == [field]


def test_user_create_api_rejects_a_kelvin_sign_before_the_at(api_client):
    UserFactory(email="ka@example.com")
    payload = {"name": "Kelvin", "email": "\N{KELVIN SIGN}a@example.com"}

    response = api_client.post("/api/users/", payload, format="json")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json() == {"email": ["Use only ASCII characters before the @."]}


def test_user_create_api_rejects_malformed_json(api_client):
    response = api_client.post(
        "/api/users/", "{not json", content_type="application/json"
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "detail" in response.json()


def test_user_create_api_rejects_a_json_list(api_client):
    payload = [{"name": "Ann", "email": "ann@example.com"}]

    response = api_client.post("/api/users/", payload, format="json")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()) == ["non_field_errors"]


def test_user_list_api_uses_two_queries(api_client, django_assert_num_queries):
    UserFactory.create_batch(5)

    with django_assert_num_queries(2):
        response = api_client.get("/api/users/")

    assert response.status_code == HTTPStatus.OK
    assert response.json()["count"] == 5


def test_user_list_api_without_filters_includes_inactive_users(api_client):
    active, inactive = UserFactory(), UserFactory(is_active=False)

    response = api_client.get("/api/users/")

    ids = [user["id"] for user in response.json()["results"]]
    assert ids == [active.pk, inactive.pk]


def test_user_list_api_filters_by_email_in_any_case(api_client):
    ann = UserFactory(email="ann@example.com")
    UserFactory()

    response = api_client.get("/api/users/", {"email": "ANN@EXAMPLE.COM"})

    assert [user["id"] for user in response.json()["results"]] == [ann.pk]


def test_user_list_api_filters_by_is_active(api_client):
    UserFactory()
    inactive = UserFactory(is_active=False)

    response = api_client.get("/api/users/", {"is_active": "false"})

    assert [user["id"] for user in response.json()["results"]] == [inactive.pk]


def test_user_list_api_rejects_an_is_active_that_is_not_a_boolean(api_client):
    response = api_client.get("/api/users/", {"is_active": "maybe"})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()) == ["is_active"]


def test_user_list_api_honours_page_size(api_client):
    UserFactory.create_batch(3)

    body = api_client.get("/api/users/", {"page_size": 2}).json()

    assert (body["count"], len(body["results"])) == (3, 2)
    assert body["next"].endswith("page=2&page_size=2")
    assert body["previous"] is None


def test_user_retrieve_api_returns_the_user(api_client):
    user = UserFactory(name="Ann")

    response = api_client.get(f"/api/users/{user.pk}/")

    assert response.status_code == HTTPStatus.OK
    assert (response.json()["id"], response.json()["name"]) == (user.pk, "Ann")


@pytest.mark.parametrize("user_id", [404, HUGE_ID], ids=["unknown", "huge"])
def test_user_retrieve_api_returns_404_json_for_unknown_id(api_client, user_id):
    response = api_client.get(f"/api/users/{user_id}/")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.json() == {"detail": f"User {user_id} does not exist."}


def test_user_update_api_returns_200_with_the_new_version(api_client):
    user = UserFactory(name="Ann")

    response = api_client.patch(
        f"/api/users/{user.pk}/", {"name": "Annie"}, format="json"
    )

    assert response.status_code == HTTPStatus.OK
    assert (response.json()["name"], response.json()["version"]) == ("Annie", 2)


def test_user_update_api_rejects_an_unknown_field(api_client):
    user = UserFactory()

    response = api_client.patch(
        f"/api/users/{user.pk}/", {"is_active": False}, format="json"
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()) == ["is_active"]
    user.refresh_from_db()
    assert user.is_active is True


def test_user_update_api_rejects_an_email_taken_by_another_user(api_client):
    UserFactory(email="bob@example.com")
    ann = UserFactory()

    response = api_client.patch(
        f"/api/users/{ann.pk}/", {"email": "bob@example.com"}, format="json"
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()) == ["email"]


def test_user_update_api_rejects_a_kelvin_sign_before_the_at(api_client):
    ann = UserFactory(email="ann@example.com")

    response = api_client.patch(
        f"/api/users/{ann.pk}/",
        {"email": "\N{KELVIN SIGN}a@example.com"},
        format="json",
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json() == {"email": ["Use only ASCII characters before the @."]}
    ann.refresh_from_db()
    assert ann.email == "ann@example.com"


@pytest.mark.parametrize("user_id", [404, HUGE_ID], ids=["unknown", "huge"])
def test_user_update_api_returns_404_for_unknown_id(api_client, user_id):
    response = api_client.patch(f"/api/users/{user_id}/", {"name": "X"}, format="json")

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_user_deactivate_api_returns_200_with_the_inactive_user(api_client):
    user = UserFactory()

    response = api_client.post(f"/api/users/{user.pk}/deactivate/")

    assert response.status_code == HTTPStatus.OK
    assert (response.json()["is_active"], response.json()["version"]) == (False, 2)


@pytest.mark.parametrize("user_id", [404, HUGE_ID], ids=["unknown", "huge"])
def test_user_deactivate_api_returns_404_for_unknown_id(api_client, user_id):
    response = api_client.post(f"/api/users/{user_id}/deactivate/")

    assert response.status_code == HTTPStatus.NOT_FOUND
