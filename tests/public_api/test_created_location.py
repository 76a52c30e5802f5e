"""Public API: a 201 says where the new resource lives, in a Location header."""

from http import HTTPStatus

from tests.public_api.payloads import line


def test_user_create_answers_with_the_location_of_the_new_user(api, fresh_email):
    response = api.post("/api/users/", json={"name": "Ada", "email": fresh_email})

    assert response.status_code == HTTPStatus.CREATED
    fetched = api.get(response.headers["location"])
    assert fetched.status_code == HTTPStatus.OK
    assert fetched.json() == response.json()


def test_order_create_answers_with_the_location_of_the_new_order(api, user):
    payload = {"user_id": user["id"], "lines": [line()]}

    response = api.post("/api/orders/", json=payload)

    assert response.status_code == HTTPStatus.CREATED
    fetched = api.get(response.headers["location"])
    assert fetched.status_code == HTTPStatus.OK
    assert fetched.json()["id"] == response.json()["id"]


def test_location_points_at_the_address_the_client_used(api, base_url, fresh_email):
    response = api.post("/api/users/", json={"name": "Ada", "email": fresh_email})

    assert response.headers["location"].startswith(f"{base_url}/api/users/")
