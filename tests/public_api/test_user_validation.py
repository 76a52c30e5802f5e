"""Public API: the rules a user must satisfy, and the 400s that name the field."""

from http import HTTPStatus


def test_user_create_rejects_duplicate_email(api, user):
    payload = {"name": "Someone Else", "email": user["email"]}

    response = api.post("/api/users/", json=payload)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "email" in response.json()


def test_user_create_rejects_duplicate_email_in_other_case(api, user):
    payload = {"name": "Someone Else", "email": user["email"].upper()}

    response = api.post("/api/users/", json=payload)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "email" in response.json()


def test_user_update_rejects_email_of_another_user(api, shop, user):
    other = shop.create_user()

    response = api.patch(
        f"/api/users/{other['id']}/", json={"email": user["email"].upper()}
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "email" in response.json()


def test_rejected_user_update_changes_nothing(api, shop, user):
    other = shop.create_user()
    api.patch(f"/api/users/{other['id']}/", json={"email": user["email"]})

    fetched = shop.get_user(other["id"])

    assert fetched == other


def test_user_create_rejects_blank_name(api, fresh_email):
    payload = {"name": "", "email": fresh_email}

    response = api.post("/api/users/", json=payload)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "name" in response.json()


def test_user_create_rejects_whitespace_name(api, fresh_email):
    payload = {"name": "   ", "email": fresh_email}

    response = api.post("/api/users/", json=payload)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "name" in response.json()


def test_user_update_rejects_blank_name(api, user):
    response = api.patch(f"/api/users/{user['id']}/", json={"name": ""})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "name" in response.json()


def test_user_create_rejects_invalid_email(api):
    payload = {"name": "Ada Lovelace", "email": "not-an-email"}

    response = api.post("/api/users/", json=payload)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "email" in response.json()


def test_user_update_rejects_invalid_email(api, user):
    response = api.patch(f"/api/users/{user['id']}/", json={"email": "nope@"})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "email" in response.json()


def test_user_create_rejects_missing_fields(api):
    response = api.post("/api/users/", json={})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json().keys() >= {"name", "email"}


def test_user_create_rejects_null_fields(api):
    response = api.post("/api/users/", json={"name": None, "email": None})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json().keys() >= {"name", "email"}


def test_user_create_rejects_non_ascii_before_the_at(api, fresh_email):
    payload = {"name": "Kelvin", "email": "\N{KELVIN SIGN}" + fresh_email}

    response = api.post("/api/users/", json=payload)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "email" in response.json()


def test_user_update_rejects_non_ascii_before_the_at(api, user, fresh_email):
    email = "\N{KELVIN SIGN}" + fresh_email

    response = api.patch(f"/api/users/{user['id']}/", json={"email": email})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "email" in response.json()
